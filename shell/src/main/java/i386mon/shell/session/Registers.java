package i386mon.shell.session;

import i386mon.shell.expr.ExprException;
import i386mon.machine.debug.DebugTarget;
import java.util.List;
import java.util.Locale;

/** Register names as expressions and {@code regs} know them, read from and written to a target. */
public final class Registers {
    private static final List<String> GPR32 = List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi");
    private static final List<String> GPR16 = List.of("ax", "cx", "dx", "bx", "sp", "bp", "si", "di");
    /** As in gdb, $sp names the stack pointer, ESP, not its low 16 bits: "sp" is read and written as "esp". */
    private static final String STACK_POINTER = "sp";
    private static final List<String> GPR8 = List.of("al", "cl", "dl", "bl", "ah", "ch", "dh", "bh");
    private static final List<String> SEGMENTS = List.of("es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr");

    /** Every name, for completion. */
    public static final List<String> NAMES = List.of(
            "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "pc", "eflags", "efl",
            "ax", "bx", "cx", "dx", "si", "di", "bp", "sp", "al", "bl", "cl", "dl", "ah", "bh", "ch", "dh",
            "cs", "ds", "es", "fs", "gs", "ss", "ldtr", "tr", "cr0", "cr2", "cr3", "cr4", "efer",
            "dr0", "dr1", "dr2", "dr3", "dr6", "dr7", "cpl", "gdtr", "idtr", "stale", "errcode", "cpu");

    private Registers() { }

    /** The register's value zero-extended; throws ExprException for an unknown name. */
    public static long read(DebugTarget t, String name) {
        String n = gdbName(name.toLowerCase(Locale.ROOT));
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
            default: throw new ExprException("unknown register: $" + name);
        }
    }

    private static String gdbName(String n) {
        return n.equals(STACK_POINTER) ? "esp" : n;
    }

    /** Sets a general register (32, 16 or 8 bit), EIP or EFLAGS; other registers need a real load and are refused. */
    public static void write(DebugTarget t, String name, int value) {
        String n = gdbName(name.toLowerCase(Locale.ROOT));
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
        switch (n) {
            case "eip": case "pc": t.setEip(value); return;
            // bit 1 of EFLAGS always reads 1 (SDM Vol. 1 3.4.3)
            case "eflags": case "efl": t.setEflags(value | 2); return;
            default:
                if (NAMES.contains(n)) {
                    throw new CommandException("register " + n + " cannot be set here: the guest must load it");
                }
                throw new CommandException("unknown register: " + name);
        }
    }
}
