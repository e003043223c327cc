package i386mon.machine.firmware;

import static i386mon.machine.firmware.Bytes.ascii;
import static i386mon.machine.firmware.Bytes.sum;
import static i386mon.machine.firmware.Bytes.u16;
import static i386mon.machine.firmware.Bytes.u32;
import static i386mon.machine.firmware.Bytes.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcpiTablesTest {
    private static final long BASE = 0x7FE0000;

    private static AcpiTables.Area area(int cpus) {
        return AcpiTables.build(new Processors(cpus, 0x633, 0), BASE);
    }

    /** Offset in the area's bytes of the table at guest address {@code addr}. */
    private static int at(long addr) { return (int) (addr - BASE); }

    private static void assertValidTable(byte[] b, int at, String signature) {
        assertEquals(signature, ascii(b, at, 4));
        int len = (int) u32(b, at + 4);
        assertEquals(0, sum(b, at, at + len), signature + " checksum");
        assertEquals(1, u8(b, at + 8), signature + " revision");
        assertEquals("BOCHS ", ascii(b, at + 10, 6));
        assertEquals("BXPC    ", ascii(b, at + 16, 8));
        assertEquals("BXPC", ascii(b, at + 28, 4));
    }

    private static List<Long> rsdtEntries(AcpiTables.Area a) {
        byte[] b = a.bytes();
        int r = at(a.rsdt());
        List<Long> out = new ArrayList<>();
        for (int e = r + 36; e < r + u32(b, r + 4); e += 4) out.add(u32(b, e));
        return out;
    }

    @Test
    void rsdtListsTheFadtAndTheMadtWithValidHeadersFor1To8Cpus() {
        for (int n = 1; n <= Processors.MAX; n++) {
            AcpiTables.Area a = area(n);
            assertValidTable(a.bytes(), at(a.rsdt()), "RSDT");
            List<Long> entries = rsdtEntries(a);
            assertEquals(2, entries.size());
            assertValidTable(a.bytes(), at(entries.get(0)), "FACP");
            assertValidTable(a.bytes(), at(entries.get(1)), "APIC");
            assertEquals(a.bytes().length, at(a.rsdt()) + 36 + 8, "the RSDT ends the area");
        }
    }

    @Test
    void madtHasALocalApicPerCpuTheIoApicFiveOverridesAndTheNmi() {
        for (int n = 1; n <= Processors.MAX; n++) {
            AcpiTables.Area a = area(n);
            byte[] b = a.bytes();
            int m = at(rsdtEntries(a).get(1));
            assertEquals(44 + 8 * n + 12 + 5 * 10 + 6, u32(b, m + 4), "MADT length with " + n + " CPUs");
            assertEquals(0xFEE00000L, u32(b, m + 36));
            assertEquals(1, u32(b, m + 40), "PCAT_COMPAT");
            for (int id = 0; id < n; id++) {
                int e = m + 44 + 8 * id;
                assertEquals(List.of(0, 8, id, id, 1L), List.of(u8(b, e), u8(b, e + 1), u8(b, e + 2), u8(b, e + 3), u32(b, e + 4)));
            }
            int io = m + 44 + 8 * n;
            assertEquals(List.of(1, 12, 0, 0xFEC00000L, 0L), List.of(u8(b, io), u8(b, io + 1), u8(b, io + 2), u32(b, io + 4), u32(b, io + 8)));
        }
    }

    @Test
    void irq0IsOverriddenToGsi2AndThePciLinkIrqsToLevelTriggered() {
        AcpiTables.Area a = area(1);
        byte[] b = a.bytes();
        int e = at(rsdtEntries(a).get(1)) + 44 + 8 + 12;
        List<String> overrides = new ArrayList<>();
        for (; u8(b, e) == 2; e += 10) overrides.add(u8(b, e + 3) + "->" + u32(b, e + 4) + "/" + Integer.toHexString(u16(b, e + 8)));
        assertEquals(List.of("0->2/0", "5->5/d", "9->9/d", "10->10/d", "11->11/d"), overrides);
        assertEquals(List.of(4, 6, 0xFF, 0, 1), List.of(u8(b, e), u8(b, e + 1), u8(b, e + 2), u16(b, e + 3), u8(b, e + 5)));
    }

    @Test
    void fadtPointsAtTheAlignedFacsAndTheDsdt() {
        AcpiTables.Area a = area(1);
        byte[] b = a.bytes();
        int f = at(rsdtEntries(a).get(0));
        assertEquals(116, u32(b, f + 4));
        assertEquals(BASE, u32(b, f + 36), "FACS first, 64-byte aligned");
        assertEquals("FACS", ascii(b, 0, 4));
        assertEquals(64, u32(b, 4));
        long dsdt = u32(b, f + 40);
        assertEquals(BASE + 64, dsdt);
        assertValidTable(b, at(dsdt), "DSDT");
        assertEquals("_S5_", ascii(b, at(dsdt) + 37, 4));
        assertEquals(9, u16(b, f + 46), "SCI interrupt");
        assertEquals(0x32, u8(b, f + 108), "RTC century register");
        assertEquals(0x80A5L, u32(b, f + 112));
    }

    @Test
    void rsdpIsRevision0WithAValidChecksum() {
        byte[] r = AcpiTables.rsdp(0x7FE1AD8L);
        assertEquals(20, r.length);
        assertEquals("RSD PTR ", ascii(r, 0, 8));
        assertEquals("BOCHS ", ascii(r, 9, 6));
        assertEquals(0, u8(r, 15));
        assertEquals(0x7FE1AD8L, u32(r, 16));
        assertEquals(0, sum(r, 0, 20));
    }

    @Test
    void anUnalignedOrOutOfRangeAreaIsRefused() {
        Processors one = new Processors(1, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> AcpiTables.build(one, 0x7FE0010));
        assertThrows(IllegalArgumentException.class, () -> AcpiTables.build(one, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> AcpiTables.build(one, -64));
    }
}
