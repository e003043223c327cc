package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code info gdt} and {@code info idt}: the descriptor tables read from guest memory and decoded (SDM Vol. 3A 3.4.5, 6.11). */
public final class DescriptorTables {
    private static final String[] SYSTEM_TYPES = {
        "Reserved", "16-Bit TSS (available)", "LDT", "16-Bit TSS (busy)", "16-Bit Call Gate", "Task Gate",
        "16-Bit Interrupt Gate", "16-Bit Trap Gate", "Reserved", "32-Bit TSS (available)", "Reserved",
        "32-Bit TSS (busy)", "32-Bit Call Gate", "Reserved", "32-Bit Interrupt Gate", "32-Bit Trap Gate"
    };

    private DescriptorTables() { }

    public static List<String> gdt(DebugTarget t) {
        List<String> out = new ArrayList<>();
        int entries = (t.gdtrLimit() + 1) / 8;
        out.add(String.format("GDT base=0x%08x limit=0x%04x (%d entries)", t.gdtrBase(), t.gdtrLimit(), entries));
        GuestMemory mem = new GuestMemory(t);
        byte[] d = new byte[8];
        for (int i = 0; i < entries; i++) {
            long addr = (t.gdtrBase() & 0xFFFF_FFFFL) + i * 8L;
            String why = mem.readLinear(addr, d, 8);
            if (why != null) {
                out.add(String.format("GDT[0x%04x]: Cannot access memory at 0x%08x (%s)", i * 8, addr, why));
                break;
            }
            out.add(String.format("GDT[0x%04x]: %s", i * 8, segmentDescriptor(d)));
        }
        return out;
    }

    public static List<String> idt(DebugTarget t) {
        List<String> out = new ArrayList<>();
        int entries = Math.min(256, (t.idtrLimit() + 1) / 8);
        out.add(String.format("IDT base=0x%08x limit=0x%04x (%d entries)", t.idtrBase(), t.idtrLimit(), entries));
        GuestMemory mem = new GuestMemory(t);
        byte[] d = new byte[8];
        int absent = 0;
        for (int i = 0; i < entries; i++) {
            long addr = (t.idtrBase() & 0xFFFF_FFFFL) + i * 8L;
            String why = mem.readLinear(addr, d, 8);
            if (why != null) {
                out.add(String.format("IDT[0x%02x]: Cannot access memory at 0x%08x (%s)", i, addr, why));
                break;
            }
            int hi = (int) MemoryDump.littleEndian(d, 4, 4);
            int lo = (int) MemoryDump.littleEndian(d, 0, 4);
            if ((hi & 0x8000) == 0) {
                absent++;
                continue;
            }
            int type = (hi >>> 8) & 0xF;
            int dpl = (hi >>> 13) & 3;
            int selector = lo >>> 16;
            if (type == 5) {
                out.add(String.format("IDT[0x%02x]=Task Gate tss=0x%04x, DPL=%d", i, selector, dpl));
            } else {
                int offset = (hi & 0xFFFF0000) | (lo & 0xFFFF);
                String handler = t.describe(offset);
                String named = handler == null || handler.isEmpty() || handler.startsWith("0x") ? "" : " <" + handler + ">";
                out.add(String.format("IDT[0x%02x]=%s target=0x%04x:0x%08x%s, DPL=%d", i, SYSTEM_TYPES[type], selector, offset, named, dpl));
            }
        }
        if (absent > 0) out.add(absent + " of " + entries + " entries not present");
        return out;
    }

    /** One decoded segment descriptor (null: the all-zero descriptor); {@code kind} as the text column shows it. */
    private record Segment(int base, int limit, int dpl, String kind, boolean present, int flags) { }

