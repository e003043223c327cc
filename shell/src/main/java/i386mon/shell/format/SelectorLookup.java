package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;

/**
 * The descriptor a selector names, read from the GDT or the current LDT as they are in guest
 * memory now (not from a segment register's cache), side-effect free (SDM vol. 3, 3.4.2 and 3.5.1).
 * A selector that names nothing is a {@link FormatException} with one line saying why.
 */
public final class SelectorLookup {
    private SelectorLookup() { }

    /** One descriptor: its two dwords as the table holds them. */
    public record Descriptor(int selector, int lo, int hi) {
        public int base() { return (lo >>> 16) | (hi & 0xFF) << 16 | (hi & 0xFF000000); }

        /** The limit in bytes, scaled by the G bit. */
        public int limit() {
            int limit = (lo & 0xFFFF) | (hi & 0x000F0000);
            return (hi & 0x00800000) != 0 ? limit << 12 | 0xFFF : limit;
        }

        /** The type nibble (SDM vol. 3, table 3-2 for system descriptors). */
        public int type() { return (hi >>> 8) & 0xF; }

        /** A system descriptor (S=0): TSS, LDT or gate. */
        public boolean system() { return (hi & 0x1000) == 0; }

        public boolean present() { return (hi & 0x8000) != 0; }

        /** A gate (call, task, interrupt, trap), which has a target instead of a base. */
        public boolean gate() { return system() && (type() & 4) != 0; }
    }

    /** The descriptor {@code selector} names; throws when it is null, beyond its table's limit or unreadable. */
    public static Descriptor read(DebugTarget t, int selector) {
        selector &= 0xFFFF;
        boolean ldt = (selector & 4) != 0;
        int index = selector & 0xFFF8;
        if (!ldt && index == 0) throw new FormatException(String.format("selector 0x%04x is null: it names no descriptor", selector));
        if (ldt && (t.segSelector(DebugTarget.SEG_LDTR) & 0xFFFC) == 0) {
            throw new FormatException(String.format("selector 0x%04x is in the LDT, and no LDT is loaded", selector));
        }
        int base = ldt ? t.segBase(DebugTarget.SEG_LDTR) : t.gdtrBase();
        int limit = ldt ? t.segLimit(DebugTarget.SEG_LDTR) : t.gdtrLimit();
        if (Integer.compareUnsigned(index + 7, limit) > 0) {
            throw new FormatException(String.format("selector 0x%04x is beyond the %s limit 0x%x", selector, ldt ? "LDT" : "GDT", limit));
        }
        long at = (base + index) & 0xFFFF_FFFFL;
        byte[] d = new byte[8];
        String why = new GuestMemory(t).readLinear(at, d, 8);
        if (why != null) {
            throw new FormatException(String.format("selector 0x%04x: cannot read its descriptor at 0x%08x (%s)", selector, at, why));
        }
        return new Descriptor(selector, (int) MemoryDump.littleEndian(d, 0, 4), (int) MemoryDump.littleEndian(d, 4, 4));
    }

    /**
     * {@code seg:off} as a linear address: in real and virtual-8086 mode seg * 16 + off, as the CPU
     * forms it; in protected mode the base of the descriptor the selector names + off.
     */
    public static long linear(DebugTarget t, long segment, long offset) {
        if (segment > 0xFFFF) throw new FormatException(String.format("segment 0x%x does not fit in 16 bits", segment));
        if (ExecutionMode.of(t).segmentArithmetic()) return ((segment << 4) + offset) & 0xFFFF_FFFFL;
        Descriptor d = read(t, (int) segment);
        if (d.gate()) throw new FormatException(String.format("selector 0x%04x names a gate, which has no base", segment));
        return ((d.base() & 0xFFFF_FFFFL) + offset) & 0xFFFF_FFFFL;
    }
}
