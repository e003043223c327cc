package i386mon.machine.boot;

import java.util.List;

/**
 * The memory map a PC BIOS reports through INT 15h E820 for this machine, which the loaders hand to
 * the kernel: conventional memory below the extended BIOS data area, the EBDA and the BIOS ROM
 * reserved, the VGA window 0xA0000-0xEFFFF not listed (it is not memory), and RAM from 1 MiB.
 */
final class BiosMemoryMap {
    static final int AVAILABLE = 1, RESERVED = 2;
    static final long EBDA = 0x9FC00, VGA_HOLE = 0xA0000, BIOS_ROM = 0xF0000, HIGH_MEMORY = 0x100000;

    record Entry(long base, long length, int type) { }

    private BiosMemoryMap() { }

    static List<Entry> entries(long ramSize) {
        return List.of(
                new Entry(0, EBDA, AVAILABLE),
                new Entry(EBDA, VGA_HOLE - EBDA, RESERVED),
                new Entry(BIOS_ROM, HIGH_MEMORY - BIOS_ROM, RESERVED),
                new Entry(HIGH_MEMORY, ramSize - HIGH_MEMORY, AVAILABLE));
    }

    /** Conventional memory in KiB, as INT 12h reports it (multiboot mem_lower). */
    static long lowerKiB() { return EBDA / 1024; }

    /** Memory from 1 MiB to the end of RAM in KiB (multiboot mem_upper). */
    static long upperKiB(long ramSize) { return (ramSize - HIGH_MEMORY) / 1024; }
}
