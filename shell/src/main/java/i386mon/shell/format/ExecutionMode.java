package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.Hex;

/**
 * The mode the CPU runs in, as the monitor names it: CR0.PE and EFLAGS.VM select real,
 * virtual-8086 or protected mode (SDM vol. 3, 2.2); in protected mode the code segment's D bit
 * selects 16- or 32-bit code. It also says how code is decoded and how {@code seg:off} is formed.
 */
public enum ExecutionMode {
    REAL("real mode"), VIRTUAL_8086("virtual-8086 mode"), PROTECTED_16("16-bit protected mode"), PROTECTED_32("protected mode");

    private static final int CR0_PE = 1, EFLAGS_VM = 1 << 17, DESC_D = 1 << 22;

    private final String text;

    ExecutionMode(String text) { this.text = text; }

    public static ExecutionMode of(DebugTarget t) {
        if ((t.cr0() & CR0_PE) == 0) return REAL;
        if ((t.eflags() & EFLAGS_VM) != 0) return VIRTUAL_8086;
        return (t.segFlags(DebugTarget.SEG_CS) & DESC_D) != 0 ? PROTECTED_32 : PROTECTED_16;
    }

    /** "real mode", "virtual-8086 mode", "16-bit protected mode", "protected mode". */
    public String text() { return text; }

    /**
     * Whether code at CS:EIP decodes as 32-bit code: the code segment cache's D bit, as the CPU
     * fetches (in real mode too: right after CR0.PE is cleared, CS keeps a 32-bit cache until the
     * far jump reloads it); virtual-8086 code is always 16-bit.
     */
    public static boolean code32(DebugTarget t) {
        if (of(t) == VIRTUAL_8086) return false;
        return (t.segFlags(DebugTarget.SEG_CS) & DESC_D) != 0;
    }

    /** The mode for JSON: "real", "virtual-8086", "protected-16", "protected-32". */
    public String token() {
        return switch (this) {
            case REAL -> "real";
            case VIRTUAL_8086 -> "virtual-8086";
            case PROTECTED_16 -> "protected-16";
            case PROTECTED_32 -> "protected-32";
        };
    }

    /** Whether a segment is selector * 16 (real and virtual-8086 mode) rather than a descriptor's base. */
    public boolean segmentArithmetic() { return this == REAL || this == VIRTUAL_8086; }

    /**
     * What a stop line adds outside 32-bit protected mode: ", real mode CS:IP=07c0:0010"; empty in
     * 32-bit protected mode, whose stop lines stay as they were.
     */
    public static String stopSuffix(DebugTarget t) {
        ExecutionMode m = of(t);
        if (m == PROTECTED_32) return "";
        String ip = code32(t) ? Hex.padded(t.eip(), 8) : Hex.padded(t.eip() & 0xFFFF, 4);
        return ", " + m.text + " CS:" + (code32(t) ? "EIP" : "IP") + "=" + Hex.padded(t.segSelector(DebugTarget.SEG_CS) & 0xFFFF, 4) + ":" + ip;
    }
}
