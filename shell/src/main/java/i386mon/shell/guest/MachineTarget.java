package i386mon.shell.guest;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.StopReason;
import i386mon.machine.boot.BootException;
import i386mon.machine.boot.BootModule;
import i386mon.machine.boot.SymbolTable;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.devices.PcDevices;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.Mmu;
import i386mon.machine.mmu.StaleEntry;
import i386mon.machine.mmu.Step;
import i386mon.machine.mmu.TlbEntry;
import i386mon.machine.mmu.Walk;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.MachineLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** The shell's view of the real {@link Machine}. */
public final class MachineTarget implements Target {
    /** Boots kernels on real machines. */
    public static final MachineLoader LOADER = MachineTarget::boot;


    private final Machine machine;
    private final SymbolTable symbolTable;
    private final Map<String, Integer> symbols;
    private final PcDevices devices;
    private final Debugging debugging;
    private final Devices deviceViews;

    /** Filled by the port bus (once per port), drained by {@link #newUnknownPorts()}. */
    private final java.util.List<Integer> unknownPorts = new java.util.ArrayList<>();

    @Override
    public synchronized java.util.List<Integer> newUnknownPorts() {
        java.util.List<Integer> out = java.util.List.copyOf(unknownPorts);
        unknownPorts.clear();
        return out;
    }

