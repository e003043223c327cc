package i386mon.machine.interrupts;

/** Where devices drive their ISA interrupt request lines: the {@link InterruptRouter}. */
public interface IrqSink {
    /** Sets the level of ISA IRQ line {@code irq} (0-15). The PIC latches rising edges. */
    void setIrq(int irq, boolean high);

    /**
     * A rising then falling edge on the line. On an 8259A an edge-triggered request must still be
     * high at INTA, so a pulse that ends before the CPU acknowledges is lost (a spurious IRQ 7/15);
     * devices model their line as a level held until serviced instead.
     */
    default void pulseIrq(int irq) {
        setIrq(irq, true);
        setIrq(irq, false);
    }
}
