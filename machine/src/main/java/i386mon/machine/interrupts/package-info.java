/**
 * How interrupt requests travel from devices to CPUs. Devices drive ISA lines on an
 * {@link i386mon.machine.interrupts.IrqSink}; the {@link i386mon.machine.interrupts.InterruptRouter}
 * fans each line out to every interrupt controller wired to the ISA bus and gives each CPU one
 * {@link i386mon.machine.interrupts.CpuInterruptInput} to ask for its pending vector. Today the
 * 8259A pair is the only controller and drives CPU 0's INTR; a local APIC per CPU plugs into that
 * CPU's input and an I/O APIC onto the ISA lines with its own pin wiring, without touching the
 * devices. The controllers themselves are devices ({@code i386mon.machine.devices}).
 */
package i386mon.machine.interrupts;
