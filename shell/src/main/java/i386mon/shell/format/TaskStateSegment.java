package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task-state segment read from guest memory (SDM vol. 3, 7.2.1 for the 32-bit format, 7.6 for
 * the 16-bit one): the fields in their order in memory, each with its width, by name. The
 * registers it holds are those saved when the task was last switched away from; a running task's
 * live registers are in the CPU.
 */
public final class TaskStateSegment {
    /** 32-bit format: name, offset, width in bytes. */
    private static final Object[][] FIELDS32 = {
        {"backlink", 0x00, 2}, {"esp0", 0x04, 4}, {"ss0", 0x08, 2}, {"esp1", 0x0C, 4}, {"ss1", 0x10, 2},
        {"esp2", 0x14, 4}, {"ss2", 0x18, 2}, {"cr3", 0x1C, 4}, {"eip", 0x20, 4}, {"eflags", 0x24, 4},
        {"eax", 0x28, 4}, {"ecx", 0x2C, 4}, {"edx", 0x30, 4}, {"ebx", 0x34, 4}, {"esp", 0x38, 4},
        {"ebp", 0x3C, 4}, {"esi", 0x40, 4}, {"edi", 0x44, 4}, {"es", 0x48, 2}, {"cs", 0x4C, 2},
        {"ss", 0x50, 2}, {"ds", 0x54, 2}, {"fs", 0x58, 2}, {"gs", 0x5C, 2}, {"ldt", 0x60, 2},
        {"t", 0x64, 2}, {"iomap", 0x66, 2},
    };
    /** 16-bit format (80286). */
    private static final Object[][] FIELDS16 = {
        {"backlink", 0x00, 2}, {"sp0", 0x02, 2}, {"ss0", 0x04, 2}, {"sp1", 0x06, 2}, {"ss1", 0x08, 2},
        {"sp2", 0x0A, 2}, {"ss2", 0x0C, 2}, {"ip", 0x0E, 2}, {"flags", 0x10, 2}, {"ax", 0x12, 2},
        {"cx", 0x14, 2}, {"dx", 0x16, 2}, {"bx", 0x18, 2}, {"sp", 0x1A, 2}, {"bp", 0x1C, 2},
        {"si", 0x1E, 2}, {"di", 0x20, 2}, {"es", 0x22, 2}, {"cs", 0x24, 2}, {"ss", 0x26, 2},
        {"ds", 0x28, 2}, {"ldt", 0x2A, 2},
    };
    /** The text layout: the fields of each line. */
    private static final String[][] LINES32 = {
        {"backlink"}, {"esp0", "ss0", "esp1", "ss1", "esp2", "ss2"}, {"cr3", "eip", "eflags"},
        {"eax", "ebx", "ecx", "edx"}, {"esi", "edi", "ebp", "esp"}, {"es", "cs", "ss", "ds", "fs", "gs", "ldt"}, {"t", "iomap"},
    };
    private static final String[][] LINES16 = {
        {"backlink"}, {"sp0", "ss0", "sp1", "ss1", "sp2", "ss2"}, {"ip", "flags"},
        {"ax", "bx", "cx", "dx"}, {"si", "di", "bp", "sp"}, {"es", "cs", "ss", "ds", "ldt"},
    };
    private static final int EFLAGS_NT = 1 << 14;
    /** The longest backlink chain followed: a chain that loops or runs on is cut there. */
    static final int MAX_CHAIN = 16;

    private final int selector, base, limit, type;
    private final Map<String, Long> fields = new LinkedHashMap<>();
    private final Map<String, Integer> widths = new LinkedHashMap<>();
    private final String unreadable;

    private TaskStateSegment(DebugTarget t, int selector, int base, int limit, int type) {
        this.selector = selector & 0xFFFF;
        this.base = base;
        this.limit = limit;
        this.type = type;
        String why = null;
        if (isTss()) {
            Object[][] layout = is32() ? FIELDS32 : FIELDS16;
            byte[] b = new byte[is32() ? 0x68 : 0x2C];
            why = new GuestMemory(t).readLinear(base & 0xFFFF_FFFFL, b, b.length);
            if (why == null) {
                for (Object[] f : layout) {
                    int off = (Integer) f[1], width = (Integer) f[2];
                    long v = MemoryDump.littleEndian(b, off, width);
                    if (f[0].equals("t")) v &= 1; // the debug trap bit; the rest of the word is reserved
                    fields.put((String) f[0], v);
                    widths.put((String) f[0], width);
                }
            }
        }
        unreadable = why;
    }

    /** The task TR holds, from its cache (selector, base, limit, type as the CPU loaded them). */
    public static TaskStateSegment current(DebugTarget t) {
        return new TaskStateSegment(t, t.segSelector(DebugTarget.SEG_TR), t.segBase(DebugTarget.SEG_TR),
                t.segLimit(DebugTarget.SEG_TR), (t.segFlags(DebugTarget.SEG_TR) >>> 8) & 0xF);
    }

