package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.cpu.InterruptSource;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.interrupts.IrqSink;

/**
 * The PC/AT's two cascaded 8259A PICs: master at 0x20/0x21 (IRQ 0-7), slave at 0xA0/0xA1
 * (IRQ 8-15) with its INT output on the master's IR2. The master's output drives the bootstrap
 * CPU's INTR through the interrupt router, which also brings it the ISA lines.
 */
public final class PicPair implements IrqSink, InterruptSource, BoardDevice {
    public static final ViewTopic IRQ_VIEW = ViewTopic.IRQ;
    public static final int MASTER_PORT = 0x20;
    public static final int SLAVE_PORT = 0xA0;
    private static final int CASCADE_LINE = 2;
    /** The PIIX edge/level control registers (PIIX3 datasheet 2.3.5): one bit per IRQ, master then slave. */
    public static final int ELCR_PORT = 0x4D0;
    /** IRQ 0, 1, 2, 8 and 13 are always edge-triggered: their ELCR bits read 0 (QEMU's elcr masks f8 and de). */
    private static final int MASTER_ELCR_MASK = 0xF8, SLAVE_ELCR_MASK = 0xDE;

    private final Pic8259 master;
    private final Pic8259 slave;
    /** Rising edges seen on each IRQ input, for the monitor's {@code info irq}. */
    private final long[] raised = new long[16];
    private int levels;

    public PicPair() {
        master = new Pic8259(MASTER_PORT, () -> { });
        slave = new Pic8259(SLAVE_PORT, this::slaveOutputChanged);
    }

    @Override
    public void attach(Board board) {
        board.ports(MASTER_PORT, 2, master);
        board.ports(SLAVE_PORT, 2, slave);
        board.ports(ELCR_PORT, 2, new ByteIoDevice(ELCR_PORT, 2) {
            @Override int inb(int offset) { return (offset == 0 ? master : slave).elcr(); }
            @Override void outb(int offset, int v) {
                if (offset == 0) master.setElcr(v & MASTER_ELCR_MASK);
                else slave.setElcr(v & SLAVE_ELCR_MASK);
            }
        });
        board.interrupts().connectIsa(this, InterruptRouter.SAME_LINE);
        board.interrupts().connectLegacyOutput(this);
        board.view(ViewTopic.PIC, this::reportChips);
        board.view(IRQ_VIEW, this::reportIrqCounts);
    }

    public Pic8259 master() { return master; }

    public Pic8259 slave() { return slave; }

    private void slaveOutputChanged() {
        master.setLine(CASCADE_LINE, slave.interruptOutput());
    }

    @Override
    public void setIrq(int irq, boolean high) {
        if (irq < 0 || irq > 15) throw new IllegalArgumentException("IRQ out of range 0-15: " + irq);
        int bit = 1 << irq;
        if (high && (levels & bit) == 0) raised[irq]++;
        levels = high ? levels | bit : levels & ~bit;
        if (irq < 8) master.setLine(irq, high);
        else slave.setLine(irq - 8, high);
    }

    /** How many times IRQ {@code irq} (0-15) was raised (a low-to-high change of its input) since power-on. */
    public long raisedCount(int irq) {
        if (irq < 0 || irq > 15) throw new IllegalArgumentException("IRQ out of range 0-15: " + irq);
        return raised[irq];
    }

    @Override
    public boolean hasInterrupt() { return master.interruptOutput(); }

    /**
     * INTA: the master grants a line; if it is the cascade line, the slave supplies the vector
     * (its own spurious IR7 = IRQ 15 if its request vanished). Nothing pending gives the master's IR7.
     */
    @Override
    public int acknowledge() {
        int line = master.acknowledgeLine();
        if (line != CASCADE_LINE) {
            return master.vectorBase() + line;
        }
        int slaveLine = slave.acknowledgeLine();
        // The slave's INT output falls during INTA; a further slave request makes a new edge.
        master.setLine(CASCADE_LINE, false);
        master.setLine(CASCADE_LINE, slave.interruptOutput());
        return slave.vectorBase() + slaveLine;
    }

    /**
     * QEMU 7.2's line per chip, the slave (pic1) first as QEMU lists them, with the edge/level
     * control register each chip has. (The I/O APIC's lines come before these, as in QEMU.)
     */
    private void reportChips(Report r) {
        for (int chip = 1; chip >= 0; chip--) {
            Pic8259 p = chip == 0 ? master : slave;
            int hprio = p.highestPriorityLine(), rrSel = p.readsIsr() ? 1 : 0, fnm = p.specialFullyNested() ? 1 : 0;
            r.line(String.format("pic%d: irr=%02x imr=%02x isr=%02x hprio=%d irq_base=%02x rr_sel=%d elcr=%02x fnm=%d",
                    chip, p.irr(), p.imr(), p.isr(), hprio, p.vectorBase(), rrSel, p.elcr(), fnm))
                    .field("chip", chip).field("irr", p.irr()).field("imr", p.imr()).field("isr", p.isr())
                    .field("hprio", hprio).field("irq_base", p.vectorBase()).field("rr_sel", rrSel).field("elcr", p.elcr())
                    .field("fnm", fnm).field("auto_eoi", p.autoEoi()).field("level_triggered", p.levelTriggered())
                    .field("special_mask", p.specialMaskMode()).field("initialising", p.initialising());
        }
    }

    /** QEMU's IRQ statistics format ("%2d: %d" for each line raised at least once). */
    private void reportIrqCounts(Report r) {
        r.line("IRQ statistics for isa-i8259:");
        for (int i = 0; i < 16; i++) {
            if (raised[i] > 0) r.line(String.format("%2d: %d", i, raised[i])).field("irq", i).field("count", raised[i]);
        }
    }
}
