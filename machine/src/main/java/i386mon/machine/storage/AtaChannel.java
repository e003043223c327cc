package i386mon.machine.storage;

import static i386mon.machine.storage.AtaStatus.BSY;
import static i386mon.machine.storage.AtaStatus.CTRL_HOB;
import static i386mon.machine.storage.AtaStatus.CTRL_NIEN;
import static i386mon.machine.storage.AtaStatus.CTRL_SRST;
import static i386mon.machine.storage.AtaStatus.DEV_ALWAYS_ON;
import static i386mon.machine.storage.AtaStatus.DEV_SELECT;
import static i386mon.machine.storage.AtaStatus.DRQ;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.io.IoDevice;
import i386mon.machine.state.FieldState;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.util.Set;

/**
 * A legacy IDE channel: the command block (8 ports), the control block (alternate status / device
 * control), one interrupt line and two drive positions. As on the real bus (and in QEMU), both
 * drives see every task-file write; reads answer from the selected one. A channel with no disk
 * reads 0 from its registers, as QEMU's do (a guest polling for BSY to clear does not hang); the
 * line is held until the guest reads the status register or writes a command.
 */
public final class AtaChannel implements BoardDevice, IoDevice, AtaBus {
    public static final int PRIMARY_BASE = 0x1F0, PRIMARY_CONTROL = 0x3F6, PRIMARY_IRQ = 14;
    public static final int SECONDARY_BASE = 0x170, SECONDARY_CONTROL = 0x376, SECONDARY_IRQ = 15;

    private final int number;
    private final int base;
    private final int control;
    private final int irq;
    private final AtaDrive master;
    private final AtaDrive slave;
    private transient IrqSink irqs;
    private transient BusMasterPort busMaster;
    private transient DiskAccessListener accessListener = (position, write, lba, count) -> { };
    /** The device control register (nIEN, SRST, HOB), one per channel as in QEMU. */
    int deviceControl;
    int unit;
    boolean irqLevel;
    long interrupts;

    /** Channel {@code number} (0 primary, 1 secondary) with images (or null) at master and slave. */
    public AtaChannel(int number, DiskImage master, DiskImage slave) {
        this(number, master, false, slave, false);
    }

    /** As above, with a CD-ROM drive at master or slave when {@code masterCd} / {@code slaveCd} (its image the disc, or null). */
    public AtaChannel(int number, DiskImage master, boolean masterCd, DiskImage slave, boolean slaveCd) {
        this.number = number;
        this.base = number == 0 ? PRIMARY_BASE : SECONDARY_BASE;
        this.control = number == 0 ? PRIMARY_CONTROL : SECONDARY_CONTROL;
        this.irq = number == 0 ? PRIMARY_IRQ : SECONDARY_IRQ;
        // QEMU numbers its IDE positions' serials QM00001 (primary master) to QM00004 (secondary slave)
        this.master = new AtaDrive(master, masterCd, "QM0000" + (2 * number + 1), 0, this);
        this.slave = new AtaDrive(slave, slaveCd, "QM0000" + (2 * number + 2), 1, this);
    }

    @Override
    public void attach(Board board) {
        irqs = board.irqs();
        board.ports(base, 8, this);
        board.ports(control, 1, this);
    }

    /** Connects this channel's half of the bus-master engine (the PIIX IDE function's BMIDE block). */
    void connectBusMaster(BusMasterPort port) { busMaster = port; }

    public int number() { return number; }

    public int irq() { return irq; }

    int base() { return base; }

    int control() { return control; }

    AtaDrive drive(int index) { return index == 0 ? master : slave; }

    private AtaDrive selected() { return unit == 0 ? master : slave; }

    private boolean noDisks() { return !master.exists() && !slave.exists(); }

    /** An absent slave answers nothing; the master position answers even when empty (QEMU's ide_ioport_read). */
    private boolean selectedAnswers() { return !noDisks() && (unit == 0 || slave.exists()); }

    // ---- ports

    @Override
    public int in(int port, int size) {
        if (port == control) return alternateStatus();
        int reg = port - base;
        if (reg == 0 && size > 1) return selected().readData(size);
        if (size > 1) { // 16/32-bit reads of byte registers: byte by byte, as QEMU's port I/O splits them
            int v = 0;
            for (int i = 0; i < size; i++) v |= (port + i < base + 8 ? readRegister(reg + i) : 0xFF) << (8 * i);
            return v;
        }
        return readRegister(reg);
    }

