package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code info cr}: CR0, CR2, CR3, CR4 and EFLAGS decoded bit by bit in the style of Bochs'
 * {@code creg}: a bit's name in upper case when set, lower case when clear (SDM Vol. 3A 2.5, Vol. 1 3.4.3).
 */
public final class ControlRegisterDecode {
    private ControlRegisterDecode() { }

    private record Bit(int bit, String name) { }

    private static final Bit[] CR0 = {
        new Bit(31, "pg"), new Bit(30, "cd"), new Bit(29, "nw"), new Bit(18, "am"), new Bit(16, "wp"),
        new Bit(5, "ne"), new Bit(4, "et"), new Bit(3, "ts"), new Bit(2, "em"), new Bit(1, "mp"), new Bit(0, "pe"),
    };
    private static final Bit[] CR4 = {
        new Bit(10, "osxmmexcpt"), new Bit(9, "osfxsr"), new Bit(8, "pce"), new Bit(7, "pge"), new Bit(6, "mce"),
        new Bit(5, "pae"), new Bit(4, "pse"), new Bit(3, "de"), new Bit(2, "tsd"), new Bit(1, "pvi"), new Bit(0, "vme"),
    };
    private static final Bit[] EFLAGS = {
        new Bit(21, "id"), new Bit(20, "vip"), new Bit(19, "vif"), new Bit(18, "ac"), new Bit(17, "vm"),
        new Bit(16, "rf"), new Bit(14, "nt"), new Bit(11, "of"), new Bit(10, "df"), new Bit(9, "if"),
        new Bit(8, "tf"), new Bit(7, "sf"), new Bit(6, "zf"), new Bit(4, "af"), new Bit(2, "pf"), new Bit(0, "cf"),
    };

    public static List<String> lines(DebugTarget t) {
        List<String> out = new ArrayList<>();
        out.add(String.format("CR0=0x%08x: %s", t.cr0(), bits(t.cr0(), CR0)));
        out.add(String.format("CR2=page fault linear address=0x%08x", t.cr2()));
        int cr3 = t.cr3();
        out.add(String.format("CR3=0x%08x: page directory=0x%08x %s %s", cr3, cr3 & 0xFFFFF000,
                named(cr3, 4, "pcd"), named(cr3, 3, "pwt")));
        out.add(String.format("CR4=0x%08x: %s", t.cr4(), bits(t.cr4(), CR4)));
        int efl = t.eflags();
        out.add(String.format("EFLAGS=0x%08x: %s IOPL=%d", efl, bits(efl, EFLAGS), (efl >>> 12) & 3));
        return out;
    }

    /** The same as one JSON object: each register's value and the names of its set bits, CR3's directory, IOPL. */
    public static java.util.Map<String, Object> json(DebugTarget t) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("cr0", register(t.cr0(), CR0));
        m.put("cr2", java.util.Map.of("value", t.cr2() & 0xFFFF_FFFFL));
        java.util.Map<String, Object> cr3 = register(t.cr3(), new Bit[] {new Bit(4, "pcd"), new Bit(3, "pwt")});
        cr3.put("pageDirectory", t.cr3() & 0xFFFF_F000L);
        m.put("cr3", cr3);
        m.put("cr4", register(t.cr4(), CR4));
        java.util.Map<String, Object> efl = register(t.eflags(), EFLAGS);
        efl.put("iopl", (t.eflags() >>> 12) & 3);
        m.put("eflags", efl);
        return m;
    }

    private static java.util.Map<String, Object> register(int value, Bit[] bits) {
        List<String> set = new ArrayList<>();
        for (Bit b : bits) if ((value >>> b.bit & 1) != 0) set.add(b.name);
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("value", value & 0xFFFF_FFFFL);
        m.put("set", set);
        return m;
    }

    private static String bits(int value, Bit[] bits) {
        StringBuilder sb = new StringBuilder();
        for (Bit b : bits) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(named(value, b.bit, b.name));
        }
        return sb.toString();
    }

    private static String named(int value, int bit, String name) {
        return (value >>> bit & 1) != 0 ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }
}
