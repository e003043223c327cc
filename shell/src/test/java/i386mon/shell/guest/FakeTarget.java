package i386mon.shell.guest;

import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.StopReason;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.FaultRule;
import i386mon.machine.mmu.InspectResult;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.StaleEntry;
import i386mon.machine.mmu.Step;
import i386mon.machine.mmu.TlbEntry;
import i386mon.machine.mmu.Walk;
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
public final class FakeTarget implements DebugTarget {
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

    /** The made-up paging: {@link #pages} when set (a missing page's PDE is not present), else identity. */
    @Override public Walk walk(int linear, Integer cr3, Access access, boolean user) {
        if (pages == null) return new Walk(linear, access, user, java.util.List.of(), null, null, 0, linear & 0xFFFF_FFFFL, 4096, true, true, false, false);
        Integer p = pages.get(linear >>> 12);
        if (p == null) {
            Step pde = new Step(Level.PDE, linear >>> 22, (cr3() & 0xFFFFF000L) + 4L * (linear >>> 22), 0, false);
            int error = (access == Access.WRITE ? Walk.ERR_WR : 0) | (user ? Walk.ERR_US : 0);
            return new Walk(linear, access, user, java.util.List.of(pde), FaultRule.NOT_PRESENT, Level.PDE, error, -1, 0, false, false, false, false);
        }
        return new Walk(linear, access, user, java.util.List.of(), null, null, 0, ((long) p << 12) | (linear & 0xFFF), 4096, false, true, false, false);
    }

    public final java.util.List<TlbEntry> tlb = new java.util.ArrayList<>();
    @Override public java.util.List<TlbEntry> tlbEntries() { return tlb; }
    public final java.util.List<StaleEntry> stale = new java.util.ArrayList<>();
    @Override public java.util.List<StaleEntry> staleTlbEntries() { return stale; }
    public Integer errorCode;
    @Override public Integer lastErrorCode() { return errorCode; }

    @Override public InspectResult readPhysical(long paddr, byte[] out, int off, int len) {
        if (paddr < 0 || paddr + len > ram.length) return InspectResult.refused(0, "beyond RAM", "beyond RAM");
        System.arraycopy(ram, (int) paddr, out, off, len);
        return InspectResult.read(len);
    }

    @Override public InspectResult readLinear(int linear, byte[] out, int off, int len) {
        int done = 0;
        while (done < len) {
            int lin = linear + done;
            int chunk = Math.min(len - done, 4096 - (lin & 0xFFF));
            Walk w = walk(lin, null, Access.READ, false);
            if (!w.ok()) return InspectResult.refused(done, String.format("0x%08x: %s", lin, w.reason()), w.reason());
            InspectResult r = readPhysical(w.physical(), out, off + done, chunk);
            if (!r.ok()) return InspectResult.refused(done, r.reason(), String.format("physical 0x%x is not backed", w.physical()));
            done += chunk;
        }
        return InspectResult.read(len);
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

    @Override public Disassembler.Decoded disassemble(byte[] code, int offset, int address, boolean intel) {
        int op = code[offset] & 0xFF;
        switch (op) {
            case 0x90: return new Disassembler.Decoded(1, "nop", "");
            case 0xf4: return new Disassembler.Decoded(1, "hlt", "");
            case 0xc3: return new Disassembler.Decoded(1, intel ? "ret" : "retl", "");
            case 0xb0: return new Disassembler.Decoded(2, intel ? "mov" : "movb", intel ? String.format("al, 0x%x", code[offset + 1] & 0xFF) : String.format("$0x%x, %%al", code[offset + 1] & 0xFF));
            case 0xe6: return new Disassembler.Decoded(2, intel ? "out" : "outb", intel ? String.format("0x%x, al", code[offset + 1] & 0xFF) : String.format("%%al, $0x%x", code[offset + 1] & 0xFF));
            case 0xeb: return new Disassembler.Decoded(2, "jmp", String.format("0x%x", address + 2 + code[offset + 1]));
            case 0xe8: return new Disassembler.Decoded(5, "calll", String.format("0x%x", address + 5 + le32(code, offset + 1)));
            case 0x0f: return new Disassembler.Decoded(2, "ud2", "");
            default: return new Disassembler.Decoded(2, intel ? "add" : "addb", intel ? "byte ptr [eax], al" : "%al, (%eax)");
        }
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }

    @Override public StopReason run(long maxInstructions) {
        stopRequested = false;
        for (long n = 0; n < maxInstructions; n++) {
            if (n > 0 && breakpoints.contains(eip)) return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");
            StopReason s = step();
            if (s.kind() != StopReason.Kind.STEP) return s;
            if (stopRequested) return StopReason.of(StopReason.Kind.STOP_REQUEST, "stop requested");
            if (breakpoints.contains(eip)) return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");
        }
        return StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached");
    }

    @Override public StopReason step() {
        int op = ram[eip] & 0xFF;
        retired++;
        switch (op) {
            case 0x90: eip += 1; break;
            case 0xf4: eip += 1; halted = true; return StopReason.of(StopReason.Kind.HALTED, "hlt with interrupts disabled");
            case 0xb0: regs[0] = (regs[0] & ~0xFF) | (ram[eip + 1] & 0xFF); eip += 2; break;
            case 0xe6: {
                int port = ram[eip + 1] & 0xFF;
                eip += 2;
                if (port == 0xf4) return new StopReason(StopReason.Kind.EXIT, "guest exit with status " + (regs[0] & 0xFF), (regs[0] & 0xFF) << 1 | 1);
                serial.accept(regs[0] & 0xFF);
                break;
            }
            case 0xe8: regs[4] -= 4; writeLe32(regs[4], eip + 5); eip += 5 + le32(ram, eip + 1); break;
            case 0xc3: eip = le32(ram, regs[4]); regs[4] += 4; break;
            case 0xeb: eip += 2 + ram[eip + 1]; break;
            case 0x0f: return StopReason.of(StopReason.Kind.TRIPLE_FAULT, "triple fault (#UD while handling #DF)");
            default: eip += 2; break;
        }
        return StopReason.STEPPED;
    }

    private void writeLe32(int a, int v) {
        for (int i = 0; i < 4; i++) ram[a + i] = (byte) (v >>> (8 * i));
    }

    public final java.util.List<String> keys = new java.util.ArrayList<>();

    @Override public void sendKey(String combination) { keys.add(combination); }

    @Override public void requestStop() { stopRequested = true; }
    @Override public void cancelStopRequest() { stopRequested = false; }
    public final Set<Integer> catches = new HashSet<>();
    @Override public void setCatch(int vector, int cpu, boolean on) { if (on) catches.add(vector); else catches.remove(vector); }
    @Override public void addBreakpoint(int linear) { breakpoints.add(linear); }
    @Override public void removeBreakpoint(int linear) { breakpoints.remove(linear); }
    @Override public boolean hasBreakpoint(int linear) { return breakpoints.contains(linear); }
    /** A run never stops at the breakpoint it starts on here (see {@link #run}): nothing to skip. */
    @Override public void skipBreakpointOnce() { }
    @Override public long instructionsRetired() { return retired; }
}
