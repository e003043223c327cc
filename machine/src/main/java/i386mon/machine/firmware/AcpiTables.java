package i386mon.machine.firmware;

/**
 * The ACPI tables QEMU 7.2 gives an i440FX PC, in its order from the start of the area SeaBIOS
 * allocates at the top of RAM: FACS (64-byte aligned), DSDT, FADT, MADT, then the RSDT that lists
 * FADT and MADT; the RSDP (ACPI 1.0, revision 0) that points at the RSDT lives in the BIOS area
 * ({@link #rsdp}). Every table carries QEMU's ids: OEM "BOCHS ", table "BXPC", creator "BXPC",
 * revisions 1. QEMU also lists an HPET and a WAET table; this machine has no HPET and no ACPI PM
 * timer, so they are left out. The DSDT is {@link Dsdt}'s.
 */
public final class AcpiTables {
    static final int HEADER_LENGTH = 36, FACS_LENGTH = 64, FADT_LENGTH = 116, RSDP_LENGTH = 20;
    static final String OEM_ID = "BOCHS ", OEM_TABLE_ID = "BXPC", CREATOR_ID = "BXPC";
    /** Interrupt source override flags: active high, level-triggered (ACPI 1.0 5.2.10.8). */
    static final int ACTIVE_HIGH_LEVEL = 0x0D;
    /** The ISA IRQs QEMU's PIIX routes to PCI interrupt links (level-triggered), overridden as QEMU does. */
    static final int[] PCI_LINK_IRQS = {5, 9, 10, 11};

    /** The tables' bytes, to be written at {@code base}, and where the RSDT among them starts. */
    public record Area(long base, byte[] bytes, long rsdt) { }

    private AcpiTables() { }

    public static Area build(Processors cpus, long base) {
        if ((base & 63) != 0 || base < 0 || base > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(String.format("the ACPI area must start 64-byte aligned below 4 GiB, not at 0x%X", base));
        }
        TableWriter w = new TableWriter();
        long facs = base;
        w.ascii("FACS", 4).u32(FACS_LENGTH).zeros(FACS_LENGTH - 8); // no hardware signature, waking vector or lock
        long dsdt = base + w.length();
        table(w, "DSDT", Dsdt.AML);
        long fadt = base + w.length();
        table(w, "FACP", fadtBody(facs, dsdt));
        long madt = base + w.length();
        table(w, "APIC", madtBody(cpus));
        long rsdt = base + w.length();
        table(w, "RSDT", new TableWriter().u32(fadt).u32(madt).toArray());
        return new Area(base, w.toArray(), rsdt);
    }

    /** The ACPI 1.0 root system description pointer: revision 0, no XSDT. */
    public static byte[] rsdp(long rsdt) {
        TableWriter w = new TableWriter().ascii("RSD PTR ", 8).u8(0).ascii(OEM_ID, 6).u8(0).u32(rsdt);
        w.checksum(8, 0, RSDP_LENGTH);
        return w.toArray();
    }

    /** Appends a table: the standard header (5.2.6) with its length and checksum, then {@code body}. */
    private static void table(TableWriter w, String signature, byte[] body) {
        int at = w.length();
        w.ascii(signature, 4).u32(HEADER_LENGTH + body.length).u8(1).u8(0)
                .ascii(OEM_ID, 6).ascii(OEM_TABLE_ID, 8).u32(1).ascii(CREATOR_ID, 4).u32(1).bytes(body);
        w.checksum(at + 9, at, w.length());
    }

    /**
     * The FADT (ACPI 1.0, 116 bytes) with QEMU's values for the PIIX4 power management function:
     * SCI on IRQ 9, SMI command port 0xB2 (enable 0xF1, disable 0xF0), PM1a event/control at
     * 0x600/0x604, the PM timer at 0x608, GPE0 at 0xAFE0, no C2/C3, the RTC century at CMOS 0x32,
     * flags WBINVD, PROC_C1, SLP_BUTTON, RTC_S4, USE_PLATFORM_CLOCK.
     */
    private static byte[] fadtBody(long facs, long dsdt) {
        TableWriter w = new TableWriter().u32(facs).u32(dsdt)
                .u8(1) // INT_MODEL in ACPI 1.0 (reserved later), as QEMU sets it
                .u8(0).u16(9).u32(0xB2).u8(0xF1).u8(0xF0).u8(0).u8(0)
                .u32(0x600).u32(0).u32(0x604).u32(0).u32(0).u32(0x608).u32(0xAFE0).u32(0)
                .u8(4).u8(2).u8(0).u8(4).u8(4).u8(0).u8(0).u8(0)
                .u16(0xFFF).u16(0xFFF) // C2/C3 latencies above the limits: not supported
                .u16(0).u16(0).u8(0).u8(0).u8(0).u8(0).u8(0x32)
                .u16(0).u8(0)
                .u32(1 << 0 | 1 << 2 | 1 << 5 | 1 << 7 | 1 << 15);
        return w.toArray();
    }

    /**
     * The MADT: the local APIC address, PCAT_COMPAT (dual 8259s present), a local APIC per CPU
     * (processor id = APIC id, enabled), the I/O APIC (id 0, GSI base 0), ISA IRQ 0 on GSI 2 and the
     * PCI link IRQs level-triggered, and NMI on LINT1 of every processor.
     */
    private static byte[] madtBody(Processors cpus) {
        TableWriter w = new TableWriter().u32(Apic.LOCAL_APIC_BASE).u32(1);
        for (int id = 0; id < cpus.count(); id++) w.u8(0).u8(8).u8(id).u8(id).u32(1);
        w.u8(1).u8(12).u8(MpTable.IO_APIC_ID).u8(0).u32(Apic.IO_APIC_BASE).u32(0);
        w.u8(2).u8(10).u8(0).u8(0).u32(2).u16(0);
        for (int irq : PCI_LINK_IRQS) w.u8(2).u8(10).u8(0).u8(irq).u32(irq).u16(ACTIVE_HIGH_LEVEL);
        w.u8(4).u8(6).u8(0xFF).u16(0).u8(1);
        return w.toArray();
    }
}
