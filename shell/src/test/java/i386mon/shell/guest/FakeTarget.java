package i386mon.shell.guest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * A test double for the shell's view of the machine: RAM, registers, optional page mappings
 * and a tiny made-up instruction set, enough to test the shell's own logic (run control,
 * breakpoints, serial expects, formatting) without the emulator. Opcodes:
 * 90 nop, f4 hlt (stop: halted), b0 ii mov $ii,%al, e6 pp out %al,$pp (port 0xe9 = serial byte,
 * 0xf4 = guest exit with %al), e8 rel32 call, c3 ret, eb rel8 jmp, 0f 0b ud2 (stop: triple fault).
 */
public final class FakeTarget implements Target {
    public final byte[] ram;
    public final int[] regs = new int[8];
    public int eip, eflags = 2, cr0, cr2, cr3, cr4;
    public final int[] selectors = new int[8], bases = new int[8], limits = new int[8], flags = new int[8];
    public int gdtrBase, gdtrLimit = 0xffff, idtrBase, idtrLimit = 0xffff;
    public boolean halted;
    /** When non-null, linear page number to physical page number; missing pages fault. */
    public Map<Integer, Integer> pages;
    public final Map<String, Integer> symbolTable = new TreeMap<>();
    public final Map<Integer, Integer> ports = new HashMap<>();
    public final Set<Integer> breakpoints = new HashSet<>();
    private final IntConsumer serial;
    private volatile boolean stopRequested;
    private long retired;

    public FakeTarget(long ramBytes, IntConsumer serial) {
        this.ram = new byte[(int) ramBytes];
        this.serial = serial;
        for (int i = 0; i < 6; i++) { limits[i] = 0xffff; flags[i] = 0x9300; }
        flags[1] = 0x9b00;
        limits[6] = limits[7] = 0xffff;
        flags[6] = 0x8200;
        flags[7] = 0x8b00;
    }

    /** Copies bytes into RAM at a physical address. */
    public void poke(int paddr, int... bytes) {
        for (int i = 0; i < bytes.length; i++) ram[paddr + i] = (byte) bytes[i];
    }

    @Override public int reg(int i) { return regs[i]; }
    @Override public void setReg(int i, int value) { regs[i] = value; }
    @Override public int eip() { return eip; }
    @Override public void setEip(int value) { eip = value; }
    @Override public int eflags() { return eflags; }
    @Override public void setEflags(int value) { eflags = value; }
    @Override public int cpl() { return selectors[1] & 3; }
    @Override public boolean halted() { return halted; }
    @Override public int segSelector(int i) { return selectors[i]; }
    @Override public int segBase(int i) { return bases[i]; }
    @Override public int segLimit(int i) { return limits[i]; }
    @Override public int segFlags(int i) { return flags[i]; }
    @Override public int gdtrBase() { return gdtrBase; }
    @Override public int gdtrLimit() { return gdtrLimit; }
    @Override public int idtrBase() { return idtrBase; }
    @Override public int idtrLimit() { return idtrLimit; }
    @Override public int cr0() { return cr0; }
    @Override public int cr2() { return cr2; }
    @Override public int cr3() { return cr3; }
    @Override public int cr4() { return cr4; }
    @Override public long efer() { return 0; }
    @Override public int dr(int i) { return i == 6 ? 0xffff0ff0 : i == 7 ? 0x400 : 0; }

    @Override public Translation translate(int linear) {
        if (pages == null) return Translation.to(linear & 0xFFFF_FFFFL);
        Integer p = pages.get(linear >>> 12);
        if (p == null) return Translation.fault(String.format("PDE 0x%03x not present", linear >>> 22));
        return Translation.to(((long) p << 12) | (linear & 0xFFF));
    }

    @Override public WalkView walk(int linear, Integer cr3, boolean write, boolean user, boolean execute) {
        Translation t = translate(linear);
        String access = execute ? "execute" : write ? "write" : "read";
        if (pages == null) return new WalkView(linear, access, user, cr3(), false, false, java.util.List.of(), true, linear & 0xFFFF_FFFFL, 4096, true, true, false, null, 0);
        return new WalkView(linear, access, user, cr3(), true, false, java.util.List.of(), t.mapped(), t.physical(), 4096, false, true, false,
                t.failure(), t.mapped() ? 0 : (write ? 2 : 0) | (user ? 4 : 0));
    }

    public final java.util.List<CachedTranslation> tlb = new java.util.ArrayList<>();
    @Override public java.util.List<CachedTranslation> cachedTlb() { return tlb; }
    public Integer errorCode;
    @Override public Integer lastErrorCode() { return errorCode; }
    public int stale;
    @Override public int staleTlbEntries() { return stale; }

    @Override public boolean readPhysical(long paddr, byte[] out, int off, int len) {
        if (paddr < 0 || paddr + len > ram.length) return false;
        System.arraycopy(ram, (int) paddr, out, off, len);
        return true;
    }

