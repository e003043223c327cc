package i386mon.machine.pci;

/**
 * 00:01.1, the PIIX3 IDE function as QEMU's {@code pc} has it (8086:7010, class 0101, programming
 * interface 0x80: both channels in legacy mode at 0x1F0/0x170, bus mastering supported). The
 * legacy ports belong to the ATA controller; this function's BAR4 (16 ports) is the bus-master
 * IDE register block, which {@link #setBusMasterRegisters} connects wherever the guest puts BAR4.
 * The IDE timing registers 0x40-0x43 (bit 15: decode enable) hold what the firmware writes.
 */
public final class PiixIde extends PciFunction {
    public static final int BUS_MASTER_BAR = 4, BUS_MASTER_SIZE = 16;
    private final transient IoBar busMaster = new IoBar(BUS_MASTER_SIZE);

    public PiixIde() {
        super(1, 1, 0x8086, 0x7010, 0x010180, 0x00);
        bar(BUS_MASTER_BAR, BarKind.IO, BUS_MASTER_SIZE);
        writable(0x40, 4, 0xFFFF_FFFF);
    }

    /** The bus-master registers BAR4 decodes (offset 0-15 within the BAR); until set, the BAR decodes nothing. */
    public void setBusMasterRegisters(IoWindow registers) {
        busMaster.setRegisters(registers);
        busMaster.moveTo(barAddress(BUS_MASTER_BAR));
    }

    /** The port the bus-master block is mapped at now, or -1. */
    public int busMasterPort() { return busMaster.mappedAt(); }

    @Override
    void attached(i386mon.machine.board.Board board) { busMaster.attach(board); }

    @Override
    protected void written(int offset, int size) {
        if (offset < BAR0 + 4 * BUS_MASTER_BAR + 4 && offset + size > COMMAND) busMaster.moveTo(barAddress(BUS_MASTER_BAR));
    }
}
