package i386mon.machine.interrupts;

import i386mon.machine.cpu.InterruptSource;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The wiring between the devices' ISA interrupt lines and the CPUs. A PC routes every ISA IRQ to
 * the 8259A pair and, since the Pentium, also to the I/O APIC, where the timer's IRQ0 arrives on
 * pin 2 (the MP specification's interrupt source override); each controller is connected here
 * with its own line-to-pin wiring. Each CPU asks its {@link CpuInterruptInput} for the pending
 * vector: today CPU 0's INTR is the 8259A pair's output; a local APIC takes that CPU's input over.
 */
public final class InterruptRouter implements IrqSink {
    /** The ISA bus's interrupt lines (IRQ 0-15). */
    public static final int ISA_LINES = 16;
    /** The identity wiring: IRQ n on input n (the 8259A pair's IR lines). */
    public static final IntUnaryOperator SAME_LINE = irq -> irq;

    private final CpuInterruptInput[] cpus;
    private IrqSink[] controllers = new IrqSink[0];
    private IntUnaryOperator[] wiring = new IntUnaryOperator[0];

    /** A router for {@code cpuCount} CPUs, none of them with an interrupt source yet. */
    public InterruptRouter(int cpuCount) {
        if (cpuCount < 1) throw new IllegalArgumentException("a board needs at least one CPU: " + cpuCount);
        cpus = new CpuInterruptInput[cpuCount];
        for (int i = 0; i < cpuCount; i++) cpus[i] = new CpuInterruptInput();
    }

    /**
     * Connects an interrupt controller to the ISA lines: IRQ {@code n} reaches it as input
     * {@code wiring.applyAsInt(n)} (an I/O APIC would pass {@code n == 0 ? 2 : n}).
     */
    public void connectIsa(IrqSink controller, IntUnaryOperator wiring) {
        controllers = Arrays.copyOf(controllers, controllers.length + 1);
        this.wiring = Arrays.copyOf(this.wiring, this.wiring.length + 1);
        controllers[controllers.length - 1] = controller;
        this.wiring[this.wiring.length - 1] = wiring;
    }

    /** The INTR input of CPU {@code index}, which the CPU asks for maskable interrupts. */
    public CpuInterruptInput cpu(int index) {
        if (index < 0 || index >= cpus.length) throw new IllegalArgumentException("no CPU " + index + " on this board");
        return cpus[index];
    }

    public int cpuCount() { return cpus.length; }

    /**
     * Wires the 8259A pair's INT output: to the bootstrap CPU's INTR (with a local APIC, that
     * APIC's LINT0 in ExtINT mode takes it instead).
     */
    public void connectLegacyOutput(InterruptSource picOutput) {
        cpus[0].connect(picOutput);
    }

    @Override
    public void setIrq(int irq, boolean high) {
        if (irq < 0 || irq >= ISA_LINES) throw new IllegalArgumentException("IRQ out of range 0-15: " + irq);
        for (int i = 0; i < controllers.length; i++) controllers[i].setIrq(wiring[i].applyAsInt(irq), high);
    }
}
