package i386mon.machine.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.board.Report;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The monitor's {@code info lapic} and {@code info pic} text, compared with QEMU 7.2's after SeaBIOS. */
class ApicViewsTest {
    private final ApicRig rig = new ApicRig();

    private String text(String topic) {
        Report r = rig.board.report(topic);
        return r.lines().stream().map(Report.Line::text).collect(Collectors.joining("\n"));
    }

    @Test
    void lapicViewAfterTheBiosReadsAsQemusInfoLapic() {
        rig.lapic.biosVirtualWire();
        String expected = String.join("\n", List.of(
                "dumping local APIC state for CPU 0 ",
                "",
                "LVT0\t 0x00008700 active-hi level                             ExtINT (vec 0)",
                "LVT1\t 0x00008400 active-hi level                             NMI   ",
                "LVTPC\t 0x00010000 active-hi edge  masked                      Fixed  (vec 0)",
                "LVTERR\t 0x00010000 active-hi edge  masked                      Fixed  (vec 0)",
                "LVTTHMR\t 0x00010000 active-hi edge  masked                      Fixed  (vec 0)",
                "LVTT\t 0x00010000 active-hi edge  masked         one-shot     Fixed  (vec 0)",
                "Timer\t DCR=0x0 (divide by 2) initial_count = 0 current_count = 0",
                "SPIV\t 0x000001ff APIC enabled, focus=off, spurious vec 255",
                "ICR\t 0x00000000 physical edge de-assert no-shorthand",
                "ICR2\t 0x00000000 cpu 0 (APIC ID)",
                "ESR\t 0x00000000",
                "ISR\t (none)",
                "IRR\t (none)",
                "",
                "APR 0x00 TPR 0x00 DFR 0x0f LDR 0x00 PPR 0x00"));
        assertEquals(expected, text("lapic"));
    }

    @Test
    void lapicViewListsPendingAndInServiceVectors() {
        rig.enabled().selfIpi(0x40);
        rig.take();
        rig.selfIpi(0x50);
        rig.write(0x80, 0x50);
        String t = text("lapic");
        assertEquals(true, t.contains("ISR\t 64 \n"), t);
        assertEquals(true, t.contains("IRR\t 80 \n"), t);
    }

    @Test
    void picViewStartsWithTheIoApicLinesAsQemu() {
        List<String> lines = rig.board.report("pic").lines().stream().map(Report.Line::text).collect(Collectors.toList());
        assertEquals("ioapic0: ver=0x11 id=0x00 sel=0x00", lines.get(0));
        assertEquals("  pin 0  0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical", lines.get(1));
        assertEquals("  pin 23 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical", lines.get(24));
        assertEquals("  IRR      (none)", lines.get(25));
        assertEquals("  Remote IRR (none)", lines.get(26));
        assertEquals(true, lines.get(27).startsWith("pic1: "), lines.get(27));
    }

    @Test
    void ioapicViewShowsRoutedPinsAndRemoteIrr() {
        rig.enabled().route(9, 0x39 | 1 << 15, 0);
        rig.router.setIrq(9, true);
        List<String> lines = rig.board.report("ioapic").lines().stream().map(Report.Line::text).collect(Collectors.toList());
        assertEquals("  pin 9  0x000000000000c039 dest=0 vec=57  active-hi level        fixed  physical", lines.get(10));
        assertEquals("  IRR      9", lines.get(25));
        assertEquals("  Remote IRR 9", lines.get(26));
    }
}
