package i386mon.shell.session;

import i386mon.shell.expr.ExprException;
import i386mon.machine.debug.DebugTarget;
import i386mon.shell.format.ExecutionMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Register names as expressions and {@code regs} know them, read from and written to a target. */
public final class Registers {
    private static final List<String> GPR32 = List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi");
    private static final List<String> GPR16 = List.of("ax", "cx", "dx", "bx", "sp", "bp", "si", "di");
    /**
     * As in gdb, $sp names the stack pointer: ESP on a 32-bit stack ("sp" is read and written as
     * "esp"), SP on a 16-bit one (virtual-8086 mode, or SS.B=0 as in real mode).
     */
    private static final String STACK_POINTER = "sp";
    private static final List<String> GPR8 = List.of("al", "cl", "dl", "bl", "ah", "ch", "dh", "bh");
    private static final List<String> SEGMENTS = List.of("es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr");

    /** Every name, for completion. */
    public static final List<String> NAMES = List.of(
            "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "ip", "pc", "eflags", "efl",
            "ax", "bx", "cx", "dx", "si", "di", "bp", "sp", "al", "bl", "cl", "dl", "ah", "bh", "ch", "dh",
            "cs", "ds", "es", "fs", "gs", "ss", "ldtr", "tr", "cr0", "cr2", "cr3", "cr4", "efer",
            "dr0", "dr1", "dr2", "dr3", "dr6", "dr7", "cpl", "gdtr", "idtr", "stale", "errcode", "cpu");

    /** EFLAGS bits by name (SDM vol. 1, 3.4.3); IOPL is two bits wide. */
    private static final Map<String, Integer> FLAGS = Map.ofEntries(
            Map.entry("cf", 0), Map.entry("pf", 2), Map.entry("af", 4), Map.entry("zf", 6), Map.entry("sf", 7),
            Map.entry("tf", 8), Map.entry("if", 9), Map.entry("df", 10), Map.entry("of", 11), Map.entry("iopl", 12),
            Map.entry("nt", 14), Map.entry("rf", 16), Map.entry("vm", 17), Map.entry("ac", 18), Map.entry("id", 21));
    /** The hidden parts of a segment register, as {@code ds.base}, {@code ds.limit}, {@code ds.flags}. */
    private static final List<String> CACHE_PARTS = List.of("base", "limit", "flags");

    private Registers() { }

    private static int flagWidth(String flag) { return flag.equals("iopl") ? 2 : 1; }

    /** The register's value zero-extended; throws ExprException for an unknown name. */
    public static long read(DebugTarget t, String name) {
        String n = gdbName(t, name.toLowerCase(Locale.ROOT));
        int i = GPR32.indexOf(n);
        if (i >= 0) return t.reg(i) & 0xFFFF_FFFFL;
        i = GPR16.indexOf(n);
        if (i >= 0) return t.reg(i) & 0xFFFF;
        i = GPR8.indexOf(n);
        if (i >= 0) return i < 4 ? t.reg(i) & 0xFF : (t.reg(i - 4) >>> 8) & 0xFF;
        i = SEGMENTS.indexOf(n);
        if (i >= 0) return t.segSelector(i) & 0xFFFF;
        switch (n) {
            case "eip": case "pc": return t.eip() & 0xFFFF_FFFFL;
            case "ip": return t.eip() & 0xFFFF;
            case "eflags": case "efl": return t.eflags() & 0xFFFF_FFFFL;
            case "cr0": return t.cr0() & 0xFFFF_FFFFL;
            case "cr2": return t.cr2() & 0xFFFF_FFFFL;
            case "cr3": return t.cr3() & 0xFFFF_FFFFL;
            case "cr4": return t.cr4() & 0xFFFF_FFFFL;
            case "efer": return t.efer() & 0xFFFF_FFFFL;
            case "cpl": return t.cpl();
            case "gdtr": return t.gdtrBase() & 0xFFFF_FFFFL;
            case "idtr": return t.idtrBase() & 0xFFFF_FFFFL;
            // not a register: how many TLB entries no longer match the page tables
            case "stale": return t.staleTlbEntries().size();
            // not a register: the selected CPU's index; at a stop, the CPU that stopped (catch pf if $cpu == 1)
            case "cpu": return t.selectedCpu();
            // not a register: the error code the CPU pushed for the last exception (SDM Vol. 3A 6.13)
            case "errcode": {
                Integer e = t.lastErrorCode();
                if (e == null) throw new ExprException("no error code: the last exception pushed none, or none was raised");
                return e & 0xFFFF_FFFFL;
            }
            case "dr0": case "dr1": case "dr2": case "dr3": case "dr6": case "dr7":
                return t.dr(n.charAt(2) - '0') & 0xFFFF_FFFFL;
            default:
                Integer bit = FLAGS.get(n);
                if (bit != null) return (t.eflags() >>> bit) & ((1 << flagWidth(n)) - 1);
                int dot = n.indexOf('.');
                if (dot > 0 && SEGMENTS.contains(n.substring(0, dot)) && CACHE_PARTS.contains(n.substring(dot + 1))) {
                    int seg = SEGMENTS.indexOf(n.substring(0, dot));
                    switch (n.substring(dot + 1)) {
                        case "base": return t.segBase(seg) & 0xFFFF_FFFFL;
                        case "limit": return t.segLimit(seg) & 0xFFFF_FFFFL;
                        default: return t.segFlags(seg) & 0xFFFF_FFFFL;
                    }
                }
                throw new ExprException("unknown register: $" + name);
        }
    }

