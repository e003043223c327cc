package i386mon.machine.interrupts;

import i386mon.machine.cpu.InterruptSource;

/**
 * One CPU's INTR pin as the router wires it: the CPU asks here, never a controller directly, so
 * what drives the pin (the 8259A pair today, the CPU's local APIC later) changes without the CPU
 * knowing. Unconnected, the pin stays low. The CPU looks here when it services an event (after
 * every IN/OUT, at the start of each run slice, after STI), not per instruction, so a source need
 * not notify it; the one extra call is monomorphic.
 */
public final class CpuInterruptInput implements InterruptSource {
    private static final InterruptSource NONE = new InterruptSource() {
        @Override public boolean hasInterrupt() { return false; }

        @Override public int acknowledge() { throw new IllegalStateException("INTA with no interrupt controller connected"); }
    };

    private InterruptSource source = NONE;

    CpuInterruptInput() { }

    /** Drives this pin from {@code s} (a local APIC connects here and takes the PIC's output itself). */
    public void connect(InterruptSource s) { this.source = s; }

    /** What drives this pin now. */
    public InterruptSource source() { return source; }

    @Override
    public boolean hasInterrupt() { return source.hasInterrupt(); }

    @Override
    public int acknowledge() { return source.acknowledge(); }

    @Override
    public boolean takeNmi() { return source.takeNmi(); }
}
