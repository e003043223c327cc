package i386mon.machine.storage;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.PhysicalMemory;

/**
 * The PIIX IDE function's bus-master DMA register block (BMIDE, 16 ports at BAR4; Intel 82371SB
 * datasheet 2.7): per channel a command register (bit 0 start, bit 3 direction), a status register
 * (bit 0 active, bit 1 error, bit 2 interrupt, both write-1-to-clear; bits 5-6 "drive DMA capable"
 * kept for the guest) and the PRD table's address. A PRD entry is a 32-bit buffer address, a 16-bit
 * byte count (0 means 64 KiB, bit 0 ignored) and bit 31 of the second dword ending the table.
 *
 * <p>Data reaches guest RAM through {@link PhysicalMemory}'s guest write path, as the CPU's stores
 * do, so code cached from the page is dropped and physical watchpoints see it. As QEMU does, the
 * direction bit is not checked against the command, and the Error bit is never set (there is no
 * bus abort on this board). As in QEMU's ide_dma_cb, a table holding more whole sectors than the
 * request leaves Active set after the interrupt, and a table holding fewer moves nothing and ends
 * without one; with the PCI function's Bus Master Enable bit off the engine reads zeros (its PRD
 * table too) and its writes are lost. The PIIX IDE function decodes it at its BAR4 as an {@code IoWindow};
 * {@link #mapAt} puts it at a fixed port instead (a board without PCI, the port-level tests).
 */
public final class BusMasterDma implements BoardDevice, IoDevice, i386mon.machine.pci.IoWindow {
    public static final int PORTS = 16;
    static final int CMD_START = 0x01, CMD_WRITE_TO_MEMORY = 0x08;
    static final int STATUS_ACTIVE = 0x01, STATUS_ERROR = 0x02, STATUS_INTERRUPT = 0x04;
    /** QEMU's fail-safe: a table that never ends is read for one page (512 entries) at most. */
    private static final int TABLE_LIMIT = 4096;

    private final transient PhysicalMemory memory;
    private final Channel[] channels = new Channel[2];
    private transient Board board;
    /** The PCI command register's Bus Master Enable bit; always on for a board without PCI. */
    private transient java.util.function.BooleanSupplier busMastering = () -> true;
    /** The I/O base the PCI BAR maps the block at, or -1 while unmapped. */
    int base = -1;

    /** The engine for {@code primary} and {@code secondary}, moving data in {@code memory}. */
    public BusMasterDma(PhysicalMemory memory, AtaChannel primary, AtaChannel secondary) {
        this.memory = memory;
        channels[0] = new Channel(primary);
        channels[1] = new Channel(secondary);
        primary.connectBusMaster(channels[0]);
        secondary.connectBusMaster(channels[1]);
    }

    @Override
    public void attach(Board b) { board = b; }

    /**
     * With bus mastering off the engine still runs, but as QEMU's disabled bus-master address space
     * does: its reads (the PRD table too) see zeros and its writes go nowhere.
     */
    public void busMasteringFrom(java.util.function.BooleanSupplier enabled) { busMastering = enabled; }

    /** Decodes the 16 ports from {@code ioBase} (the PCI function's BAR4), leaving any previous window. */
    public void mapAt(int ioBase) {
        unmap();
        board.ports(ioBase, PORTS, this);
        base = ioBase;
    }

    /** Stops decoding the ports (the BAR moved or I/O decoding was switched off). */
    public void unmap() {
        if (base >= 0) board.releasePorts(base, PORTS, this);
        base = -1;
    }

    /** The I/O base the block is mapped at, or -1. */
    public int base() { return base; }

    /** Re-applies the window after a snapshot restore. */
    @Override
    public void restoreState(i386mon.machine.state.StateReader in, java.util.Set<Object> others) {
        int before = base;
        BoardDevice.super.restoreState(in, others);
        int after = base;
        base = before;
        if (after != before) {
            if (after >= 0) mapAt(after);
            else unmap();
        }
    }

    @Override
    public int in(int port, int size) { return read(port - base, size); }

    @Override
    public void out(int port, int size, int value) { write(port - base, size, value); }

    /** Register {@code off} (0-15) of the block, wherever it is decoded (the PIIX IDE function's BAR4). */
    @Override
    public int read(int off, int size) {
        Channel c = channels[off >> 3];
        int reg = off & 7;
        if (reg >= 4) return (int) (c.prdTable >>> (8 * (reg - 4))) & (int) ((1L << (8 * size)) - 1);
        if (size != 1) return (int) ((1L << (8 * size)) - 1); // the command and status registers are byte-wide
        return switch (reg) {
            case 0 -> c.cmd;
            case 2 -> c.status;
            default -> 0xFF;
        };
    }

    @Override
    public void write(int off, int size, int value) {
        Channel c = channels[off >> 3];
        int reg = off & 7;
        if (reg >= 4) {
            int shift = 8 * (reg - 4);
            long mask = ((1L << (8 * size)) - 1) << shift;
            c.prdTable = (c.prdTable & ~mask | ((long) value << shift) & mask) & 0xFFFF_FFFCL;
            return;
        }
        if (size != 1) return;
        if (reg == 0) c.writeCommand(value);
        else if (reg == 2) c.status = value & 0x60 | c.status & STATUS_ACTIVE | c.status & ~value & (STATUS_ERROR | STATUS_INTERRUPT);
    }

