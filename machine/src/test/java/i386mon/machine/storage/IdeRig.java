package i386mon.machine.storage;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Both IDE channels on a board of their own, driven through their ports as a guest would. */
final class IdeRig {
    static final int BMIDE_BASE = 0xC040; // where SeaBIOS puts the PIIX IDE function's BAR4 under QEMU

    final IoBus io = new IoBus();
    final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    final boolean[] irq = new boolean[16];
    final int[] rises = new int[16];
    final IdeStorage storage;
    final Board board;

    IdeRig(StorageConfig config) {
        InterruptRouter router = new InterruptRouter(1);
        router.connectIsa((line, high) -> {
            if (high && !irq[line]) rises[line]++;
            irq[line] = high;
        }, InterruptRouter.SAME_LINE);
        board = new Board(io, memory, new VirtualClock(), router);
        storage = new IdeStorage(board, memory, config);
        storage.busMaster().mapAt(BMIDE_BASE);
    }

    /** A rig with raw images at the given IDE positions (null: none). */
    static IdeRig withDisks(Path... images) {
        StorageConfig c = StorageConfig.none();
        for (int i = 0; i < images.length; i++) if (images[i] != null) c = c.withDrive(new DriveSpec(i, images[i], DriveMedia.DISK, false));
        return new IdeRig(c);
    }

    /** A file of {@code sectors} sectors where byte k of sector s is (s * 7 + k) & 0xFF. */
    static Path patterned(Path dir, String name, int sectors) throws IOException {
        byte[] b = new byte[sectors * 512];
        for (int s = 0; s < sectors; s++) for (int k = 0; k < 512; k++) b[s * 512 + k] = (byte) (s * 7 + k);
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    static byte pattern(long sector, int k) { return (byte) (sector * 7 + k); }

    int in(int port) { return io.in(port, 1); }

    int inw(int port) { return io.in(port, 2); }

    void out(int port, int v) { io.out(port, 1, v); }

    /** Writes the task file of channel base {@code b} (device/head last but one) and the command. */
    void command(int b, int device, int count, long lba, int cmd) {
        out(b + 6, device);
        out(b + 2, count);
        out(b + 3, (int) lba & 0xFF);
        out(b + 4, (int) (lba >>> 8) & 0xFF);
        out(b + 5, (int) (lba >>> 16) & 0xFF);
        out(b + 7, cmd);
    }

    /** LBA48: the high-order bytes first, then the low ones (each register is a two-deep FIFO). */
    void command48(int b, int device, int count, long lba, int cmd) {
        out(b + 6, device);
        out(b + 2, count >>> 8);
        out(b + 3, (int) (lba >>> 24) & 0xFF);
        out(b + 4, (int) (lba >>> 32) & 0xFF);
        out(b + 5, (int) (lba >>> 40) & 0xFF);
        out(b + 2, count & 0xFF);
        out(b + 3, (int) lba & 0xFF);
        out(b + 4, (int) (lba >>> 8) & 0xFF);
        out(b + 5, (int) (lba >>> 16) & 0xFF);
        out(b + 7, cmd);
    }

    /** Sends PACKET and then the 12-byte packet {@code bytes} (PIO, byte count limit {@code bcl}) to the master of channel base {@code b}; returns the status after it. */
    int packet(int b, int bcl, int... bytes) {
        out(b + 6, 0xA0);
        out(b + 1, 0);
        out(b + 4, bcl & 0xFF);
        out(b + 5, bcl >>> 8);
        out(b + 7, AtaDrive.PACKET);
        byte[] p = new byte[12];
        for (int i = 0; i < bytes.length; i++) p[i] = (byte) bytes[i];
        writeData(b, p);
        return in(b + 7);
    }

    /** Reads {@code bytes} from the data port of channel base {@code b}, 16 bits at a time. */
    byte[] readData(int b, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i += 2) {
            int w = inw(b);
            out[i] = (byte) w;
            out[i + 1] = (byte) (w >>> 8);
        }
        return out;
    }

    void writeData(int b, byte[] data) {
        for (int i = 0; i < data.length; i += 2) io.out(b, 2, data[i] & 0xFF | (data[i + 1] & 0xFF) << 8);
    }

    /** Puts a PRD table at {@code table}: (address, byte count) pairs, the last marked end-of-table. */
    void prdTable(long table, List<long[]> entries) {
        for (int i = 0; i < entries.size(); i++) {
            memory.write32(table + 8L * i, (int) entries.get(i)[0]);
            int control = (int) entries.get(i)[1] & 0xFFFF;
            if (i == entries.size() - 1) control |= 0x8000_0000;
            memory.write32(table + 8L * i + 4, control);
        }
    }
}