    MachineTarget(Machine machine, SymbolTable symbolTable, PcDevices devices) {
        this.machine = machine;
        machine.io().setUnknownPortListener(port -> {
            synchronized (this) {
                unknownPorts.add(port);
            }
        });
        this.devices = devices;
        this.symbolTable = symbolTable;
        this.debugging = new MachineDebugging(machine);
        this.deviceViews = new MachineDevices(devices);
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String name : symbolTable.names()) m.put(name, (int) symbolTable.lookup(name).getAsLong());
        this.symbols = Collections.unmodifiableMap(m);
    }

    /**
     * Creates a machine (its PC devices in their BIOS state) and boots the kernel as a multiboot
     * loader does. COM1 and the 0xE9 debug console both go to {@code serial}.
     */
    static Target boot(BootRequest request, IntConsumer serial) {
        MachineConfig config = new MachineConfig(request.ramBytes(), serial, serial).withPacing(request.paced());
        if (request.hostTime()) config = config.withRtcEpoch(System.currentTimeMillis() / 1000);
        Machine m = new Machine(config);
        List<BootModule> modules = new ArrayList<>();
        for (BootRequest.Module mod : request.modules()) modules.add(new BootModule(mod.string(), mod.data()));
        try {
            m.boot(request.kernel(), request.kernelName(), request.cmdline(), modules);
        } catch (BootException e) {
            throw new CommandException(request.kernelName() + ": " + e.getMessage());
        }
        return new MachineTarget(m, m.symbols(), m.devices());
    }

    public Machine machine() { return machine; }

    private Cpu cpu() { return machine.cpu(); }

    @Override public int reg(int i) { return cpu().reg(i); }
    @Override public void setReg(int i, int value) { cpu().setReg(i, value); }
    @Override public int eip() { return cpu().eip(); }
    @Override public void setEip(int value) { cpu().setEip(value); }
    @Override public int eflags() { return cpu().eflags(); }
    @Override public void setEflags(int value) { cpu().setEflags(value); }
    @Override public int cpl() { return cpu().cpl(); }
    @Override public boolean halted() { return cpu().halted(); }
    @Override public int segSelector(int i) { return cpu().segSelector(i); }
    @Override public int segBase(int i) { return cpu().segBase(i); }
    @Override public int segLimit(int i) { return cpu().segLimit(i); }
    @Override public int segFlags(int i) { return cpu().segFlags(i); }
    @Override public int gdtrBase() { return cpu().gdtrBase(); }
    @Override public int gdtrLimit() { return cpu().gdtrLimit(); }
    @Override public int idtrBase() { return cpu().idtrBase(); }
    @Override public int idtrLimit() { return cpu().idtrLimit(); }
    @Override public int cr0() { return cpu().cr0(); }
    @Override public int cr2() { return cpu().cr2(); }
    @Override public int cr3() { return cpu().cr3(); }
    @Override public int cr4() { return cpu().cr4(); }
    @Override public long efer() { return cpu().efer(); }
    @Override public int dr(int i) { return cpu().dr(i); }

    @Override
    public Translation translate(int linear) {
        if ((cpu().cr0() & Mmu.CR0_PG) == 0) return Translation.to(linear & 0xFFFF_FFFFL);
        Walk w = machine.mmu().translateForInspection(linear);
        return w.ok() ? Translation.to(w.physical()) : Translation.fault(w.reason());
    }

    @Override
    public WalkView walk(int linear, Integer cr3, boolean write, boolean user, boolean execute) {
        Mmu mmu = machine.mmu();
        Access access = execute ? Access.EXECUTE : write ? Access.WRITE : Access.READ;
        String accessName = access.name().toLowerCase(java.util.Locale.ROOT);
        boolean pae = (cpu().cr4() & Mmu.CR4_PAE) != 0;
        if (cr3 == null && (cpu().cr0() & Mmu.CR0_PG) == 0) {
            return new WalkView(linear, accessName, user, cpu().cr3() & 0xFFFF_FFFFL, false, pae, List.of(), true,
                    linear & 0xFFFF_FFFFL, 4096, true, true, false, null, 0);
        }
        int root = cr3 == null ? cpu().cr3() : cr3;
        Walk w = cr3 == null ? mmu.walk(linear, access, user) : mmu.walk(cr3, linear, access, user);
        List<WalkView.Entry> entries = new ArrayList<>();
        for (Step st : w.steps()) {
            entries.add(new WalkView.Entry(st.level().name(), st.index(), st.entryAddress(), st.value(), words(st), st.fromRegister()));
        }
        return new WalkView(linear, accessName, user, root & 0xFFFF_FFFFL, true, pae, entries, w.ok(), w.physical(),
                w.pageSize(), w.userAllowed(), w.writable(), w.global(), w.ok() ? null : w.reason(), w.errorCode());
    }

    private static List<String> words(Step s) {
        List<String> b = new ArrayList<>();
        if (!s.present()) {
            b.add("not present");
            return b;
        }
        b.add("present");
        boolean leaf = s.level() == i386mon.machine.mmu.Level.PTE || s.pageSize();
        if (s.level() != i386mon.machine.mmu.Level.PDPTE) {
            b.add(s.writable() ? "writable" : "read-only");
            b.add(s.user() ? "user" : "supervisor");
            if (s.accessed()) b.add("accessed");
            if (s.dirty() && leaf) b.add("dirty");
            if (s.pageSize()) b.add("large page");
            if (s.global() && leaf) b.add("global");
        }
        if (s.pwt()) b.add("write-through");
        if (s.pcd()) b.add("cache disabled");
        if (s.executeDisable()) b.add("execute-disable");
        return b;
    }

    @Override
    public Integer lastErrorCode() {
        i386mon.machine.cpu.CpuException e = cpu().lastException();
        return e == null || !e.hasErrorCode ? null : e.errorCode;
    }

    @Override
    public int staleTlbEntries() {
        return machine.mmu().staleEntries().size();
    }

    @Override
    public List<CachedTranslation> cachedTlb() {
        Map<Long, String> stale = new java.util.HashMap<>();
        for (StaleEntry e : machine.mmu().staleEntries()) stale.put(e.entry().linear(), e.reason());
        List<CachedTranslation> out = new ArrayList<>();
        for (TlbEntry e : machine.mmu().tlbEntries()) {
            out.add(new CachedTranslation(e.linear(), e.frame(), e.pageSize(), e.permissions(), e.global(), e.dirtyKnown(), stale.get(e.linear())));
        }
        out.sort(java.util.Comparator.comparingLong(CachedTranslation::linear));
        return out;
    }

    @Override
    public boolean readPhysical(long paddr, byte[] out, int off, int len) {
        return machine.mmu().peekPhysical(paddr, out, off, len).ok();
    }

    @Override public long ramSize() { return machine.memory().ramSize(); }

    @Override public int in(int port, int size) { return machine.io().in(port, size); }
    @Override public void out(int port, int size, int value) { machine.io().out(port, size, value); }

    @Override public Integer symbol(String name) { return symbols.get(name); }
    @Override public Map<String, Integer> symbols() { return symbols; }

    @Override
    public String describe(int address) {
        String d = symbolTable.describe(address & 0xFFFF_FFFFL);
        return d == null ? String.format("0x%08x", address) : d;
    }

    @Override
    public Instruction disassemble(byte[] code, int offset, int address, boolean intel) {
        Disassembler.Decoded d = Disassembler.disassemble(code, offset, address, intel);
        return new Instruction(d.length(), d.text());
    }

    @Override
    public Stop run(long maxInstructions) {
        long before = cpu().retired();
        StopReason r = machine.run(maxInstructions);
        if (r.kind() == StopReason.Kind.BREAKPOINT && cpu().retired() == before) {
            // stopped on the breakpoint it started at (EIP was moved onto it): the CPU now skips it once
            r = machine.run(maxInstructions);
        }
        return convert(r);
    }

    @Override
    public Stop step() {
        long before = cpu().retired();
        StopReason r = machine.step();
        if (r.kind() == StopReason.Kind.BREAKPOINT && cpu().retired() == before) r = machine.step();
        if (r.kind() == StopReason.Kind.BUDGET) return new Stop(Stop.Kind.STEP, "step", 0);
        return convert(r);
    }

    private static Stop convert(StopReason r) {
        Stop.Kind k = r.kind() == StopReason.Kind.WATCHPOINT ? Stop.Kind.WATCH : Stop.Kind.valueOf(r.kind().name());
        if (k == Stop.Kind.STOP_REQUEST) return new Stop(k, "interrupted", 0);
        // the machine reports QEMU's process status (v << 1) | 1; the shell keeps v
        return new Stop(k, r.description(), k == Stop.Kind.EXIT ? r.exitStatus() >>> 1 : 0);
    }

    @Override
    public void sendKey(String combination) {
        try {
            devices.keyboard().pressKey(combination);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    @Override public void requestStop() { machine.requestStop(); }
    @Override public void setCatch(int vector, boolean on) { cpu().setCatch(vector, on); }
    @Override public void addBreakpoint(int linear) { machine.addBreakpoint(linear); }
    @Override public void removeBreakpoint(int linear) { machine.removeBreakpoint(linear); }
    @Override public Debugging debugging() { return debugging; }
    @Override public Devices devices() { return deviceViews; }
    @Override public long instructionsRetired() { return cpu().retired(); }
}
