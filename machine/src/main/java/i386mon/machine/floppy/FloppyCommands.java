package i386mon.machine.floppy;

/**
 * The controller's command set: how many parameter bytes each command byte takes and what it
 * does once they are in the FIFO (QEMU's handler table; bits outside a command's mask are its
 * MT, MFM and SK flags). Unknown commands answer ST0 = 0x80 (invalid command).
 */
final class FloppyCommands {
    private record Command(int value, int mask, String name, int parameters) { }

    private static final Command READ = new Command(0x06, 0x1F, "READ DATA", 8);
    private static final Command WRITE = new Command(0x05, 0x3F, "WRITE DATA", 8);
    private static final Command SEEK = new Command(0x0F, 0xFF, "SEEK", 2);
    private static final Command SENSE_INTERRUPT = new Command(0x08, 0xFF, "SENSE INTERRUPT STATUS", 0);
    private static final Command RECALIBRATE = new Command(0x07, 0xFF, "RECALIBRATE", 1);
    private static final Command FORMAT = new Command(0x0D, 0xBF, "FORMAT TRACK", 5);
    private static final Command READ_TRACK = new Command(0x02, 0xBF, "READ TRACK", 8);
    private static final Command READ_DELETED = new Command(0x0C, 0x1F, "READ DELETED DATA", 8);
    private static final Command VERIFY = new Command(0x16, 0x1F, "VERIFY", 8);
    private static final Command WRITE_DELETED = new Command(0x09, 0x3F, "WRITE DELETED DATA", 8);
    private static final Command READ_ID = new Command(0x0A, 0xBF, "READ ID", 1);
    private static final Command SPECIFY = new Command(0x03, 0xFF, "SPECIFY", 2);
    private static final Command SENSE_DRIVE = new Command(0x04, 0xFF, "SENSE DRIVE STATUS", 1);
    private static final Command PERPENDICULAR = new Command(0x12, 0xFF, "PERPENDICULAR MODE", 1);
    private static final Command CONFIGURE = new Command(0x13, 0xFF, "CONFIGURE", 3);
    private static final Command POWERDOWN = new Command(0x17, 0xFF, "POWERDOWN MODE", 2);
    private static final Command RELATIVE_SEEK_OUT = new Command(0x8F, 0xFF, "RELATIVE SEEK OUT", 2);
    private static final Command RELATIVE_SEEK_IN = new Command(0xCF, 0xFF, "RELATIVE SEEK IN", 2);
    private static final Command LOCK = new Command(0x14, 0x7F, "LOCK", 0);
    private static final Command DUMPREG = new Command(0x0E, 0xFF, "DUMPREG", 0);
    private static final Command VERSION = new Command(0x10, 0xFF, "VERSION", 0);
    private static final Command PART_ID = new Command(0x18, 0xFF, "PART ID", 0);
    /** Not in the data sheet: BeOS 4.5 sends WRITE with bit 5 set; QEMU takes it. */
    private static final Command WRITE_BEOS = new Command(0x05, 0x1F, "WRITE DATA", 8);
    private static final Command INVALID = new Command(0, 0, "invalid", 0);

    /** Earlier entries win where masks overlap, as in QEMU's table. */
    private static final Command[] TABLE = {READ, WRITE, SEEK, SENSE_INTERRUPT, RECALIBRATE, FORMAT, READ_TRACK, READ_DELETED,
        VERIFY, WRITE_DELETED, READ_ID, SPECIFY, SENSE_DRIVE, PERPENDICULAR, CONFIGURE, POWERDOWN, RELATIVE_SEEK_OUT,
        RELATIVE_SEEK_IN, LOCK, DUMPREG, VERSION, PART_ID, WRITE_BEOS};
    private static final Command[] BY_BYTE = new Command[256];

    static {
        for (int b = 0; b < 256; b++) {
            BY_BYTE[b] = INVALID;
            for (Command c : TABLE) {
                if ((b & c.mask) == c.value) {
                    BY_BYTE[b] = c;
                    break;
                }
            }
        }
    }

    private final FloppyController fdc;

    FloppyCommands(FloppyController fdc) { this.fdc = fdc; }

    /** The parameter bytes that follow command byte {@code b}. */
    int parameters(int b) { return BY_BYTE[b & 0xFF].parameters; }

    /** The command's name, for the monitor. */
    static String name(int b) { return BY_BYTE[b & 0xFF].name; }

    /** Runs command {@code b}, its parameters in the FIFO after it. */
    void execute(int b) {
        Command c = BY_BYTE[b & 0xFF];
        if (c == READ || c == READ_TRACK) fdc.startTransfer(false, false);
        else if (c == WRITE || c == WRITE_BEOS) fdc.startTransfer(true, false);
        else if (c == VERIFY) fdc.startTransfer(false, true);
        else if (c == READ_DELETED || c == WRITE_DELETED) fdc.stopTransfer(FloppyController.ST0_ABNTERM | FloppyController.ST0_SEEK, 0, 0);
        else if (c == SEEK) seek();
        else if (c == RELATIVE_SEEK_IN || c == RELATIVE_SEEK_OUT) relativeSeek(c == RELATIVE_SEEK_IN);
        else if (c == SENSE_INTERRUPT) senseInterrupt();
        else if (c == RECALIBRATE) recalibrate();
        else if (c == FORMAT) format();
        else if (c == READ_ID) readId();
        else if (c == SPECIFY) specify();
        else if (c == SENSE_DRIVE) senseDrive();
        else if (c == PERPENDICULAR) perpendicular();
        else if (c == CONFIGURE) configure();
        else if (c == POWERDOWN) result(fdc.powerDown = fdc.fifo(1));
        else if (c == LOCK) lock();
        else if (c == DUMPREG) dumpreg();
        else if (c == VERSION) result(FloppyController.VERSION);
        else if (c == PART_ID) result(0x41); // stepping 1
        else result(FloppyController.ST0_INVCMD);
    }

