package i386mon.machine.devices;

import i386mon.machine.cpu.InterruptSource;

/**
 * The PC/AT's two cascaded 8259A PICs: master at 0x20/0x21 (IRQ 0-7), slave at 0xA0/0xA1
 * (IRQ 8-15) with its INT output on the master's IR2. The CPU's INTR input is the master's output.
 */
public final class PicPair implements IrqSink, InterruptSource {
    public static final int MASTER_PORT = 0x20;
    public static final int SLAVE_PORT = 0xA0;
    private static final int CASCADE_LINE = 2;

    private final Pic8259 master;
    private final Pic8259 slave;
    /** Rising edges seen on each IRQ input, for the monitor's {@code info irq}. */
    private final long[] raised = new long[16];
    private int levels;

    public PicPair() {
        master = new Pic8259(MASTER_PORT, () -> { });
        slave = new Pic8259(SLAVE_PORT, this::slaveOutputChanged);
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
}
