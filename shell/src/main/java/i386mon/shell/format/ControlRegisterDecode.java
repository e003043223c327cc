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
