package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.RING3;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import i386mon.machine.io.IoDevice;
import org.junit.jupiter.api.Test;

/** IN/OUT at CPL 3: IOPL first, then the TSS I/O permission bitmap (SDM vol. 1, 19.5). */
class IoPermissionTest {
    /** A second TSS (GDT index 6, selector 0x30) with a full 64 Ki-port bitmap, above the harness's tables. */
    private static final int BITMAP_TSS = 0x100000;

    private static CpuHarness harness() {
        CpuHarness h = new CpuHarness();
        h.io.register(0x60, 2, new IoDevice() {
            @Override
            public int in(int port, int size) { return port == 0x60 ? 0x42 : 0x43; }

            @Override
            public void out(int port, int size, int value) { h.mem.write32(0x600, value); }
        });
        return h;
    }

    /** Loads TR with a TSS whose bitmap allows ports 0x60 only (bit clear = allowed). */
    private static CpuHarness withBitmap(CpuHarness h) {
        int bitmap = 0x68, bytes = 0x10000 / 8;
        h.mem.write32(BITMAP_TSS + 4, CpuHarness.RING0_STACK_TOP); // ESP0
        h.mem.write32(BITMAP_TSS + 8, 0x10); // SS0
        for (int k = 0; k < bytes; k++) h.mem.write8(BITMAP_TSS + bitmap + k, 0xFF);
        h.mem.write8(BITMAP_TSS + bitmap + bytes, 0xFF); // the terminating byte the SDM asks for
        h.mem.write8(BITMAP_TSS + bitmap + 0x60 / 8, 0xFE);
        h.mem.write16(BITMAP_TSS + 0x66, bitmap);
        h.gdt(6, CpuHarness.descriptor(BITMAP_TSS, bitmap + bytes, 0x89, 0));
        return h;
    }

    @Test
    void inAtCpl3WithIoplZeroAndNoBitmapIsGpZero() {
        CpuHarness h = harness().code(RING3 + "fault: in $0x60,%al").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void inAtCpl3WithIoplThreeReadsThePort() {
        CpuHarness h = harness().code("pushf\n orl $0x3000,(%esp)\n popf\n" + RING3 + "in $0x60,%al\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0x42, h.reg(Cpu.EAX) & 0xFF);
    }

    @Test
    void bitmapAllowsItsClearPortAtCpl3() {
        CpuHarness h = withBitmap(harness()).code("mov $0x30,%ax\n ltr %ax\n" + RING3 + "in $0x60,%al\n out %al,$0x60\n int $0x80").run();
        assertEquals(CpuHarness.USER_VECTOR, h.vector());
        assertEquals(0x42, h.reg(Cpu.EAX) & 0xFF);
        assertEquals(0x42, h.mem.read32(0x600));
    }

    @Test
    void bitmapDeniesItsSetPortAtCpl3() {
        CpuHarness h = withBitmap(harness()).code("mov $0x30,%ax\n ltr %ax\n" + RING3 + "fault: in $0x61,%al").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void wordAccessNeedsEveryPortAllowed() {
        CpuHarness h = withBitmap(harness()).code("mov $0x30,%ax\n ltr %ax\n" + RING3 + "mov $0x60,%dx\nfault: in (%dx),%ax").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault"), h.stack(1));
    }

    @Test
    void outsAtCpl3WithADeniedPortIsGpBeforeAnyOutput() {
        CpuHarness h = harness().code(RING3 + "mov $0x60,%dx\n mov $0x80000,%esi\nfault: outsb").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0, h.mem.read32(0x600));
    }

    @Test
    void ioAtCpl0IgnoresTheBitmap() {
        CpuHarness h = harness().code("in $0x61,%al").run();
        assertEquals(-1, h.vector());
        assertEquals(0x43, h.reg(Cpu.EAX) & 0xFF);
    }
}
