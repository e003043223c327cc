package i386mon.machine.floppy;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.clock.TimerSource;
import i386mon.machine.dma.Dma8237;
import i386mon.machine.dma.DmaPort;
import i386mon.machine.dma.DmaRequester;
import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.io.IoDevice;
import i386mon.machine.state.StateFormatException;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.state.Stateful;
import java.util.function.LongSupplier;

/**
 * The PC's floppy disk controller, an 82077AA as QEMU's fdc models it (its VERSION answers 0x90,
 * the 82077AA/82078's enhanced controller): registers at 0x3F0-0x3F5 and 0x3F7 (0x3F6 belongs to
 * the primary IDE channel), IRQ 6, DMA channel 2, two drives. Commands go through the FIFO in
 * three phases (command bytes, execution, result bytes) with the MSR telling the guest which; the
 * result bytes and ST0-ST3 are QEMU's. Data move by DMA, or through the FIFO byte by byte when
 * SPECIFY selected non-DMA mode (or the DOR's DMA gate is off).
 */
public final class FloppyController implements BoardDevice, DmaRequester, TimerSource {
    public static final ViewTopic VIEW = new ViewTopic("fdc",
            "Show the floppy controller's registers and phase and each drive's diskette and head position.");
    public static final int BASE = 0x3F0;
    public static final int IRQ = 6;
    public static final int VERSION = 0x90;

    // Register bits (82077AA data sheet; QEMU's names).
    static final int DOR_SELECT = 0x01, DOR_NRESET = 0x04, DOR_DMA = 0x08, DOR_MOTOR0 = 0x10, DOR_MOTOR1 = 0x20;
    static final int MSR_BUSY = 0x10, MSR_NONDMA = 0x20, MSR_DIO = 0x40, MSR_RQM = 0x80;
    static final int DSR_RATE = 0x03, DSR_PWRDOWN = 0x40, DSR_SWRESET = 0x80;
    static final int SRA_NDRV2 = 0x40, SRA_INTPEND = 0x80;
    static final int SRB_MTR0 = 0x01, SRB_MTR1 = 0x02, SRB_DR0 = 0x20;
    static final int ST0_HEAD = 0x04, ST0_SEEK = 0x20, ST0_ABNTERM = 0x40, ST0_INVCMD = 0x80, ST0_RDYCHG = 0xC0;
    static final int ST1_MA = 0x01, ST1_NW = 0x02, ST1_ND = 0x04, ST1_EC = 0x80;
    static final int DIR_DSKCHG = 0x80;
    /** Sense-interrupt answers owed after a reset: one per drive the 82077AA polls. */
    private static final int RESET_SENSEI_COUNT = 4;
    /** READ ID answers after the index hole passes: QEMU waits 1/50 s. */
    private static final long READ_ID_NANOS = 20_000_000L;
    private static final int SECTOR = FloppyGeometry.SECTOR_SIZE;

    enum Phase { COMMAND, EXECUTION, RESULT }

    private enum Direction { WRITE, READ, VERIFY }

    private final IrqSink irqs;
    private final Dma8237 dma;
    private final LongSupplier nanos;
    private final FloppyDrive[] drives = {new FloppyDrive(), new FloppyDrive()};
    private final byte[] fifo = new byte[SECTOR];
    /** Stateless: the command table and handlers working on this controller's registers. */
    private final transient FloppyCommands commands = new FloppyCommands(this);

    int sra;
    int srb;
    int dor;
    int tdr;
    int dsr;
    int msr;
    int currentDrive;
    int status0;
    Phase phase = Phase.COMMAND;
    int dataPos;
    int dataLen;
    boolean multiTrack;
    Direction dataDir = Direction.WRITE;
    int eot;
    int timer0;
    int timer1;
    int precompTrack;
    int config = 0x60; // implied seeks off, FIFO off, polling on: the 82077AA's reset value as QEMU sets it
    int lock;
    int powerDown;
    int resetSensei;
    long readIdDue = Long.MAX_VALUE;
    /** A FORMAT TRACK waiting for its sector IDs by DMA: sectors to format and the filler byte. */
    boolean formatting;
    int formatSectors;
    int formatFiller;
    /** The last command byte, for the monitor. */
    int lastCommand = -1;

