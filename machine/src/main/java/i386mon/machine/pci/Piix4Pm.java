package i386mon.machine.pci;

import i386mon.machine.io.IoDevice;

/**
 * 00:01.3, the PIIX4 power management function QEMU's {@code pc} has (8086:7113, revision 3, class
 * 0680, interrupt pin A: the SCI). The firmware puts the ACPI PM I/O block where it likes: PMBA
 * (0x40, 64 ports) with PMIOSE (0x80 bit 0) switching it on; the PM timer decodes at PMBA + 8
 * and follows it. SMBus base 0x90 and its enable 0xD2 hold what is written. Device activity
 * register B (0x58) reads 0x02 in byte 0x5B, "APMC enabled": QEMU sets it when the machine has no
 * SMM, so that SeaBIOS does not try to relocate an SMM handler this machine would never run.
 */
public final class Piix4Pm extends PciFunction {
    public static final int PMBA = 0x40, PMREGMISC = 0x80, SMBHSTBASE = 0x90, SMBHSTCFG = 0xD2, DEVACTB = 0x58;
    public static final int PM_BLOCK_SIZE = 64, TIMER_OFFSET = 8;
    private final transient IoBar timer = new IoBar(4);

    /** The function with {@code pmTimer}, a 4-port register whose byte is the port's low two bits. */
    public Piix4Pm(IoDevice pmTimer) {
        super(1, 3, 0x8086, 0x7113, 0x068000, 0x03);
        interruptPin(1);
        writable(PMBA, 4, 0xFFC0);
        writable(PMREGMISC, 1, 0x01);
        writable(SMBHSTBASE, 4, 0xFFF0);
        writable(SMBHSTCFG, 1, 0x0F);
        timer.setRegisters(new IoWindow() {
            @Override public int read(int offset, int size) { return pmTimer.in(offset, size); }
            @Override public void write(int offset, int size, int value) { }
        });
        set(PMBA, 1, 0x01); // I/O space indicators, read-only
        set(SMBHSTBASE, 1, 0x01);
        noSmm();
    }

    @Override
    void attached(i386mon.machine.board.Board board) {
        timer.attach(board);
        written(0, 256);
    }

    /** The PM I/O base the firmware programmed, or -1 while PMIOSE is off. */
    public int pmBase() {
        return (get8(PMREGMISC) & 1) == 0 ? -1 : get16(PMBA) & 0xFFC0;
    }

    /** The port the PM timer decodes at now, or -1. */
    public int timerPort() { return timer.mappedAt(); }

    @Override
    public void reset() {
        super.reset();
        noSmm();
    }

    private void noSmm() { set(DEVACTB + 3, 1, 0x02); }

    @Override
    protected void written(int offset, int size) {
        int base = pmBase();
        timer.moveTo(base <= 0 ? UNMAPPED : base + TIMER_OFFSET);
    }
}