    private static String gdbName(DebugTarget t, String n) {
        return n.equals(STACK_POINTER) && stack32(t) ? "esp" : n;
    }

    /** Whether pushes use ESP: SS's B bit, except in virtual-8086 mode, whose stack is always 16-bit. */
    private static boolean stack32(DebugTarget t) {
        if (ExecutionMode.of(t) == ExecutionMode.VIRTUAL_8086) return false;
        return (t.segFlags(DebugTarget.SEG_SS) & 0x400000) != 0;
    }

    /**
     * Sets a register as the CPU would have it: general registers (32, 16 or 8 bit), EIP, EFLAGS and
     * its bits by name ({@code zf}, {@code iopl}), segment registers through the descriptor checks,
     * CR0/CR2/CR3/CR4 with their effects. With {@code raw}, a segment register's selector and its hidden
     * parts ({@code ds.base}, {@code ds.limit}, {@code ds.flags}) are written as given, unchecked.
     */
    public static void write(DebugTarget t, String name, int value, boolean raw) {
        String n = gdbName(t, name.toLowerCase(Locale.ROOT));
        int i = GPR32.indexOf(n);
        if (i >= 0) { t.setReg(i, value); return; }
        i = GPR16.indexOf(n);
        if (i >= 0) { t.setReg(i, (t.reg(i) & 0xFFFF0000) | (value & 0xFFFF)); return; }
        i = GPR8.indexOf(n);
        if (i >= 0) {
            if (i < 4) t.setReg(i, (t.reg(i) & ~0xFF) | (value & 0xFF));
            else t.setReg(i - 4, (t.reg(i - 4) & ~0xFF00) | (value & 0xFF) << 8);
            return;
        }
        i = SEGMENTS.indexOf(n);
        if (i >= 0) {
            if (raw) {
                t.setSegmentCache(i, value & 0xFFFF, t.segBase(i), t.segLimit(i), t.segFlags(i));
                return;
            }
            String fault = t.loadSegment(i, value & 0xFFFF);
            if (fault != null) {
                throw new CommandException(String.format("cannot load %s with 0x%04x: %s (regs --raw writes the selector and cache unchecked)",
                        n, value & 0xFFFF, fault));
            }
            return;
        }
        Integer bit = FLAGS.get(n);
        if (bit != null) {
            int mask = ((1 << flagWidth(n)) - 1) << bit;
            if ((value & ~((1 << flagWidth(n)) - 1)) != 0) throw new CommandException(n + " is " + flagWidth(n) + " bit" + (flagWidth(n) > 1 ? "s" : "") + " wide: " + value);
            t.setEflags((t.eflags() & ~mask) | (value << bit & mask) | 2);
            return;
        }
        int dot = n.indexOf('.');
        if (dot > 0 && SEGMENTS.contains(n.substring(0, dot)) && CACHE_PARTS.contains(n.substring(dot + 1))) {
            if (!raw) throw new CommandException(n + " is the hidden part of a segment register: only regs --raw writes it");
            int s = SEGMENTS.indexOf(n.substring(0, dot));
            int base = t.segBase(s), limit = t.segLimit(s), flags = t.segFlags(s);
            switch (n.substring(dot + 1)) {
                case "base": base = value; break;
                case "limit": limit = value; break;
                default: flags = value; break;
            }
            t.setSegmentCache(s, t.segSelector(s), base, limit, flags);
            return;
        }
        switch (n) {
            case "eip": case "pc": t.setEip(value); return;
            case "ip": t.setEip((t.eip() & 0xFFFF0000) | (value & 0xFFFF)); return;
            // bit 1 of EFLAGS always reads 1 (SDM Vol. 1 3.4.3)
            case "eflags": case "efl": t.setEflags(value | 2); return;
            case "cr0": case "cr2": case "cr3": case "cr4": {
                String fault = t.setControlRegister(n.charAt(2) - '0', value);
                if (fault != null) throw new CommandException(String.format("cannot write %s = 0x%08x: %s", n, value, fault));
                return;
            }
            default:
                if (NAMES.contains(n)) {
                    throw new CommandException("register " + n + " cannot be set here: the guest must load it");
                }
                throw new CommandException("unknown register: " + name);
        }
    }
}
