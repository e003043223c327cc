package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The device views on the demo kernel after it set up the PIC, PIT and COM1 and ran its scenarios. */
class DeviceCommandsTest {
    /** The I/O APIC's lines at the top of info pic: header, 24 pins, IRR, remote IRR. */
    private static final int IOAPIC_LINES = 27;

    private static DemoSession ran() {
        DemoSession d = new DemoSession("scenario=identity");
        d.ok("expect serial \"done: all scenarios passed\"");
        d.ok("cont --max 30000000"); // idles with interrupts on: timer ticks arrive
        return d;
    }

    @Test
    void infoPicShowsTheIoApicThenBothChipsAsQemuDoes() {
        List<String> all = ran().ok("info pic").lines().toList();
        // QEMU lists the I/O APIC (a header, 24 pins, IRR and remote IRR) before the 8259s
        assertEquals(IOAPIC_LINES + 2, all.size());
        assertEquals("ioapic0: ver=0x11 id=0x00 sel=0x00", all.get(0));
        List<String> lines = all.subList(IOAPIC_LINES, all.size());
        // QEMU lists the slave first; SeaBIOS makes IRQ 10 and 11 (the PCI interrupt links) level-triggered
        assertTrue(lines.get(0).matches("pic1: irr=[0-9a-f]{2} imr=ff isr=00 hprio=\\d irq_base=28 rr_sel=0 elcr=0c fnm=0"), lines.get(0));
        assertTrue(lines.get(1).matches("pic0: irr=[0-9a-f]{2} imr=f8 isr=[0-9a-f]{2} hprio=\\d irq_base=20 rr_sel=0 elcr=00 fnm=0"), lines.get(1));
    }

    @Test
    void infoIrqCountsTimerTicks() {
        List<String> all = ran().ok("info irq").lines().toList();
        List<String> lines = all.subList(all.indexOf("IRQ statistics for isa-i8259:"), all.size());
        assertTrue(lines.get(1).matches(" 0: \\d+") && Long.parseLong(lines.get(1).substring(4)) >= 2, lines.toString());
    }

    @Test
    void infoIrqListsTheIoApicFirstWithTheTimerAsLineZeroAsQemuDoes() {
        List<String> lines = ran().ok("info irq").lines().toList();
        assertEquals("IRQ statistics for ioapic:", lines.get(0));
        assertTrue(lines.get(1).matches(" 0: \\d+") && Long.parseLong(lines.get(1).substring(4)) >= 2, lines.toString());
    }

    @Test
    void infoPitShowsTheHundredHertzTimer() {
        String pit = ran().ok("info pit");
        assertTrue(pit.matches("(?s)channel 0: mode [23] \\((rate|square wave) generator\\), count \\d+ of 11931, 100\\.00 Hz, out [01]\n.*"), pit);
        assertTrue(pit.contains("channel 2: mode 0 (interrupt on terminal count), not programmed, out 0\n"), pit);
    }

    @Test
    void infoSerialShowsComOneAsTheKernelSetItUp() {
        String s = ran().ok("info serial");
        assertTrue(s.startsWith("COM1 (0x3f8, IRQ 4): 38400 baud 8N1, FIFO on, 0 bytes waiting\n  IER="), s);
        assertTrue(s.contains("\nCOM2 (0x2f8, IRQ 3): "), s);
    }

    @Test
    void infoVgaShowsTheScreenWithoutEscapesOnAPlainTerminal() {
        DemoSession d = ran();
        List<String> lines = d.ok("info vga").lines().toList();
        assertEquals("i386mon demo kernel", lines.get(0));
        assertEquals(26, lines.size());
        assertTrue(lines.get(25).matches("cursor: row \\d+, column \\d+"), lines.get(25));
        assertFalse(String.join("\n", lines).contains("\u001b["));
    }

    @Test
    void infoVgaColoursCellsOnAColourTerminal() {
        DemoSession d = ran();
        d.session.setColour(true);
        String first = d.ok("info vga").lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("\u001b[37;40mi386mon demo kernel"), first); // light grey on black
        assertTrue(first.endsWith("\u001b[0m"), first);
    }

    @Test
    void infoCmosDumpsTheBytesAndTheClock() {
        List<String> lines = ran().ok("info cmos").lines().toList();
        assertEquals(9, lines.size());
        assertTrue(lines.get(0).startsWith("00: "));
        assertTrue(lines.get(8).matches("RTC: 2000-01-01 \\d\\d:\\d\\d:\\d\\d \\(BCD, 24-hour\\)"), lines.get(8)); // virtual time from 2000-01-01
    }

    @Test
    void infoPostShowsTheLastCodeWrittenToPort80() {
        DemoSession d = new DemoSession("exit");
        d.ok("o/b 0x80 0x42");
        assertEquals("POST code: 0x42\nwritten: 0x42\n", d.ok("info post"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoPostAsJsonListsTheCodesWritten() {
        DemoSession d = new DemoSession("exit");
        d.ok("o/b 0x80 0x01");
        d.ok("o/b 0x80 0x02");
        java.util.Map<String, Object> doc = (java.util.Map<String, Object>) JsonParser.parse(d.ok("info post --json"));
        List<java.util.Map<String, Object>> lines = (List<java.util.Map<String, Object>>) doc.get("lines");
        assertEquals(2, ((Number) lines.get(0).get("post_code")).intValue());
        assertEquals(List.of(1, 2), ((List<Object>) lines.get(1).get("codes")).stream().map(o -> ((Number) o).intValue()).toList());
        assertEquals(2, ((Number) lines.get(1).get("writes")).intValue());
        assertEquals("written: 0x01 0x02", lines.get(1).get("text"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoPicAsJsonGivesEachChipsRegisters() {
        java.util.Map<String, Object> doc = (java.util.Map<String, Object>) JsonParser.parse(ran().ok("info pic --json"));
        assertEquals("pic", doc.get("view"));
        List<java.util.Map<String, Object>> all = (List<java.util.Map<String, Object>>) doc.get("lines");
        assertEquals(IOAPIC_LINES + 2, all.size());
        List<java.util.Map<String, Object>> lines = all.subList(IOAPIC_LINES, all.size());
        assertEquals(0, ((Number) lines.get(1).get("chip")).intValue());
        assertEquals(0xF8, ((Number) lines.get(1).get("imr")).intValue());
        assertEquals(0x20, ((Number) lines.get(1).get("irq_base")).intValue());
        assertTrue(((String) lines.get(1).get("text")).startsWith("pic0: irr="));
    }
}