    private int readRegister(int reg) {
        AtaDrive d = selected();
        boolean hob = (deviceControl & CTRL_HOB) != 0;
        switch (reg) {
            case 0: return 0xFF;
            case 1: return !selectedAnswers() ? 0 : hob ? d.hobFeature : d.error;
            case 2: return noDisks() ? 0 : hob ? d.hobNsector : d.nsector & 0xFF;
            case 3: return noDisks() ? 0 : hob ? d.hobSector : d.sector;
            case 4: return noDisks() ? 0 : hob ? d.hobLcyl : d.lcyl;
            case 5: return noDisks() ? 0 : hob ? d.hobHcyl : d.hcyl;
            case 6: return noDisks() ? 0 : d.select;
            default:
                lowerIrq(); // reading the status acknowledges the interrupt
                return selectedAnswers() ? d.status : 0;
        }
    }

    private int alternateStatus() { return selectedAnswers() ? selected().status : 0; }

    @Override
    public void out(int port, int size, int value) {
        if (port == control) {
            writeDeviceControl(value & 0xFF);
            return;
        }
        int reg = port - base;
        if (reg == 0) {
            if (size > 1) selected().writeData(size, value);
            return;
        }
        for (int i = 0; i < size && reg + i < 8; i++) writeRegister(reg + i, value >>> (8 * i) & 0xFF);
    }

    private void writeRegister(int reg, int v) {
        // a busy drive ignores the command block, except for a new command (ATA/ATAPI-6 9.1)
        if (reg != 7 && (selected().status & (BSY | DRQ)) != 0) return;
        deviceControl &= ~CTRL_HOB; // any write clears HOB
        for (AtaDrive d : new AtaDrive[] { master, slave }) {
            switch (reg) {
                case 1 -> { d.hobFeature = d.feature; d.feature = v; }
                case 2 -> { d.hobNsector = d.nsector & 0xFF; d.nsector = v; }
                case 3 -> { d.hobSector = d.sector; d.sector = v; }
                case 4 -> { d.hobLcyl = d.lcyl; d.lcyl = v; }
                case 5 -> { d.hobHcyl = d.hcyl; d.hcyl = v; }
                case 6 -> d.select = v | DEV_ALWAYS_ON;
                default -> { }
            }
        }
        if (reg == 6) unit = (v & DEV_SELECT) != 0 ? 1 : 0;
        if (reg == 7) {
            lowerIrq();
            execute(v);
        }
    }

    private void execute(int cmd) {
        AtaDrive d = selected();
        if (unit == 1 && !d.exists()) return; // commands to a slave that is not there go nowhere
        if ((d.status & (BSY | DRQ)) != 0 && !(cmd == AtaDrive.DEVICE_RESET && d.cdrom())) return; // only DEVICE RESET to a packet device
        d.execute(cmd);
    }

    /**
     * The device control register: a rising SRST resets both drives (their signatures, then the
     * diagnostic's IRQ unless nIEN); QEMU does it just after the write, we do it at once.
     */
    private void writeDeviceControl(int v) {
        boolean reset = (deviceControl & CTRL_SRST) == 0 && (v & CTRL_SRST) != 0;
        deviceControl = v;
        if (reset) { // the selected device stays as it was, as in QEMU
            master.softwareReset();
            slave.softwareReset();
            deviceControl &= ~CTRL_SRST;
        }
    }

    // ---- interrupt and DMA

    @Override
    public void raiseIrq() {
        if ((deviceControl & CTRL_NIEN) != 0) return;
        interrupts++;
        if (busMaster != null) busMaster.interrupted();
        if (!irqLevel) {
            irqLevel = true;
            if (irqs != null) irqs.setIrq(irq, true);
        }
    }

    private void lowerIrq() {
        if (!irqLevel) return;
        irqLevel = false;
        if (irqs != null) irqs.setIrq(irq, false);
    }

    void setAccessListener(DiskAccessListener l) { accessListener = l; }

    @Override
    public void transferred(int u, boolean write, long lba, int count) { accessListener.transferred(2 * number + u, write, lba, count); }

    @Override
    public void dmaReady() {
        if (busMaster != null && busMaster.active()) selected().runDma(busMaster);
    }

    /** The bus master was started: a DMA command the selected drive is waiting with runs now. */
    void busMasterStarted() {
        if (selected().dmaPending()) selected().runDma(busMaster);
    }

    // ---- snapshot: registers by field, then each disk's overlay

    @Override
    public void saveState(StateWriter out, Set<Object> others) {
        FieldState.save(this, out, others);
        for (AtaDrive d : new AtaDrive[] { master, slave }) if (d.present()) d.image().saveState(out);
    }

    @Override
    public void restoreState(StateReader in, Set<Object> others) {
        FieldState.restore(this, in, others);
        for (AtaDrive d : new AtaDrive[] { master, slave }) if (d.present()) d.image().restoreState(in);
    }
}