    public FloppyController(IrqSink irqs, Dma8237 dma, LongSupplier nanos) {
        this.irqs = irqs;
        this.dma = dma;
        this.nanos = nanos;
        reset(false);
    }

    @Override
    public void attach(Board board) {
        IoDevice regs = new IoDevice() {
            @Override public int in(int port, int size) { return read(port & 7); }

            @Override public void out(int port, int size, int value) { write(port & 7, value & 0xFF); }
        };
        board.ports(BASE, 6, regs);
        board.ports(BASE + 7, 1, regs);
        board.timer(this);
        dma.connect(Dma8237.FLOPPY_CHANNEL, this);
        board.view(VIEW, this::report);
    }

    /** Puts {@code image} in drive {@code unit} (0 = A:, 1 = B:), before the machine runs. */
    public void insert(int unit, FloppyImage image) {
        drives[unit].insert(image);
        drives[unit].seek(0, 0, 1); // where the machine's reset leaves the head, as under QEMU
        if (unit == 1) sra &= ~SRA_NDRV2;
    }

    /** Connects drive {@code unit} with no diskette in it (QEMU's default drive A without -fda), before the machine runs. */
    public void attachEmpty(int unit) {
        drives[unit].attachEmpty();
        drives[unit].seek(0, 0, 1);
        if (unit == 1) sra &= ~SRA_NDRV2;
    }

    public FloppyDrive drive(int unit) { return drives[unit]; }

    /** Forces every written sector to the image files (the monitor quits, the guest flushes). */
    public void flush() {
        for (FloppyDrive d : drives) if (d.image() != null) d.image().flush();
    }

    /** Forces and closes the image files (the monitor quits or loads another machine). */
    public void close() {
        for (FloppyDrive d : drives) if (d.image() != null) d.image().close();
    }

    FloppyDrive current() { return drives[currentDrive]; }

    byte[] fifo() { return fifo; }

    int fifo(int i) { return fifo[i] & 0xFF; }

    // ---- registers

    int read(int reg) {
        switch (reg) {
            case 0: return sra;
            case 1: return srb;
            case 2: return dor | currentDrive;
            case 3: return tdr;
            case 4: {
                // QEMU: reading the MSR wakes the controller and leaves reset without a reset
                dsr &= ~DSR_PWRDOWN;
                dor |= DOR_NRESET;
                return msr;
            }
            case 5: return readData();
            case 7: return current().mediaChanged ? DIR_DSKCHG : 0;
            default: return 0xFF;
        }
    }

    void write(int reg, int v) {
        switch (reg) {
            case 2 -> writeDor(v);
            case 3 -> { if ((dor & DOR_NRESET) != 0) tdr = v & 0x04; }
            case 4 -> writeDsr(v);
            case 5 -> writeData(v);
            case 7 -> { if ((dor & DOR_NRESET) != 0) dsr = dsr & ~DSR_RATE | v & DSR_RATE; } // CCR: the rate, kept in the DSR
            default -> { }
        }
    }

    private void writeDor(int v) {
        srb = srb & ~(SRB_MTR0 | SRB_MTR1 | SRB_DR0) | ((v & DOR_MOTOR0) != 0 ? SRB_MTR0 : 0)
                | ((v & DOR_MOTOR1) != 0 ? SRB_MTR1 : 0) | ((v & DOR_SELECT) != 0 ? SRB_DR0 : 0);
        // Leaving reset (nRESET 0 -> 1) resets the controller and interrupts (82077AA 5.1).
        if ((v & DOR_NRESET) != 0 && (dor & DOR_NRESET) == 0) {
            reset(true);
            dsr &= ~DSR_PWRDOWN;
        }
        currentDrive = v & DOR_SELECT;
        dor = v;
    }

    private void writeDsr(int v) {
        if ((dor & DOR_NRESET) == 0) return;
        if ((v & DSR_SWRESET) != 0) { // a software reset clears itself
            dor &= ~DOR_NRESET;
            reset(true);
            dor |= DOR_NRESET;
        }
        if ((v & DSR_PWRDOWN) != 0) reset(true);
        dsr = v;
    }

