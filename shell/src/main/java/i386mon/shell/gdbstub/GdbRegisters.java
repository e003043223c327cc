package i386mon.shell.gdbstub;

import i386mon.machine.debug.DebugTarget;
import i386mon.shell.session.Registers;
import java.util.ArrayList;
import java.util.List;

/**
 * The registers in the order and sizes of QEMU's i386 target description (i386-32bit.xml): the
 * eight general registers, EIP, EFLAGS, the six selectors, fs_base/gs_base/k_gs_base, CR0, CR2,
 * CR3, CR4, CR8, EFER, the x87 stack and its control words, XMM0-7 and MXCSR: 50 registers, 344
 * bytes in a {@code g} reply. What the machine does not model (k_gs_base, CR8, x87, SSE) reads as
 * its reset value, as QEMU shows it for a CPU that never used them (FCW 0x037f, MXCSR 0x1f80).
 */
final class GdbRegisters {
    /**
     * One register: its name in the description, its size in bytes, and the name the monitor reads
     * it by ({@code $eax}, {@code $fs.base}), or null for one the machine does not model.
     */
    record Register(String name, int bytes, String monitorName) { }

    static final int EIP = 8, EFLAGS = 9;
    private static final int FIRST_SEGMENT = 10, FS_BASE = 16, CR0 = 19, CR2 = 20, CR3 = 21, CR4 = 22;
    private static final int FCTRL = 33, MXCSR = 49;
    /** gdb's selector order cs, ss, ds, es, fs, gs as the CPU's segment indexes. */
    private static final int[] SEGMENTS = {DebugTarget.SEG_CS, DebugTarget.SEG_SS, DebugTarget.SEG_DS,
        DebugTarget.SEG_ES, DebugTarget.SEG_FS, DebugTarget.SEG_GS};

    static final List<Register> ALL = build();

    private GdbRegisters() { }

    private static List<Register> build() {
        List<Register> r = new ArrayList<>();
        for (String n : new String[] {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags",
            "cs", "ss", "ds", "es", "fs", "gs"}) {
            r.add(new Register(n, 4, n));
        }
        r.add(new Register("fs_base", 4, "fs.base"));
        r.add(new Register("gs_base", 4, "gs.base"));
        r.add(new Register("k_gs_base", 4, null));
        for (String n : new String[] {"cr0", "cr2", "cr3", "cr4"}) r.add(new Register(n, 4, n));
        r.add(new Register("cr8", 4, null));
        r.add(new Register("efer", 4, "efer"));
        for (int i = 0; i < 8; i++) r.add(new Register("st" + i, 10, null));
        for (String n : new String[] {"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"}) r.add(new Register(n, 4, null));
        for (int i = 0; i < 8; i++) r.add(new Register("xmm" + i, 16, null));
        r.add(new Register("mxcsr", 4, null));
        return List.copyOf(r);
    }

    /** Bytes of all registers together (a {@code g} reply is twice as many hex digits). */
    static int totalBytes() {
        int n = 0;
        for (Register r : ALL) n += r.bytes();
        return n;
    }

    /** Register {@code n} as the protocol sends it (little-endian hex). */
    static String read(DebugTarget t, int n) {
        return Hex.littleEndian(value(t, n), ALL.get(n).bytes());
    }

    /** All registers, as a {@code g} reply. */
    static String readAll(DebugTarget t) {
        StringBuilder sb = new StringBuilder(totalBytes() * 2);
        for (int i = 0; i < ALL.size(); i++) sb.append(read(t, i));
        return sb.toString();
    }

    /** As the monitor reads it ({@link Registers#read}); what the machine does not model, its reset value. */
    private static long value(DebugTarget t, int n) {
        String name = ALL.get(n).monitorName();
        if (name != null) return Registers.read(t, name);
        return n == FCTRL ? 0x037F : n == MXCSR ? 0x1F80 : 0;
    }

    /** Why a write to a register we do not write was refused. */
    static final String READ_ONLY = "read-only register";

    /**
     * Writes register {@code n} from its little-endian bytes: null when written, else why not.
     * The general registers, EIP and EFLAGS are written as given; a selector is loaded as MOV
     * would (descriptor checks, CS as a far JMP) and CR0, CR2, CR3, CR4 as MOV to CRn, refused
     * with the fault the guest would have got ("#GP(error code 0x28)"). Any other register only
     * with the value it already has ({@link #READ_ONLY} else): a {@code G} writes them all back,
     * and an unchanged selector or control register is not reloaded.
     */
    static String write(DebugTarget t, int n, byte[] b, int off) {
        int size = ALL.get(n).bytes();
        long v = 0;
        for (int i = Math.min(size, 8) - 1; i >= 0; i--) v = v << 8 | (b[off + i] & 0xFF);
        boolean unchanged = Hex.littleEndian(v, size).equals(read(t, n)) && restIsZero(b, off + 8, size - 8);
        if (n < EIP) t.setReg(n, (int) v);
        else if (n == EIP) t.setEip((int) v);
        else if (n == EFLAGS) t.setEflags((int) v);
        else if (unchanged) return null;
        else if (n >= FIRST_SEGMENT && n < FS_BASE) return v > 0xFFFF ? "a selector has 16 bits" : t.loadSegment(SEGMENTS[n - FIRST_SEGMENT], (int) v);
        else if (n == CR0 || n == CR2 || n == CR3 || n == CR4) return t.setControlRegister(controlRegister(n), (int) v);
        else return READ_ONLY;
        return null;
    }

    /** CRn's n for gdb's register number. */
    private static int controlRegister(int n) {
        return n == CR0 ? 0 : n - CR2 + 2;
    }

    private static boolean restIsZero(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) if (b[off + i] != 0) return false;
        return true;
    }
}
