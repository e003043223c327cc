package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import i386mon.kernel.KernelImages;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --json output parsed back and checked against the text the same command prints. */
@SuppressWarnings("unchecked")
class JsonOutputTest {
    private final StringWriter out = new StringWriter();
    private final Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(null), new PrintWriter(out, true), new PrintWriter(out, true));
    private final CommandDispatcher dispatcher = new CommandDispatcher(session);

    @BeforeEach
    void bootToFourMegabytePaging() {
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), "scenario=identity-4m exit", List.of(), 64 << 20));
        ok("cont");
    }

    private String ok(String line) {
        int mark = out.getBuffer().length();
        var o = dispatcher.execute(line);
        if (!o.ok()) throw new AssertionError(line + ": " + o.message());
        return out.getBuffer().substring(mark);
    }

    private Map<String, Object> json(String line) {
        return (Map<String, Object>) JsonParser.parse(ok(line));
    }

    @Test
    void registersMatchTheText() {
        Map<String, Object> r = json("info registers --json");
        String text = ok("info registers");
        assertEquals(String.format("EAX=%08x", (Long) r.get("eax")), text.substring(0, 12));
        assertEquals(String.format("CR3=%08x", (Long) r.get("cr3")), text.substring(text.indexOf("CR3="), text.indexOf("CR3=") + 12));
        Map<String, Object> cs = (Map<String, Object>) ((Map<String, Object>) r.get("segments")).get("cs");
        assertEquals(8L, cs.get("selector"));
    }

    @Test
    void tlbEntriesMatchTheText() {
        Map<String, Object> t = json("info tlb --json");
        List<Object> entries = (List<Object>) t.get("entries");
        String[] lines = ok("info tlb").split("\n");
        assertEquals(lines.length, entries.size());
        Map<String, Object> first = (Map<String, Object>) entries.get(0);
        assertEquals(lines[0], String.format("%016x: %016x %s", (Long) first.get("linear"), (Long) first.get("physical"), first.get("flags")));
    }

    @Test
    void memRangesMatchTheText() {
        List<Object> ranges = (List<Object>) json("info mem --json").get("ranges");
        Map<String, Object> r = (Map<String, Object>) ranges.get(0);
        assertEquals(ok("info mem").split("\n")[0], String.format("%016x-%016x %016x %sr%s", (Long) r.get("start"), (Long) r.get("end"),
                (Long) r.get("size"), (Boolean) r.get("user") ? "u" : "-", (Boolean) r.get("writable") ? "w" : "-"));
    }

    @Test
    void translateGivesTheFaultAndErrorCode() {
        Map<String, Object> w = json("translate 0xf0000000 --write --json");
        assertEquals(false, w.get("ok"));
        assertEquals("PDE 0x3c0 not present", w.get("fault"));
        assertEquals(2L, w.get("errorCode"));
        assertEquals("PDE", ((Map<String, Object>) ((List<Object>) w.get("entries")).get(0)).get("level"));
    }

    @Test
    void translateGivesThePhysicalAddress() {
        Map<String, Object> w = json("translate 0x00123456 --json");
        assertEquals(true, w.get("ok"));
        assertEquals(0x123456L, w.get("physical"));
        assertEquals(4L << 20, w.get("pageSize"));
    }

    @Test
    void pteDumpTreeMatchesTheText() {
        Map<String, Object> d = json("pte dump --json");
        Map<String, Object> run = (Map<String, Object>) ((List<Object>) d.get("entries")).get(0);
        assertEquals(4L, run.get("count"));
        assertEquals(0L, run.get("physical"));
        assertEquals(0xffffffL, run.get("linearEnd"));
    }

    @Test
    void memoryValuesMatchTheText() {
        Map<String, Object> x = json("x/4xw 0x100000 --json");
        List<Object> values = (List<Object>) x.get("values");
        assertEquals(ok("x/4xw 0x100000"), String.format("00100000: 0x%08x 0x%08x 0x%08x 0x%08x%n", values.toArray()).replace("\r", ""));
        assertNull(x.get("error"));
    }

    @Test
    void unreadableMemoryIsAnErrorField() {
        Map<String, Object> x = json("x/4x 0xf0000000 --json");
        assertEquals("Cannot access memory (PDE 0x3c0 not present)", x.get("error"));
        assertEquals(List.of(), x.get("values"));
    }

    @Test
    void breakpointsAreListed() {
        ok("break kmain if $eax == 1");
        Map<String, Object> b = (Map<String, Object>) ((List<Object>) json("info break --json").get("breakpoints")).get(0);
        assertEquals("kmain", b.get("what"));
        assertEquals("$eax == 1", b.get("condition"));
        assertEquals((long) session.eval("kmain"), b.get("address"));
    }

    @Test
    void printGivesTheValueFormatAndText() {
        Map<String, Object> p = json("print/d -1 --json");
        assertEquals(0xffffffffL, p.get("value"));
        assertEquals("d", p.get("format"));
        assertEquals(ok("print/d -1").trim(), p.get("text"));
    }

    @Test
    void infoCrGivesEachRegistersValueAndSetBits() {
        Map<String, Object> cr = json("info cr --json");
        Map<String, Object> cr0 = (Map<String, Object>) cr.get("cr0");
        assertEquals(ok("info cr").lines().findFirst().orElseThrow().substring(0, 15), String.format("CR0=0x%08x:", (Long) cr0.get("value")));
        assertEquals(true, ((List<Object>) cr0.get("set")).containsAll(List.of("pg", "pe")));
        assertEquals(((Long) ((Map<String, Object>) cr.get("cr3")).get("value")) & 0xfffff000L, ((Map<String, Object>) cr.get("cr3")).get("pageDirectory"));
    }

    @Test
    void infoGdtGivesEachDescriptorAsTheTextDoes() {
        Map<String, Object> g = json("info gdt --json");
        List<Object> entries = (List<Object>) g.get("entries");
        List<String> text = ok("info gdt").lines().collect(java.util.stream.Collectors.toList());
        assertEquals(text.size() - 1, entries.size());
        assertEquals(text.size() - 1L, g.get("count"));
        assertEquals(true, ((Map<String, Object>) entries.get(0)).get("null"));
        Map<String, Object> code = (Map<String, Object>) entries.get(1);
        assertEquals(text.get(2), String.format("GDT[0x0008]: base=0x%08x limit=0x%08x %08x DPL=%d %s", (Long) code.get("base"), (Long) code.get("limit"),
                (Long) code.get("flags"), (Long) code.get("dpl"), code.get("type")));
    }

    @Test
    void infoIdtGivesThePresentGates() {
        Map<String, Object> idt = json("info idt --json");
        List<Object> gates = (List<Object>) idt.get("gates");
        List<String> text = ok("info idt").lines().filter(l -> l.startsWith("IDT[")).collect(java.util.stream.Collectors.toList());
        assertEquals(text.size(), gates.size());
        Map<String, Object> first = (Map<String, Object>) gates.get(0);
        assertEquals(text.get(0).substring(0, text.get(0).indexOf(" target=")),
                String.format("IDT[0x%02x]=%s", (Long) first.get("vector"), first.get("type")));
        assertEquals(true, text.get(0).contains(String.format("0x%04x:0x%08x", (Long) first.get("selector"), (Long) first.get("offset"))));
    }
}
