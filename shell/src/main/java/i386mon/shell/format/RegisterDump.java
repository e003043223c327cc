package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import java.util.ArrayList;
import java.util.List;

/** QEMU 7.2's {@code info registers} for a 32-bit CPU, the lines from EAX through EFER. */
public final class RegisterDump {
    private static final String[] SEG_NAMES = {"ES", "CS", "SS", "DS", "FS", "GS", "LDT", "TR"};
    // Attribute bits of the fourth column (the descriptor's second dword), SDM Vol. 3A 3.4.5
    private static final int DESC_A = 1 << 8, DESC_W_R = 1 << 9, DESC_E_C = 1 << 10, DESC_CS = 1 << 11;
    private static final int DESC_S = 1 << 12, DESC_P = 1 << 15, DESC_L = 1 << 21, DESC_B = 1 << 22;
    private static final String[] SYSTEM_TYPES = {
        "Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16", "TaskGate", "IntGate16", "TrapGate16",
        "Reserved", "TSS32-avl", "Reserved", "TSS32-busy", "CallGate32", "Reserved", "IntGate32", "TrapGate32"
    };

    private RegisterDump() { }

    public static List<String> lines(DebugTarget t) {
        List<String> out = new ArrayList<>();
        out.add(String.format("EAX=%08x EBX=%08x ECX=%08x EDX=%08x", t.reg(0), t.reg(3), t.reg(1), t.reg(2)));
        out.add(String.format("ESI=%08x EDI=%08x EBP=%08x ESP=%08x", t.reg(6), t.reg(7), t.reg(5), t.reg(4)));
        int efl = t.eflags();
        // II (interrupt shadow), A20 and SMM are not modelled as state a monitor user changes: 0, 1, 0
        out.add(String.format("EIP=%08x EFL=%08x [%s] CPL=%d II=0 A20=1 SMM=0 HLT=%d",
                t.eip(), efl, flagString(efl), t.cpl(), t.halted() ? 1 : 0));
        boolean protectedMode = (t.cr0() & 1) != 0;
        for (int i = 0; i < 8; i++) out.add(segmentLine(t, i, protectedMode));
        out.add(String.format("GDT=     %08x %08x", t.gdtrBase(), t.gdtrLimit()));
        out.add(String.format("IDT=     %08x %08x", t.idtrBase(), t.idtrLimit()));
        out.add(String.format("CR0=%08x CR2=%08x CR3=%08x CR4=%08x", t.cr0(), t.cr2(), t.cr3(), t.cr4()));
        out.add(String.format("DR0=%08x DR1=%08x DR2=%08x DR3=%08x ", t.dr(0), t.dr(1), t.dr(2), t.dr(3)));
        out.add(String.format("DR6=%08x DR7=%08x", t.dr(6), t.dr(7)));
        out.add(String.format("EFER=%016x", t.efer()));
        return out;
    }

    /** The same state as one JSON object (all values unsigned integers). */
    public static java.util.Map<String, Object> json(DebugTarget t) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        String[] gpr = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        for (int i = 0; i < 8; i++) m.put(gpr[i], t.reg(i) & 0xFFFF_FFFFL);
        m.put("eip", t.eip() & 0xFFFF_FFFFL);
        m.put("eflags", t.eflags() & 0xFFFF_FFFFL);
        m.put("cpl", t.cpl());
        m.put("halted", t.halted());
        m.put("mode", ExecutionMode.of(t).token());
        java.util.Map<String, Object> segs = new java.util.LinkedHashMap<>();
        String[] names = {"es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"};
        for (int i = 0; i < 8; i++) {
            java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
            s.put("selector", t.segSelector(i) & 0xFFFF);
            s.put("base", t.segBase(i) & 0xFFFF_FFFFL);
            s.put("limit", t.segLimit(i) & 0xFFFF_FFFFL);
            s.put("flags", t.segFlags(i) & 0x00FFFF00L);
            segs.put(names[i], s);
        }
        m.put("segments", segs);
        m.put("gdtr", java.util.Map.of("base", t.gdtrBase() & 0xFFFF_FFFFL, "limit", t.gdtrLimit()));
        m.put("idtr", java.util.Map.of("base", t.idtrBase() & 0xFFFF_FFFFL, "limit", t.idtrLimit()));
        m.put("cr0", t.cr0() & 0xFFFF_FFFFL);
        m.put("cr2", t.cr2() & 0xFFFF_FFFFL);
        m.put("cr3", t.cr3() & 0xFFFF_FFFFL);
        m.put("cr4", t.cr4() & 0xFFFF_FFFFL);
        m.put("dr", java.util.List.of(t.dr(0) & 0xFFFF_FFFFL, t.dr(1) & 0xFFFF_FFFFL, t.dr(2) & 0xFFFF_FFFFL,
                t.dr(3) & 0xFFFF_FFFFL, t.dr(6) & 0xFFFF_FFFFL, t.dr(7) & 0xFFFF_FFFFL));
        m.put("efer", t.efer());
        return m;
    }

    /** The seven flag columns QEMU prints: D O S Z A P C, '-' when clear. */
    public static String flagString(int efl) {
        return "" + ((efl & 0x400) != 0 ? 'D' : '-') + ((efl & 0x800) != 0 ? 'O' : '-')
                + ((efl & 0x80) != 0 ? 'S' : '-') + ((efl & 0x40) != 0 ? 'Z' : '-')
                + ((efl & 0x10) != 0 ? 'A' : '-') + ((efl & 0x4) != 0 ? 'P' : '-')
                + ((efl & 0x1) != 0 ? 'C' : '-');
    }

    static String segmentLine(DebugTarget t, int i, boolean protectedMode) {
        int flags = t.segFlags(i);
        StringBuilder sb = new StringBuilder(String.format("%-3s=%04x %08x %08x %08x", SEG_NAMES[i],
                t.segSelector(i) & 0xFFFF, t.segBase(i), t.segLimit(i), flags & 0x00FFFF00));
        if (!protectedMode || (flags & DESC_P) == 0) return sb.toString();
        sb.append(" DPL=").append((flags >>> 13) & 3).append(' ');
        if ((flags & DESC_S) != 0) {
            if ((flags & DESC_CS) != 0) {
                sb.append((flags & DESC_L) != 0 ? "CS64" : (flags & DESC_B) != 0 ? "CS32" : "CS16");
                sb.append(" [").append((flags & DESC_E_C) != 0 ? 'C' : '-').append((flags & DESC_W_R) != 0 ? 'R' : '-');
            } else {
                sb.append((flags & DESC_B) != 0 ? "DS  " : "DS16");
                sb.append(" [").append((flags & DESC_E_C) != 0 ? 'E' : '-').append((flags & DESC_W_R) != 0 ? 'W' : '-');
            }
            sb.append((flags & DESC_A) != 0 ? 'A' : '-').append(']');
        } else {
            sb.append(SYSTEM_TYPES[(flags >>> 8) & 0xF]);
        }
        return sb.toString();
    }
}