    /** The controller's reset (DOR, DSR or power-on): drives recalibrated, the command phase, an interrupt if asked. */
    void reset(boolean interrupt) {
        lowerIrq();
        sra = drives[1].connected() ? 0 : SRA_NDRV2;
        srb = 0xC0;
        currentDrive = 0;
        dor = DOR_NRESET | DOR_DMA;
        msr = MSR_RQM;
        resetSensei = 0;
        readIdDue = Long.MAX_VALUE;
        formatting = false;
        dataPos = 0;
        dataLen = 0;
        multiTrack = false;
        dataDir = Direction.WRITE;
        dma.release(Dma8237.FLOPPY_CHANNEL);
        for (FloppyDrive d : drives) d.seek(0, 0, 1);
        toCommandPhase();
        if (interrupt) {
            status0 |= ST0_RDYCHG;
            raiseIrq();
            resetSensei = RESET_SENSEI_COUNT;
        }
    }

    // ---- interrupt line (level, held until a result is read or SENSE INTERRUPT STATUS)

    void raiseIrq() {
        if ((sra & SRA_INTPEND) == 0) {
            irqs.setIrq(IRQ, true);
            sra |= SRA_INTPEND;
        }
        resetSensei = 0;
    }

    void lowerIrq() {
        status0 = 0;
        if ((sra & SRA_INTPEND) == 0) return;
        irqs.setIrq(IRQ, false);
        sra &= ~SRA_INTPEND;
    }

    boolean irqPending() { return (sra & SRA_INTPEND) != 0; }

    // ---- phases

    void toCommandPhase() {
        phase = Phase.COMMAND;
        dataDir = Direction.WRITE;
        dataPos = 0;
        dataLen = 1; // the command byte; its parameters are counted once it is known
        msr = msr & ~(MSR_BUSY | MSR_DIO) | MSR_RQM;
    }

    /** The result phase with {@code length} bytes in the FIFO for the guest to read. */
    void toResultPhase(int length) {
        phase = Phase.RESULT;
        dataDir = Direction.READ;
        dataLen = length;
        dataPos = 0;
        msr |= MSR_BUSY | MSR_RQM | MSR_DIO;
    }

    private int readData() {
        dsr &= ~DSR_PWRDOWN;
        if ((msr & MSR_RQM) == 0 || (msr & MSR_DIO) == 0) return 0; // not ready for reading
        int pos = dataPos % SECTOR;
        if (phase == Phase.EXECUTION) { // non-DMA read: the sector comes through the FIFO
            FloppyDrive d = current();
            if (pos == 0) {
                // QEMU stalls here; ending the command instead never leaves the guest waiting
                if (dataPos != 0 && !nextSector(d)) {
                    stopTransfer(0, 0, 0);
                    return 0;
                }
                if (!readSector(d)) {
                    stopTransfer(ST0_ABNTERM, ST1_ND, 0);
                    return 0;
                }
            }
            if (++dataPos == dataLen) {
                msr &= ~MSR_RQM;
                int b = fifo[pos] & 0xFF;
                stopTransfer(0, 0, 0);
                return b;
            }
        } else if (phase == Phase.RESULT) {
            if (++dataPos == dataLen) {
                msr &= ~MSR_RQM;
                toCommandPhase();
                lowerIrq();
            }
        }
        return fifo[pos] & 0xFF;
    }

    private void writeData(int v) {
        if ((dor & DOR_NRESET) == 0) return;
        if ((msr & MSR_RQM) == 0 || (msr & MSR_DIO) != 0) return; // not ready for writing
        dsr &= ~DSR_PWRDOWN;
        int pos = dataPos++ % SECTOR;
        fifo[pos] = (byte) v;
        if (dataPos == dataLen) msr &= ~MSR_RQM;
        if (phase == Phase.EXECUTION) { // non-DMA write: a sector is written when its last byte arrives
            FloppyDrive d = current();
            if (pos == SECTOR - 1 || dataPos == dataLen) {
                if (d.readOnly || d.image() == null || !d.image().write(d.lba(), fifo)) {
                    stopTransfer(ST0_ABNTERM | ST0_SEEK, d.readOnly ? ST1_NW : 0, 0);
                    return;
                }
                if (!nextSector(d) && dataPos != dataLen) {
                    stopTransfer(0, 0, 0);
                    return;
                }
            }
            if (dataPos == dataLen) stopTransfer(0, 0, 0);
            return;
        }
        if (phase != Phase.COMMAND) return;
        if (pos == 0) {
            lastCommand = v;
            dataLen = commands.parameters(v) + 1;
            if (dataLen > 1) msr |= MSR_RQM;
            msr |= MSR_BUSY;
        }
        if (dataPos == dataLen) {
            phase = Phase.EXECUTION;
            commands.execute(fifo(0));
        }
    }

