package i386mon.machine.boot;

import i386mon.machine.firmware.FirmwareTables;
import java.util.List;

/**
 * The memory map a PC BIOS reports through INT 15h E820 for this machine, which the loaders hand to
 * the kernel: conventional memory below the extended BIOS data area, the EBDA and the BIOS ROM
 * reserved, the VGA window 0xA0000-0xEFFFF not listed (it is not memory), RAM from 1 MiB up to the
 * firmware tables SeaBIOS keeps in the last 128 KiB of RAM (reserved), and the 256 KiB BIOS flash
 * below 4 GiB (reserved): the map QEMU 7.2 gives a multiboot kernel, so kernels print the same.
 */
final class BiosMemoryMap {
    static final int AVAILABLE = 1, RESERVED = 2;
    static final long EBDA = 0x9FC00, VGA_HOLE = 0xA0000, BIOS_ROM = 0xF0000, HIGH_MEMORY = 0x100000;
    static final long FIRMWARE_TABLES = FirmwareTables.TOP_OF_RAM_AREA, BIOS_FLASH = 0xFFFC0000L, FOUR_GIB = 0x1_0000_0000L;

    record Entry(long base, long length, int type) { }

    private BiosMemoryMap() { }

    static List<Entry> entries(long ramSize) {
        return List.of(
                new Entry(0, EBDA, AVAILABLE),
                new Entry(EBDA, VGA_HOLE - EBDA, RESERVED),
                new Entry(BIOS_ROM, HIGH_MEMORY - BIOS_ROM, RESERVED),
                new Entry(HIGH_MEMORY, usableEnd(ramSize) - HIGH_MEMORY, AVAILABLE),
                new Entry(usableEnd(ramSize), FIRMWARE_TABLES, RESERVED),
                new Entry(BIOS_FLASH, FOUR_GIB - BIOS_FLASH, RESERVED));
    }

    /** End of the RAM a kernel may use: below the firmware's tables at the top of RAM. */
    static long usableEnd(long ramSize) {
        return ramSize - FIRMWARE_TABLES;
    }

    /** Conventional memory in KiB, as INT 12h reports it (multiboot mem_lower). */
    static long lowerKiB() { return EBDA / 1024; }

    /** Memory from 1 MiB to the end of RAM in KiB (multiboot mem_upper). */
    static long upperKiB(long ramSize) { return (usableEnd(ramSize) - HIGH_MEMORY) / 1024; }
}
