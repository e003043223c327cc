package i386mon.machine.floppy;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.dma.Dma8237;
import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A board with the DMA pair and the floppy controller, a diskette image in a temporary directory, and port helpers. */
final class FdcRig {
    static final int SIZE_144 = 1_474_560;
    final IoBus bus = new IoBus();
    final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    final VirtualClock clock = new VirtualClock();
    final boolean[] irq = new boolean[16];
    final Dma8237 dma;
    final FloppyController fdc;
    final Path image;

    FdcRig(Path dir, int size, boolean readOnly) throws IOException { this(dir, size, readOnly, false); }

    /** A rig whose diskette is opened for {@code -snapshot} when {@code snapshot}. */
    FdcRig(Path dir, int size, boolean readOnly, boolean snapshot) throws IOException {
        IrqSink sink = (line, high) -> irq[line] = high;
        Board board = new Board(bus, memory, clock, new i386mon.machine.interrupts.InterruptRouter(1));
        dma = board.add(new Dma8237(memory));
        fdc = board.add(new FloppyController(sink, dma, clock::nanos));
        image = dir.resolve("disk.img");
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (i / 512 * 7 + i);
        if (snapshot) java.util.Arrays.fill(bytes, (byte) 0);
        Files.write(image, bytes);
        if (size > 0) fdc.insert(0, FloppyImage.open(image, readOnly, snapshot));
    }

    FdcRig(Path dir) throws IOException { this(dir, SIZE_144, false); }

    int msr() { return bus.in(0x3F4, 1); }

    /** Sends a command and its parameters through the FIFO, each when the MSR asks for it. */
    void command(int... bytes) {
        for (int b : bytes) {
            if ((msr() & 0xC0) != 0x80) throw new AssertionError(String.format("MSR %02x before byte %02x", msr(), b));
            bus.out(0x3F5, 1, b);
        }
    }

    /** Reads the result phase's bytes. */
    int[] result() {
        int[] out = new int[16];
        int n = 0;
        while ((msr() & 0xD0) == 0xD0) out[n++] = bus.in(0x3F5, 1);
        return java.util.Arrays.copyOf(out, n);
    }

    /** Resets through the DOR (drive 0 motor on, DMA gate on) and answers the four sense interrupts. */
    void resetAndSense() {
        bus.out(0x3F2, 1, 0x00);
        bus.out(0x3F2, 1, 0x1C);
        for (int i = 0; i < 4; i++) {
            command(0x08);
            result();
        }
    }

    /** READ DATA (multi-track, MFM, skip) by DMA from C/H/R up to EOT of drive 0 into {@code count} bytes at {@code address}: the result bytes. */
    int[] readByDma(int address, int count, int c, int h, int r, int eot) {
        dmaForRead(address, count);
        command(0xE6, h << 2, c, h, r, 2, eot, 0x1B, 0xFF);
        return result();
    }

    /** WRITE DATA (multi-track, MFM) by DMA of {@code count} bytes at {@code address}: the result bytes. */
    int[] writeByDma(int address, int count, int c, int h, int r, int eot) {
        dmaForWrite(address, count);
        command(0xC5, h << 2, c, h, r, 2, eot, 0x1B, 0xFF);
        return result();
    }

    /** Channel 2, single mode, write to memory (a disk read) of {@code count} bytes at {@code address}, unmasked. */
    void dmaForRead(int address, int count) { dma(0x46, address, count); }

    void dmaForWrite(int address, int count) { dma(0x4A, address, count); }

    private void dma(int mode, int address, int count) {
        bus.out(0x0A, 1, 0x06);
        bus.out(0x0C, 1, 0);
        bus.out(0x0B, 1, mode);
        bus.out(0x04, 1, address & 0xFF);
        bus.out(0x04, 1, address >> 8 & 0xFF);
        bus.out(0x81, 1, address >> 16);
        bus.out(0x05, 1, count - 1 & 0xFF);
        bus.out(0x05, 1, count - 1 >> 8);
        bus.out(0x0A, 1, 0x02);
    }

    /** The byte the image holds at {@code offset}, as the rig fills it. */
    static byte pattern(int offset) { return (byte) (offset / 512 * 7 + offset); }
}