    /** A one-byte result. */
    private void result(int v) {
        fdc.fifo()[0] = (byte) v;
        fdc.toResultPhase(1);
    }

    private FloppyDrive select() {
        fdc.currentDrive = fdc.fifo(1) & FloppyController.DOR_SELECT;
        return fdc.current();
    }

    /** Moves the head and interrupts; SENSE INTERRUPT STATUS then reports ST0 with Seek End. */
    private void seek() {
        FloppyDrive d = select();
        fdc.toCommandPhase();
        // Step pulses go out whether or not a diskette is in (QEMU's comment: the drive does not care).
        d.seek(d.head, fdc.fifo(2), d.sector);
        seekEnd();
    }

    private void relativeSeek(boolean in) {
        FloppyDrive d = select();
        int steps = fdc.fifo(2);
        int target = in ? Math.min(d.track + steps, d.maxTrack - 1) : Math.max(d.track - steps, 0);
        d.seek(d.head, target, d.sector);
        fdc.toCommandPhase();
        seekEnd();
    }

    private void recalibrate() {
        FloppyDrive d = select();
        d.seek(0, 0, 1);
        fdc.toCommandPhase();
        seekEnd();
    }

    private void seekEnd() {
        fdc.status0 |= FloppyController.ST0_SEEK;
        fdc.raiseIrq();
    }

    private void senseInterrupt() {
        FloppyDrive d = fdc.current();
        byte[] f = fdc.fifo();
        if (fdc.resetSensei > 0) { // after a reset: one answer per drive, 0xC0-0xC3
            f[0] = (byte) (FloppyController.ST0_RDYCHG + 4 - fdc.resetSensei);
            fdc.resetSensei--;
        } else if (!fdc.irqPending()) {
            result(FloppyController.ST0_INVCMD);
            return;
        } else {
            f[0] = (byte) (fdc.status0 & ~(FloppyController.ST0_HEAD | 0x03) | fdc.currentDrive);
        }
        f[1] = (byte) d.track;
        fdc.toResultPhase(2);
        fdc.lowerIrq();
        fdc.status0 = FloppyController.ST0_RDYCHG;
    }

    private void specify() {
        fdc.timer0 = fdc.fifo(1) >> 4 & 0xF;
        fdc.timer1 = fdc.fifo(2) >> 1;
        // ND (bit 0) selects non-DMA mode; QEMU keeps it in the DOR's DMA gate.
        if ((fdc.fifo(2) & 1) != 0) fdc.dor &= ~FloppyController.DOR_DMA;
        else fdc.dor |= FloppyController.DOR_DMA;
        fdc.toCommandPhase();
    }

    /** ST3: write protect, track 0, head, drive, and the two-sided and ready bits QEMU always sets. */
    private void senseDrive() {
        FloppyDrive d = select();
        d.head = fdc.fifo(1) >> 2 & 1;
        result((d.readOnly ? 0x40 : 0) | (d.track == 0 ? 0x10 : 0) | d.head << 2 | fdc.currentDrive | 0x28);
    }

    private void perpendicular() {
        if ((fdc.fifo(1) & 0x80) != 0) fdc.current().perpendicular = fdc.fifo(1) & 7;
        fdc.toCommandPhase();
    }

    private void configure() {
        fdc.config = fdc.fifo(2);
        fdc.precompTrack = fdc.fifo(3);
        fdc.toCommandPhase();
    }

    private void lock() {
        fdc.lock = (fdc.fifo(0) & 0x80) != 0 ? 1 : 0;
        result(fdc.lock << 4);
    }

    private void dumpreg() {
        FloppyDrive d = fdc.current();
        byte[] f = fdc.fifo();
        f[0] = (byte) fdc.drive(0).track;
        f[1] = (byte) fdc.drive(1).track;
        f[2] = 0;
        f[3] = 0;
        f[4] = (byte) fdc.timer0;
        f[5] = (byte) (fdc.timer1 << 1 | ((fdc.dor & FloppyController.DOR_DMA) != 0 ? 1 : 0));
        f[6] = (byte) d.lastSector;
        f[7] = (byte) (fdc.lock << 7 | d.perpendicular << 2);
        f[8] = (byte) fdc.config;
        f[9] = (byte) fdc.precompTrack;
        fdc.toResultPhase(10);
    }

    private void readId() {
        fdc.current().head = fdc.fifo(1) >> 2 & 1;
        fdc.startReadId();
    }

    /**
     * FORMAT TRACK. With DMA, as the 82077AA does: for each sector the guest supplies its ID
     * (C, H, R, N) by DMA and the sector is filled with the filler byte. QEMU accepts the command
     * without writing; without DMA we do the same. The image keeps its geometry.
     */
    private void format() {
        FloppyDrive d = select();
        int sectors = fdc.fifo(3), filler = fdc.fifo(5);
        d.head = fdc.fifo(1) >> 2 & 1;
        fdc.formatTrack(d, sectors, filler);
    }
}