    // ---- data transfers (READ DATA, WRITE DATA, VERIFY)

    /** Starts the transfer the command bytes in the FIFO describe (QEMU's fdctrl_start_transfer). */
    void startTransfer(boolean write, boolean verify) {
        currentDrive = fifo(1) & DOR_SELECT;
        FloppyDrive d = current();
        int kt = fifo(2), kh = fifo(3), ks = fifo(4);
        int seek = d.seek(kh, kt, ks);
        if (seek == FloppyDrive.BAD_TRACK || seek == FloppyDrive.BAD_SECTOR) {
            stopAt(seek == FloppyDrive.BAD_SECTOR ? ST1_EC : 0, kt, kh, ks);
            return;
        }
        if (seek == FloppyDrive.NEW_TRACK) status0 |= ST0_SEEK;
        // A data rate that does not match the diskette finds no address marks.
        if ((dsr & DSR_RATE) != d.mediaRate) {
            stopAt(ST1_MA, kt, kh, ks);
            return;
        }
        dataDir = verify ? Direction.VERIFY : write ? Direction.WRITE : Direction.READ;
        dataPos = 0;
        multiTrack = (fifo(0) & 0x80) != 0;
        int n = fifo(5);
        if (n == 0) {
            dataLen = fifo(8);
        } else {
            int sectors = fifo(6) - ks + 1 + (multiTrack ? fifo(6) : 0);
            dataLen = (128 << Math.min(n, 7)) * sectors;
        }
        eot = fifo(6);
        if (dataLen <= 0) { // EOT before the first sector: nothing to move
            stopAt(ST1_ND, kt, kh, ks);
            return;
        }
        if ((dor & DOR_DMA) != 0) {
            msr &= ~MSR_RQM; // no access until the DMA transfer has completed
            if (dataDir == Direction.VERIFY) transfer(null);
            else dma.hold(Dma8237.FLOPPY_CHANNEL);
            return;
        }
        msr |= MSR_NONDMA | MSR_RQM;
        if (!write) msr |= MSR_DIO;
        raiseIrq(); // non-DMA: the interrupt asks for each byte
    }

    /** Ends a command before any data moved, reporting the sector asked for (QEMU overwrites C/H/R). */
    private void stopAt(int st1, int track, int head, int sector) {
        stopTransfer(ST0_ABNTERM, st1, 0);
        fifo[3] = (byte) track;
        fifo[4] = (byte) head;
        fifo[5] = (byte) sector;
    }

    @Override
    public void dmaGranted(DmaPort port) {
        if ((msr & MSR_RQM) != 0 || phase != Phase.EXECUTION) return; // not in a DMA transfer
        if (formatting) formatFromDma(port);
        else transfer(port);
    }

    /** FORMAT TRACK on the current track of {@code d}: by DMA when enabled, else accepted as QEMU does. */
    void formatTrack(FloppyDrive d, int sectors, int filler) {
        if (d.image() == null) {
            stopTransfer(ST0_ABNTERM, 0, 0);
        } else if (d.readOnly) {
            stopTransfer(ST0_ABNTERM, ST1_NW, 0);
        } else if ((dor & DOR_DMA) == 0) {
            stopTransfer(0, 0, 0);
        } else {
            formatting = true;
            formatSectors = sectors;
            formatFiller = filler;
            msr &= ~MSR_RQM;
            dma.hold(Dma8237.FLOPPY_CHANNEL);
        }
    }

    /** Takes each sector's ID (C, H, R, N) from the DMA channel and fills that sector of the current track. */
    private void formatFromDma(DmaPort port) {
        formatting = false;
        FloppyDrive d = current();
        byte[] id = new byte[4];
        java.util.Arrays.fill(fifo, (byte) formatFiller);
        for (int i = 0; i < formatSectors; i++) {
            if (port.fromMemory(id, 0, 4) < 4) break;
            int r = id[2] & 0xFF;
            if (r >= 1 && r <= d.lastSector && !d.image().write(d.lba(d.head, d.track, r), fifo)) {
                stopTransfer(ST0_ABNTERM, ST1_ND, 0);
                return;
            }
            if (port.terminalCount()) break;
        }
        stopTransfer(0, 0, 0);
    }