    private static Segment segment(byte[] d) {
        int lo = (int) MemoryDump.littleEndian(d, 0, 4);
        int hi = (int) MemoryDump.littleEndian(d, 4, 4);
        if (lo == 0 && hi == 0) return null;
        SelectorLookup.Descriptor desc = new SelectorLookup.Descriptor(0, lo, hi);
        int base = desc.base();
        int limit = desc.limit();
        int dpl = (hi >>> 13) & 3;
        String kind;
        if ((hi & 0x1000) != 0) {
            boolean code = (hi & 0x800) != 0;
            kind = code
                    ? ((hi & 0x400000) != 0 ? "CS32" : "CS16") + " [" + ((hi & 0x400) != 0 ? 'C' : '-') + ((hi & 0x200) != 0 ? 'R' : '-')
                    : ((hi & 0x400000) != 0 ? "DS  " : "DS16") + " [" + ((hi & 0x400) != 0 ? 'E' : '-') + ((hi & 0x200) != 0 ? 'W' : '-');
            kind += ((hi & 0x100) != 0 ? 'A' : '-') + "]";
        } else {
            kind = SYSTEM_TYPES[(hi >>> 8) & 0xF];
        }
        return new Segment(base, limit, dpl, kind, (hi & 0x8000) != 0, hi & 0x00FFFF00);
    }

    static String segmentDescriptor(byte[] d) {
        Segment g = segment(d);
        if (g == null) return "null descriptor";
        return String.format("base=0x%08x limit=0x%08x %08x DPL=%d %s%s", g.base, g.limit, g.flags, g.dpl, g.kind, g.present ? "" : " not present");
    }

    /** {@code info gdt --json}: the table's base and limit, then each descriptor decoded (a read failure ends the list). */
    public static Map<String, Object> gdtJson(DebugTarget t) {
        int entries = (t.gdtrLimit() + 1) / 8;
        Map<String, Object> m = table(t.gdtrBase(), t.gdtrLimit(), entries);
        List<Object> list = new ArrayList<>();
        eachDescriptor(t, t.gdtrBase(), entries, m, (d, i) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("selector", i * 8);
            Segment g = segment(d);
            e.put("null", g == null);
            if (g != null) {
                e.put("base", g.base & 0xFFFF_FFFFL);
                e.put("limit", g.limit & 0xFFFF_FFFFL);
                e.put("flags", g.flags);
                e.put("dpl", g.dpl);
                e.put("type", g.kind.replaceAll(" +", " "));
                e.put("present", g.present);
            }
            list.add(e);
        });
        m.put("entries", list);
        return m;
    }

    /** {@code info idt --json}: the present gates, each with its vector, type, target and DPL. */
    public static Map<String, Object> idtJson(DebugTarget t) {
        int entries = Math.min(256, (t.idtrLimit() + 1) / 8);
        Map<String, Object> m = table(t.idtrBase(), t.idtrLimit(), entries);
        List<Object> list = new ArrayList<>();
        eachDescriptor(t, t.idtrBase(), entries, m, (d, i) -> {
            int hi = (int) MemoryDump.littleEndian(d, 4, 4);
            int lo = (int) MemoryDump.littleEndian(d, 0, 4);
            if ((hi & 0x8000) == 0) return;
            int type = (hi >>> 8) & 0xF;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("vector", i);
            e.put("type", SYSTEM_TYPES[type]);
            e.put("selector", lo >>> 16);
            if (type != 5) {
                int offset = (hi & 0xFFFF0000) | (lo & 0xFFFF);
                e.put("offset", offset & 0xFFFF_FFFFL);
                String handler = t.describe(offset);
                e.put("handler", handler == null || handler.isEmpty() || handler.startsWith("0x") ? null : handler);
            }
            e.put("dpl", (hi >>> 13) & 3);
            list.add(e);
        });
        m.put("gates", list);
        return m;
    }

    private static Map<String, Object> table(int base, int limit, int entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base & 0xFFFF_FFFFL);
        m.put("limit", limit & 0xFFFF);
        m.put("count", entries);
        return m;
    }

    /**
     * Reads the table's {@code entries} 8-byte descriptors from linear {@code base} and hands each to
     * {@code each} with its index; a read failure is recorded in {@code m} and ends the walk.
     */
    private static void eachDescriptor(DebugTarget t, int base, int entries, Map<String, Object> m,
            java.util.function.ObjIntConsumer<byte[]> each) {
        GuestMemory mem = new GuestMemory(t);
        byte[] d = new byte[8];
        for (int i = 0; i < entries; i++) {
            long addr = (base & 0xFFFF_FFFFL) + i * 8L;
            String why = mem.readLinear(addr, d, 8);
            if (why != null) {
                m.put("error", "Cannot access memory (" + why + ")");
                m.put("errorAddress", addr);
                return;
            }
            each.accept(d, i);
        }
    }
}
