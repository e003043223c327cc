package i386mon.machine.firmware;

import static i386mon.machine.firmware.Bytes.ascii;
import static i386mon.machine.firmware.Bytes.sum;
import static i386mon.machine.firmware.Bytes.u16;
import static i386mon.machine.firmware.Bytes.u32;
import static i386mon.machine.firmware.Bytes.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MpTableTest {
    private static final long AT = 0xF5BA0;
    private static final int ISA_IRQS_LISTED = 11; // 0, 1, 3, 4, 6, 7, 8, 12, 13, 14, 15

    private static byte[] table(int cpus) {
        return MpTable.build(new Processors(cpus, 0x633, 0x0000_A17D), AT);
    }

    @Test
    void floatingPointerIsOneParagraphWithAValidChecksumPointingRightAfterItself() {
        byte[] b = table(1);
        assertEquals("_MP_", ascii(b, 0, 4));
        assertEquals(AT + 16, u32(b, 4));
        assertEquals(1, u8(b, 8));
        assertEquals(4, u8(b, 9));
        assertEquals(0, sum(b, 0, 16));
        assertEquals(0, u32(b, 11) | u8(b, 15)); // feature bytes: no default configuration, no IMCR
    }

    @Test
    void configurationTableLengthChecksumAndEntryCountHoldFor1To8Cpus() {
        for (int n = 1; n <= Processors.MAX; n++) {
            byte[] b = table(n);
            int len = u16(b, 16 + 4);
            assertEquals(b.length - 16, len, "length with " + n + " CPUs");
            assertEquals(44 + 20 * n + 8 * (2 + 1 + ISA_IRQS_LISTED + 2), len, "length with " + n + " CPUs");
            assertEquals(0, sum(b, 16, 16 + len), "checksum with " + n + " CPUs");
            assertEquals(n + 2 + 1 + ISA_IRQS_LISTED + 2, u16(b, 16 + 34), "entries with " + n + " CPUs");
        }
    }

    @Test
    void headerCarriesQemusIdsAndTheLocalApicAddress() {
        byte[] b = table(2);
        assertEquals("PCMP", ascii(b, 16, 4));
        assertEquals(4, u8(b, 16 + 6));
        assertEquals("BOCHSCPU", ascii(b, 16 + 8, 8));
        assertEquals("0.1         ", ascii(b, 16 + 16, 12));
        assertEquals(0xFEE00000L, u32(b, 16 + 36));
    }

    @Test
    void processorEntriesCarryApicIdsFlagsAndTheCpuidValues() {
        byte[] b = table(3);
        for (int id = 0; id < 3; id++) {
            int e = 16 + 44 + 20 * id;
            assertEquals(0, u8(b, e));
            assertEquals(id, u8(b, e + 1));
            assertEquals(0x14, u8(b, e + 2));
            assertEquals(id == 0 ? 3 : 1, u8(b, e + 3), "CPU " + id + ": enabled, BSP only for CPU 0");
            assertEquals(0x633, u32(b, e + 4));
            assertEquals(0xA17D, u32(b, e + 8));
        }
    }

    @Test
    void isaIrq0GoesToPin2AndTheOthersListedToTheirOwnPin() {
        byte[] b = table(1);
        List<String> routes = new ArrayList<>();
        for (int e = 16 + 44 + 20 + 24; e < b.length && u8(b, e) == 3; e += 8) {
            assertEquals(MpTable.ISA_BUS, u8(b, e + 4));
            routes.add(u8(b, e + 5) + "->" + u8(b, e + 7));
        }
        assertEquals(List.of("0->2", "1->1", "3->3", "4->4", "6->6", "7->7", "8->8", "12->12", "13->13", "14->14", "15->15"), routes);
    }

    @Test
    void busAndIoApicEntriesAreQemus() {
        byte[] b = table(1);
        int e = 16 + 44 + 20;
        assertEquals("PCI   ", ascii(b, e + 2, 6));
        assertEquals(0, u8(b, e + 1));
        assertEquals("ISA   ", ascii(b, e + 10, 6));
        assertEquals(1, u8(b, e + 9));
        assertEquals(2, u8(b, e + 16));
        assertEquals(0x11, u8(b, e + 18));
        assertEquals(1, u8(b, e + 19));
        assertEquals(0xFEC00000L, u32(b, e + 20));
    }

    @Test
    void localInterruptsAreExtIntOnLint0OfTheBspAndNmiOnLint1OfEveryCpu() {
        byte[] b = table(2);
        int e = b.length - 16;
        assertEquals(List.of(4, 3, 0, 0), List.of(u8(b, e), u8(b, e + 1), u8(b, e + 6), u8(b, e + 7)));
        assertEquals(List.of(4, 1, 0xFF, 1), List.of(u8(b, e + 8), u8(b, e + 9), u8(b, e + 14), u8(b, e + 15)));
    }
}