    /** Moves the sectors of a DMA (or verify) transfer until the command's length or the channel's terminal count. */
    private void transfer(DmaPort port) {
        FloppyDrive d = current();
        if (d.image() == null) {
            stopTransfer(dataDir == Direction.WRITE ? ST0_ABNTERM | ST0_SEEK : ST0_ABNTERM, 0, 0);
            return;
        }
        int rel = dataPos % SECTOR;
        while (dataPos < dataLen) {
            int len = Math.min(dataLen - dataPos, SECTOR - rel);
            if ((dataDir != Direction.WRITE || len < SECTOR || rel != 0) && !readSector(d)) {
                stopTransfer(ST0_ABNTERM, ST1_ND, 0); // beyond the image: no such sector
                return;
            }
            int moved;
            if (dataDir == Direction.READ) {
                moved = port.toMemory(fifo, rel, len);
            } else if (dataDir == Direction.WRITE) {
                if (d.readOnly) {
                    stopTransfer(ST0_ABNTERM | ST0_SEEK, ST1_NW, 0);
                    return;
                }
                moved = port.fromMemory(fifo, rel, len);
                if (!d.image().write(d.lba(), fifo)) {
                    stopTransfer(ST0_ABNTERM | ST0_SEEK, ST1_ND, 0);
                    return;
                }
            } else {
                moved = len;
            }
            dataPos += moved;
            rel = dataPos % SECTOR;
            if (port != null && (moved < len || port.terminalCount())) {
                if (rel == 0) nextSector(d);
                break;
            }
            if (rel == 0 && !nextSector(d)) break;
        }
        stopTransfer(0, 0, 0);
    }

    /** Reads the drive's current sector into the FIFO; false (zeros) beyond the image. */
    private boolean readSector(FloppyDrive d) {
        return d.image() != null && d.image().read(d.lba(), fifo);
    }

    /**
     * Steps to the next sector (QEMU's fdctrl_seek_to_next_sect): at EOT or the track's last
     * sector, to sector 1 of the other side (multi-track) or of the next track. False when the
     * transfer ends there.
     */
    boolean nextSector(FloppyDrive d) {
        int h = d.head, t = d.track, s = d.sector;
        boolean more = true;
        if (s >= d.lastSector || s == eot) {
            s = 1;
            if (multiTrack) {
                if (h == 0 && d.doubleSided) {
                    h = 1;
                } else {
                    h = 0;
                    t++;
                    status0 |= ST0_SEEK;
                    if (!d.doubleSided) more = false;
                }
            } else {
                status0 |= ST0_SEEK;
                t++;
                more = false;
            }
        } else {
            s++;
        }
        d.seek(h, t, s);
        return more;
    }

    /** The end of a transfer: seven result bytes ST0 ST1 ST2 C H R N, and an interrupt. */
    void stopTransfer(int st0, int st1, int st2) {
        FloppyDrive d = current();
        status0 = status0 & ~(0x03 | ST0_HEAD) | currentDrive | (d.head != 0 ? ST0_HEAD : 0) | st0;
        fifo[0] = (byte) status0;
        fifo[1] = (byte) st1;
        fifo[2] = (byte) st2;
        fifo[3] = (byte) d.track;
        fifo[4] = (byte) d.head;
        fifo[5] = (byte) d.sector;
        fifo[6] = 2; // 512-byte sectors
        dataDir = Direction.READ;
        if ((msr & MSR_NONDMA) == 0) dma.release(Dma8237.FLOPPY_CHANNEL);
        msr = (msr | MSR_RQM | MSR_DIO) & ~MSR_NONDMA;
        toResultPhase(7);
        raiseIrq();
    }

    // ---- READ ID: answers when the next ID field passes under the head

    void startReadId() { readIdDue = nanos.getAsLong() + READ_ID_NANOS; }

    @Override
    public long nextEventNanos() { return readIdDue; }

    @Override
    public void advanceTo(long now) {
        if (now < readIdDue) return;
        readIdDue = Long.MAX_VALUE;
        FloppyDrive d = current();
        if (d.lastSector != 0) d.sector = d.sector % d.lastSector + 1; // the disk spins on
        if ((dsr & DSR_RATE) != d.mediaRate) stopTransfer(ST0_ABNTERM, ST1_MA, 0);
        else stopTransfer(0, 0, 0);
    }

