package i386mon.machine.pci;

import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.state.StateFormatException;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;

/**
 * The i440FX's programmable attribute map (PAM, datasheet 290549, 3.2.18): the BIOS area
 * 0xC0000-0xFFFFF in 13 segments (0xF0000-0xFFFFF whole, then 16 KiB each from 0xC0000), each
 * reading and writing either the ROM behind it (the firmware's low window, option ROM space) or
 * the DRAM "shadowing" it. Bit 0 of a segment's field is read enable, bit 1 write enable.
 *
 * <p>Physical memory holds one copy of the area in its banks, the one reads see; this class keeps
 * the other. A segment whose read enable changes swaps the two copies, so the fast paths never
 * look at PAM; then its pages become RAM (read and write enabled) or ROM (writes dropped).
 * Write-only shadowing (read from ROM, write to DRAM) is treated as ROM: SeaBIOS never uses it.
 */
final class ShadowRam {
    static final int SEGMENTS = 13;
    private static final int AREA = PhysicalMemory.ROM_START, AREA_SIZE = PhysicalMemory.ROM_END - PhysicalMemory.ROM_START;
    static final int READ = 1, WRITE = 2;

    private final transient PhysicalMemory memory;
    /** The copy not in physical memory now: DRAM where a segment reads ROM, ROM where it reads DRAM. */
    private final transient byte[] other = new byte[AREA_SIZE];
    /** Each segment's mode as applied (READ/WRITE bits). */
    private final byte[] mode = new byte[SEGMENTS];

    ShadowRam(PhysicalMemory memory) {
        this.memory = memory;
    }

    /** First address of segment {@code s}: 0 is 0xF0000 (64 KiB), 1-12 are 16 KiB each from 0xC0000. */
    static int start(int s) { return s == 0 ? 0xF0000 : AREA + (s - 1) * 0x4000; }

    static int size(int s) { return s == 0 ? 0x10000 : 0x4000; }

    /** Gives segment {@code s} mode {@code m}, moving the copies when which one reads changes. */
    void set(int s, int m) {
        m &= READ | WRITE;
        if (((mode[s] ^ m) & READ) != 0) swap(s);
        mode[s] = (byte) m;
        applyKind(s);
    }

    /** Every segment reads ROM again and the DRAM copy is cleared (power-on). */
    void powerOn() {
        for (int s = 0; s < SEGMENTS; s++) set(s, 0);
        java.util.Arrays.fill(other, (byte) 0);
    }

    /** Writes the copy not in physical memory, page by page, an all-zero page as one flag (most are). */
    void saveCopy(StateWriter out) {
        byte[] page = new byte[4096];
        for (int at = 0; at < AREA_SIZE; at += 4096) {
            System.arraycopy(other, at, page, 0, 4096);
            boolean zero = java.util.Arrays.equals(page, new byte[4096]);
            out.bool(!zero);
            if (!zero) out.bytes(page);
        }
    }

    /** Reads what {@link #saveCopy} wrote. */
    void restoreCopy(StateReader in) {
        for (int at = 0; at < AREA_SIZE; at += 4096) {
            byte[] page = in.bool() ? in.bytes() : new byte[4096];
            if (page.length != 4096) throw new StateFormatException("the saved shadow RAM has a page of " + page.length + " bytes");
            System.arraycopy(page, 0, other, at, 4096);
        }
    }

    /** Page kinds from the modes again, after a snapshot restored the modes and both copies. */
    void restored() {
        for (int s = 0; s < SEGMENTS; s++) applyKind(s);
    }

    private void applyKind(int s) {
        boolean ram = (mode[s] & (READ | WRITE)) == (READ | WRITE);
        memory.setBiosAreaKind(start(s), start(s) + size(s), ram ? PhysicalMemory.RAM : PhysicalMemory.ROM);
    }

    private void swap(int s) {
        byte[] page = new byte[4096];
        byte[] saved = new byte[4096];
        for (int a = start(s); a < start(s) + size(s); a += 4096) {
            int page4k = a >>> PhysicalMemory.PAGE_SHIFT;
            memory.readPage(page4k, page);
            System.arraycopy(other, a - AREA, saved, 0, 4096);
            System.arraycopy(page, 0, other, a - AREA, 4096);
            memory.writePage(page4k, saved);
        }
    }
}
