/**
 * The APIC interrupt architecture of every PC since the Pentium (SDM vol. 3, ch. 10; Intel 82093AA
 * I/O APIC datasheet): each CPU's {@link i386mon.machine.apic.LocalApic} (xAPIC, memory-mapped at
 * 0xFEE00000, moved and enabled through IA32_APIC_BASE) takes over its CPU's INTR input and
 * passes the 8259A pair's output on through LINT0 in ExtINT mode; the
 * {@link i386mon.machine.apic.IoApic} at 0xFEC00000 sees the ISA lines (IRQ0 on pin 2) and sends
 * its redirection entries' messages over the {@link i386mon.machine.apic.ApicBus}, which also
 * carries IPIs and the local APICs' EOI broadcast back to the I/O APIC. Timers count virtual time.
 */
package i386mon.machine.apic;