    /** The task {@code selector} names in the GDT now. */
    static TaskStateSegment named(DebugTarget t, int selector) {
        SelectorLookup.Descriptor d = SelectorLookup.read(t, selector);
        return new TaskStateSegment(t, selector, d.base(), d.limit(), d.system() ? d.type() : -1);
    }

    boolean isTss() { return type == 1 || type == 3 || type == 9 || type == 11; }

    boolean is32() { return (type & 8) != 0; }

    boolean busy() { return (type & 2) != 0; }

    /** "TSS32-busy", "TSS16-avl", or what the descriptor is instead. */
    String typeName() {
        if (type < 0) return "not a system descriptor";
        if (!isTss()) return String.format("not a TSS (system type %d)", type);
        return (is32() ? "TSS32" : "TSS16") + (busy() ? "-busy" : "-avl");
    }

    private boolean nested() {
        Long f = fields.get(is32() ? "eflags" : "flags");
        return f != null && (f & EFLAGS_NT) != 0;
    }

    private String header() {
        return String.format("%04x base=%08x limit=%08x %s", selector, base, limit, typeName());
    }

    /**
     * The tasks the backlinks lead to while NT is set (the CPU's EFLAGS.NT for the current task,
     * the saved EFLAGS.NT for the tasks before it), or why the chain ends early.
     */
    private static List<Object> chain(DebugTarget t, TaskStateSegment from) {
        List<Object> out = new ArrayList<>();
        boolean nt = (t.eflags() & EFLAGS_NT) != 0;
        TaskStateSegment at = from;
        List<Integer> seen = new ArrayList<>(List.of(from.selector & 0xFFF8));
        while (nt && at.fields.containsKey("backlink")) {
            int link = (int) (long) at.fields.get("backlink");
            if (seen.contains(link & 0xFFF8)) { out.add(String.format("backlink %04x loops back", link)); break; }
            if (out.size() == MAX_CHAIN) { out.add("more than " + MAX_CHAIN + " tasks: cut"); break; }
            try {
                at = named(t, link);
            } catch (FormatException e) {
                out.add(e.getMessage());
                break;
            }
            out.add(at);
            seen.add(link & 0xFFF8);
            nt = at.nested();
        }
        return out;
    }

    /** {@code info tss}: the current task, its saved fields, and the backlink chain while NT is set. */
    public static List<String> lines(DebugTarget t) {
        TaskStateSegment tss = current(t);
        List<String> out = new ArrayList<>();
        if ((tss.selector & 0xFFFC) == 0) {
            out.add(String.format("TR=%04x: no task register loaded (LTR or a task switch loads one)", tss.selector));
            return out;
        }
        out.add("TR=" + tss.header());
        if (!tss.isTss()) return out;
        if (tss.unreadable != null) {
            out.add(String.format("  cannot read the TSS at %08x (%s)", tss.base, tss.unreadable));
            return out;
        }
        for (String[] line : tss.is32() ? LINES32 : LINES16) {
            StringBuilder sb = new StringBuilder(" ");
            for (String name : line) {
                int width = tss.widths.get(name);
                String digits = name.equals("t") ? "%x" : width == 4 ? "%08x" : "%04x";
                sb.append(' ').append(name.toUpperCase(java.util.Locale.ROOT)).append('=').append(String.format(digits, tss.fields.get(name)));
            }
            out.add(sb.toString());
        }
        if ((t.eflags() & EFLAGS_NT) == 0) {
            out.add("  EFLAGS.NT=0: the backlink is not in use");
        } else {
            out.add("  EFLAGS.NT=1: backlink chain (IRET returns to the first):");
            for (Object o : chain(t, tss)) out.add("    " + (o instanceof TaskStateSegment p ? p.header() : o));
        }
        return out;
    }

    /** {@code info tss --json}. */
    public static Map<String, Object> json(DebugTarget t) {
        TaskStateSegment tss = current(t);
        Map<String, Object> m = tss.jsonHeader();
        if (tss.isTss() && (tss.selector & 0xFFFC) != 0) {
            if (tss.unreadable != null) m.put("error", tss.unreadable);
            else m.put("fields", new LinkedHashMap<>(tss.fields));
            boolean nt = (t.eflags() & EFLAGS_NT) != 0;
            m.put("nested", nt);
            List<Object> chain = new ArrayList<>();
            if (nt && tss.unreadable == null) {
                for (Object o : chain(t, tss)) chain.add(o instanceof TaskStateSegment p ? p.jsonHeader() : Map.of("error", o));
            }
            m.put("chain", chain);
        }
        return m;
    }

    private Map<String, Object> jsonHeader() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selector", selector);
        m.put("base", base & 0xFFFF_FFFFL);
        m.put("limit", limit & 0xFFFF_FFFFL);
        m.put("type", typeName());
        if (isTss()) {
            m.put("format", is32() ? 32 : 16);
            m.put("busy", busy());
        }
        return m;
    }
}