    // ---- snapshot: the diskettes' -snapshot overlays

    /**
     * The diskettes' {@code -snapshot} overlays as a snapshot part of their own (savevm keeps the
     * guest's writes). They are not in the controller's state, which a system reset puts back to
     * its start: a reset is no power cycle, and QEMU keeps the overlay across it.
     */
    public Stateful overlays() {
        return new Stateful() {
            @Override
            public void saveState(StateWriter out) {
                for (FloppyDrive d : drives) {
                    out.bool(d.image() != null);
                    if (d.image() != null) d.image().saveOverlay(out);
                }
            }

            @Override
            public void restoreState(StateReader in) {
                for (FloppyDrive d : drives) {
                    if (in.bool() != (d.image() != null)) throw new StateFormatException("the snapshot has other diskettes in the floppy drives");
                    if (d.image() != null) d.image().restoreOverlay(in);
                }
            }
        };
    }

    // ---- the monitor's views

    /** QEMU's QOM number of floppy drive 0 in {@code info block} ("Attached to"). */
    private static final int FIRST_QOM_DEVICE = 16;

    /**
     * The floppy drives' part of QEMU's {@code info block}, for the block-device view: one entry
     * per connected drive ("[not inserted]" without a diskette), {@code nodeName} giving QEMU's node name (e.g. "#block132") of
     * drive 0 or 1, entries apart by an empty line ({@code after}: an entry came before these).
     * QEMU's pc machine with its default devices attaches its floppy drives as devices 16 and 17.
     */
    public void blockInfo(Report r, java.util.function.IntFunction<String> nodeName, boolean after) {
        for (int u = 0; u < drives.length; u++) {
            FloppyImage img = drives[u].image();
            if (!drives[u].connected()) continue;
            if (after) r.line("");
            after = true;
            if (img == null) { // QEMU's default drive A without -fda
                r.line("floppy" + u + ": [not inserted]").field("device", "floppy" + u).field("inserted", false);
            } else {
                r.line(String.format("floppy%d (%s): %s (raw%s)", u, nodeName.apply(u), img.path(), img.readOnly() ? ", read-only" : ""))
                        .field("device", "floppy" + u).field("file", img.path().toString()).field("read_only", img.readOnly());
            }
            r.line("    Attached to:      /machine/unattached/device[" + (FIRST_QOM_DEVICE + u) + "]");
            r.line("    Removable device: not locked, tray closed");
            if (img != null) r.line("    Cache mode:       writeback" + (img.snapshot() ? ", ignore flushes" : ""));
        }
    }

    private void report(Report r) {
        r.line(String.format("fdc: dor=%02x msr=%02x dsr=%02x sra=%02x srb=%02x phase=%s st0=%02x irq=%s mode=%s last command=%s",
                        dor | currentDrive, msr, dsr, sra, srb, phase.name().toLowerCase(), status0, irqPending() ? "high" : "low",
                        (dor & DOR_DMA) != 0 ? "dma" : "non-dma", lastCommand < 0 ? "none" : String.format("%02x (%s)", lastCommand,
                                FloppyCommands.name(lastCommand))))
                .field("dor", dor | currentDrive).field("msr", msr).field("dsr", dsr).field("phase", phase.name().toLowerCase())
                .field("irq", irqPending()).field("last_command", lastCommand);
        for (int u = 0; u < drives.length; u++) {
            FloppyDrive d = drives[u];
            FloppyImage img = d.image();
            String what = img == null ? "no diskette"
                    : String.format("%s %s (%d tracks, %d heads, %d sectors) %s", img.path(), img.geometry().label(),
                            img.geometry().tracks(), img.geometry().heads(), img.geometry().sectors(), d.readOnly ? "ro" : "rw");
            r.line(String.format("fd%d: %s track=%d head=%d sector=%d%s", u, what, d.track, d.head, d.sector,
                            d.mediaChanged ? " disk-changed" : ""))
                    .field("unit", u).field("file", img == null ? "" : img.path().toString()).field("track", d.track)
                    .field("head", d.head).field("sector", d.sector).field("disk_changed", d.mediaChanged);
        }
    }
}