    /** Channel {@code n}'s registers as the monitor shows them. */
    BusMasterPort channel(int n) { return channels[n]; }

    /** One channel's registers and its PRD walk. */
    final class Channel implements BusMasterPort {
        private final transient AtaChannel ata;
        int cmd;
        int status;
        long prdTable;
        /** The last transfer's table described more whole sectors than it moved. */
        boolean tableLonger;

        Channel(AtaChannel ata) { this.ata = ata; }

        void writeCommand(int v) {
            boolean wasStarted = (cmd & CMD_START) != 0;
            cmd = v & (CMD_START | CMD_WRITE_TO_MEMORY);
            if (wasStarted == ((v & CMD_START) != 0)) return;
            if ((v & CMD_START) == 0) {
                status &= ~STATUS_ACTIVE; // a stop aborts the transfer
            } else if ((status & STATUS_ACTIVE) == 0) {
                status |= STATUS_ACTIVE;
                ata.busMasterStarted();
            }
        }

        @Override public boolean active() { return (status & STATUS_ACTIVE) != 0; }

        @Override public void finished() { status &= ~STATUS_ACTIVE; }

        @Override public boolean tableLongerThanTransfer() { return tableLonger; }

        @Override public void interrupted() { status |= STATUS_INTERRUPT; }

        @Override public int command() { return cmd; }

        @Override public int status() { return status; }

        @Override public long prdTable() { return prdTable; }

        @Override
        public java.util.List<long[]> prdEntries(int max) {
            java.util.List<long[]> out = new java.util.ArrayList<>();
            boolean last = false;
            for (long entry = prdTable; !last && out.size() < max && entry - prdTable < TABLE_LIMIT; entry += 8) {
                long control = memory.peek32(entry + 4);
                long count = control & 0xFFFE;
                last = (control & 0x8000_0000L) != 0;
                out.add(new long[] { memory.peek32(entry), count == 0 ? 0x10000 : count, last ? 1 : 0 });
            }
            return out;
        }

        @Override
        public boolean transfer(byte[] buf, int len, boolean toMemory) {
            long[] segments = segments(len);
            if (segments == null) return false;
            int done = 0;
            for (int i = 0; i < segments.length; i += 2) {
                int n = (int) segments[i + 1];
                if (toMemory) copyToMemory(segments[i], buf, done, n);
                else copyFromMemory(segments[i], buf, done, n);
                done += n;
            }
            return true;
        }

        /**
         * (address, length) pairs covering {@code len} bytes from the PRD table, or null if it ends
         * first. The walk goes on to the end of the table, as QEMU's bmdma_prepare_buf does, to
         * learn whether the table holds more whole sectors than the request ({@link #tableLonger}).
         */
        private long[] segments(int len) {
            long[] out = new long[16];
            int k = 0;
            long covered = 0;
            boolean last = false;
            for (long entry = prdTable; !last && entry - prdTable < TABLE_LIMIT; entry += 8) {
                boolean on = busMastering.getAsBoolean();
                long addr = on ? memory.read32(entry) & 0xFFFF_FFFFL : 0;
                int control = on ? memory.read32(entry + 4) : 0;
                int count = control & 0xFFFE;
                if (count == 0) count = 0x10000; // the 64 KiB-as-zero rule
                last = control < 0;
                int take = (int) Math.min(count, Math.max(0, len - covered));
                if (take > 0) {
                    if (k == out.length) out = java.util.Arrays.copyOf(out, 2 * k);
                    out[k++] = addr;
                    out[k++] = take;
                }
                covered += count;
            }
            if (covered < len) return null; // the table ended before the request was covered
            tableLonger = covered >> 9 > len >> 9;
            return java.util.Arrays.copyOf(out, k);
        }

        private void copyToMemory(long addr, byte[] buf, int off, int n) {
            if (!busMastering.getAsBoolean()) return;
            int i = 0;
            for (; i < n && ((addr + i) & 3) != 0; i++) memory.write8(addr + i, buf[off + i]);
            for (; i + 4 <= n; i += 4) {
                int p = off + i;
                memory.write32(addr + i, buf[p] & 0xFF | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF) << 16 | buf[p + 3] << 24);
            }
            for (; i < n; i++) memory.write8(addr + i, buf[off + i]);
        }

        private void copyFromMemory(long addr, byte[] buf, int off, int n) {
            if (!busMastering.getAsBoolean()) {
                java.util.Arrays.fill(buf, off, off + n, (byte) 0);
                return;
            }
            int i = 0;
            for (; i < n && ((addr + i) & 3) != 0; i++) buf[off + i] = (byte) memory.read8(addr + i);
            for (; i + 4 <= n; i += 4) {
                int v = memory.read32(addr + i);
                buf[off + i] = (byte) v;
                buf[off + i + 1] = (byte) (v >>> 8);
                buf[off + i + 2] = (byte) (v >>> 16);
                buf[off + i + 3] = (byte) (v >>> 24);
            }
            for (; i < n; i++) buf[off + i] = (byte) memory.read8(addr + i);
        }
    }
}
