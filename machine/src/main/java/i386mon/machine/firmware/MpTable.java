package i386mon.machine.firmware;

/**
 * The MP floating pointer structure followed by the MP configuration table (MultiProcessor
 * Specification 1.4, chapter 4), entry for entry as SeaBIOS 1.16 builds them under QEMU 7.2 (its
 * src/fw/mptable.c): one processor entry per CPU (QEMU's {@code -smp N,sockets=N}: every CPU its
 * own package), bus 0 PCI and bus 1 ISA, the I/O APIC, the ISA interrupt assignments with IRQ 0 on
 * pin 2, and ExtINT on LINT0 of the bootstrap CPU and NMI on LINT1 of every CPU. SeaBIOS also lists
 * the interrupt pins of the PCI devices it finds; this machine has no PCI devices, so there are none.
 */
public final class MpTable {
    static final int FLOATING_POINTER_LENGTH = 16, HEADER_LENGTH = 44;
    static final int PROCESSOR = 0, BUS = 1, IO_APIC = 2, IO_INTERRUPT = 3, LOCAL_INTERRUPT = 4;
    static final int INT = 0, NMI = 1, EXTINT = 3;
    static final int PCI_BUS = 0, ISA_BUS = 1;
    /** The local APIC version QEMU's APIC reports (register 0x30, low byte), which SeaBIOS copies. */
    static final int LOCAL_APIC_VERSION = 0x14;
    /** An 82093AA-compatible I/O APIC as QEMU's: version 0x11, id 0 (SeaBIOS's BUILD_IOAPIC_ID). */
    static final int IO_APIC_VERSION = 0x11, IO_APIC_ID = 0;
    /**
     * ISA IRQs without an MP entry: 2 (the cascade; IRQ 0 takes its pin) and the ones QEMU's PIIX
     * routes to PCI interrupt links, which SeaBIOS leaves out (they are level-triggered there).
     */
    static final int ISA_IRQS_LEFT_OUT = 1 << 2 | 1 << 5 | 1 << 9 | 1 << 10 | 1 << 11;

    private MpTable() { }

    /** The floating pointer at {@code address} and, right after it, the configuration table. */
    public static byte[] build(Processors cpus, long address) {
        TableWriter w = new TableWriter();
        w.ascii("_MP_", 4).u32(address + FLOATING_POINTER_LENGTH).u8(1).u8(4).u8(0).zeros(5);
        w.checksum(10, 0, FLOATING_POINTER_LENGTH);
        int table = w.length();
        w.ascii("PCMP", 4).u16(0).u8(4).u8(0).ascii("BOCHSCPU", 8).ascii("0.1", 12)
                .u32(0).u16(0).u16(0).u32(Apic.LOCAL_APIC_BASE).u16(0).u8(0).u8(0);
        int entries = 0;
        for (int id = 0; id < cpus.count(); id++, entries++) {
            w.u8(PROCESSOR).u8(id).u8(LOCAL_APIC_VERSION).u8(id == 0 ? 3 : 1) // enabled, and BSP for CPU 0
                    .u32(cpus.signature()).u32(cpus.features()).zeros(8);
        }
        w.u8(BUS).u8(PCI_BUS).ascii("PCI", 6);
        w.u8(BUS).u8(ISA_BUS).ascii("ISA", 6);
        entries += 2;
        w.u8(IO_APIC).u8(IO_APIC_ID).u8(IO_APIC_VERSION).u8(1).u32(Apic.IO_APIC_BASE);
        entries++;
        for (int irq = 0; irq < 16; irq++) {
            if ((ISA_IRQS_LEFT_OUT >> irq & 1) != 0) continue;
            // Polarity and trigger "conform to the bus" (flags 0): ISA is edge, active high.
            w.u8(IO_INTERRUPT).u8(INT).u16(0).u8(ISA_BUS).u8(irq).u8(IO_APIC_ID).u8(irq == 0 ? 2 : irq);
            entries++;
        }
        w.u8(LOCAL_INTERRUPT).u8(EXTINT).u16(0).u8(ISA_BUS).u8(0).u8(0).u8(0);
        w.u8(LOCAL_INTERRUPT).u8(NMI).u16(0).u8(ISA_BUS).u8(0).u8(0xFF).u8(1); // 0xFF: every local APIC
        entries += 2;
        w.put16(table + 4, w.length() - table);
        w.put16(table + 34, entries);
        w.checksum(table + 7, table, w.length());
        return w.toArray();
    }
}