    @Override public long ramSize() { return ram.length; }

    @Override public int in(int port, int size) { return ports.getOrDefault(port, size == 1 ? 0xff : size == 2 ? 0xffff : -1); }
    @Override public void out(int port, int size, int value) { ports.put(port, value); }

    @Override public Integer symbol(String name) { return symbolTable.get(name); }
    @Override public Map<String, Integer> symbols() { return symbolTable; }

    @Override public String describe(int address) {
        String best = null;
        long bestAddr = -1;
        for (Map.Entry<String, Integer> e : symbolTable.entrySet()) {
            long a = e.getValue() & 0xFFFF_FFFFL;
            if (a <= (address & 0xFFFF_FFFFL) && a > bestAddr) { best = e.getKey(); bestAddr = a; }
        }
        if (best == null) return String.format("0x%08x", address);
        long off = (address & 0xFFFF_FFFFL) - bestAddr;
        return off == 0 ? best : best + "+0x" + Long.toHexString(off);
    }

    @Override public Instruction disassemble(byte[] code, int offset, int address, boolean intel) {
        int op = code[offset] & 0xFF;
        switch (op) {
            case 0x90: return new Instruction(1, "nop");
            case 0xf4: return new Instruction(1, "hlt");
            case 0xc3: return new Instruction(1, intel ? "ret" : "retl");
            case 0xb0: return new Instruction(2, intel ? String.format("mov al, 0x%x", code[offset + 1] & 0xFF) : String.format("movb $0x%x, %%al", code[offset + 1] & 0xFF));
            case 0xe6: return new Instruction(2, intel ? String.format("out 0x%x, al", code[offset + 1] & 0xFF) : String.format("outb %%al, $0x%x", code[offset + 1] & 0xFF));
            case 0xeb: return new Instruction(2, String.format("jmp 0x%x", address + 2 + code[offset + 1]));
            case 0xe8: return new Instruction(5, String.format("calll 0x%x", address + 5 + le32(code, offset + 1)));
            case 0x0f: return new Instruction(2, "ud2");
            default: return new Instruction(2, intel ? "add byte ptr [eax], al" : "addb %al, (%eax)");
        }
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }

    @Override public Stop run(long maxInstructions) {
        stopRequested = false;
        for (long n = 0; n < maxInstructions; n++) {
            if (n > 0 && breakpoints.contains(eip)) return new Stop(Stop.Kind.BREAKPOINT, "breakpoint", 0);
            Stop s = step();
            if (s.kind() != Stop.Kind.STEP) return s;
            if (stopRequested) return new Stop(Stop.Kind.STOP_REQUEST, "stop requested", 0);
            if (breakpoints.contains(eip)) return new Stop(Stop.Kind.BREAKPOINT, "breakpoint", 0);
        }
        return new Stop(Stop.Kind.BUDGET, "instruction budget reached", 0);
    }

    @Override public Stop step() {
        int op = ram[eip] & 0xFF;
        retired++;
        switch (op) {
            case 0x90: eip += 1; break;
            case 0xf4: eip += 1; halted = true; return new Stop(Stop.Kind.HALTED, "hlt with interrupts disabled", 0);
            case 0xb0: regs[0] = (regs[0] & ~0xFF) | (ram[eip + 1] & 0xFF); eip += 2; break;
            case 0xe6: {
                int port = ram[eip + 1] & 0xFF;
                eip += 2;
                if (port == 0xf4) return new Stop(Stop.Kind.EXIT, "guest exit with status " + (regs[0] & 0xFF), regs[0] & 0xFF);
                serial.accept(regs[0] & 0xFF);
                break;
            }
            case 0xe8: regs[4] -= 4; writeLe32(regs[4], eip + 5); eip += 5 + le32(ram, eip + 1); break;
            case 0xc3: eip = le32(ram, regs[4]); regs[4] += 4; break;
            case 0xeb: eip += 2 + ram[eip + 1]; break;
            case 0x0f: return new Stop(Stop.Kind.TRIPLE_FAULT, "triple fault (#UD while handling #DF)", 0);
            default: eip += 2; break;
        }
        return new Stop(Stop.Kind.STEP, "step", 0);
    }

    private void writeLe32(int a, int v) {
        for (int i = 0; i < 4; i++) ram[a + i] = (byte) (v >>> (8 * i));
    }

    public final java.util.List<String> keys = new java.util.ArrayList<>();

    @Override public void sendKey(String combination) { keys.add(combination); }

    @Override public void requestStop() { stopRequested = true; }
    public final Set<Integer> catches = new HashSet<>();
    @Override public void setCatch(int vector, boolean on) { if (on) catches.add(vector); else catches.remove(vector); }
    @Override public void addBreakpoint(int linear) { breakpoints.add(linear); }
    @Override public void removeBreakpoint(int linear) { breakpoints.remove(linear); }
    @Override public long instructionsRetired() { return retired; }
}
