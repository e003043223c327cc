package i386mon.machine.debug;

import i386mon.machine.board.DeviceViews;
import i386mon.machine.boot.SymbolTable;
import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.cpu.BreakpointAddresses;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.cpu.RegisterWrites;
import i386mon.machine.devices.PcDevices;
import i386mon.machine.fault.CpuException;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.InspectResult;
import i386mon.machine.mmu.Mmu;
import i386mon.machine.mmu.PageTableListing;
import i386mon.machine.mmu.StaleEntry;
import i386mon.machine.mmu.TlbEntry;
import i386mon.machine.mmu.Walk;
import i386mon.machine.snapshot.Snapshots;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * {@link DebugTarget} over the emulated PC's parts. The machine hands them in (with its run loop
 * and stop request as functions), so this package does not depend on {@code Machine}.
 */
public final class EmulatedTarget implements DebugTarget {
    private final CpuSet cpus;
    private final PhysicalMemory memory;
    private final IoBus io;
    private final PcDevices devices;
    private final Debugger debugger;
    private final Supplier<SymbolTable> symbolTable;
    private final Supplier<DebugInfo> debugInfo;
    private final BreakpointAddresses breakpoints;
    private final LongFunction<StopReason> run;
    private final LongFunction<StopReason> runCounted;
    private final Runnable stop;
    private final Snapshots snapshots;
    private final Timeline timeline;
    private Runnable systemReset;
    /** Filled by the port bus (once per port), drained by {@link #newUnknownPorts()}. */
    private final List<Integer> unknownPorts = new ArrayList<>();
    private SymbolTable symbolsSeen;
    private Map<String, Integer> symbols = Map.of();

    public EmulatedTarget(Cpu cpu, Mmu mmu, PhysicalMemory memory, IoBus io, PcDevices devices, Debugger debugger,
                          Supplier<SymbolTable> symbolTable, Supplier<DebugInfo> debugInfo, BreakpointAddresses breakpoints,
                          LongFunction<StopReason> run, Runnable stop, Snapshots snapshots) {
        this(CpuSet.of(cpu, mmu), memory, io, devices, debugger, symbolTable, debugInfo, breakpoints, run, run, stop, snapshots);
    }

    /**
     * Over several CPUs: registers, translation and the TLB are the selected CPU's. {@code run}
     * runs by the machine's budget (with several CPUs, virtual time); {@code runCounted} by
     * instructions retired over all CPUs, in pieces that repeat an unsplit run exactly: runs with
     * reverse execution on use it, since its history is counted so.
     */
    public EmulatedTarget(CpuSet cpus, PhysicalMemory memory, IoBus io, PcDevices devices, Debugger debugger,
                          Supplier<SymbolTable> symbolTable, Supplier<DebugInfo> debugInfo, BreakpointAddresses breakpoints,
                          LongFunction<StopReason> run, LongFunction<StopReason> runCounted, Runnable stop, Snapshots snapshots) {
        this.cpus = cpus;
        this.snapshots = snapshots;
        this.runCounted = runCounted;
        this.timeline = snapshots == null ? null : new Timeline(snapshots, this::instructionsRetired, new Timeline.InputSink() {
            @Override public void key(String combination) { devices.keyboard().pressKey(combination); }

            @Override public void serial(int port, byte[] data) { uart(port).receive(data); }
        });
        if (snapshots != null) snapshots.onLoad(timeline::reset);
        this.memory = memory;
        this.io = io;
        this.devices = devices;
        this.debugger = debugger;
        this.symbolTable = symbolTable;
        this.debugInfo = debugInfo;
        this.breakpoints = breakpoints;
        this.run = run;
        this.stop = stop;
        io.setUnknownPortListener(port -> {
            synchronized (unknownPorts) {
                unknownPorts.add(port);
            }
        });
    }

    /** The selected CPU: what registers, memory by linear address and the TLB refer to. */
    private Cpu cpu() { return cpus.cpu(cpus.selected()); }

    private Mmu mmu() { return cpus.mmu(cpus.selected()); }

    @Override public int cpuCount() { return cpus.count(); }
    @Override public int selectedCpu() { return cpus.selected(); }
    @Override public void selectCpu(int index) { cpus.select(index); }
    @Override public boolean cpuHalted(int index) { return cpus.cpu(index).halted(); }
    @Override public boolean cpuWaitingForStartup(int index) { return cpus.waitingForStartup(index); }
    @Override public long instructionsRetired(int index) { return cpus.cpu(index).retired(); }

    @Override public int reg(int i) { return cpu().reg(i); }
    @Override public void setReg(int i, int value) { cpu().setReg(i, value); edited(); }
    @Override public int eip() { return cpu().eip(); }
    @Override public void setEip(int value) { cpu().setEip(value); edited(); }
    @Override public int eflags() { return cpu().eflags(); }
    @Override public void setEflags(int value) { cpu().setEflags(value); edited(); }
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
    public InspectResult readPhysical(long paddr, byte[] out, int off, int len) {
        return mmu().peekPhysical(paddr, out, off, len);
    }

    @Override
    public PageTableListing pageTables(int cr3) {
        return new PageTableListing(cpu().cr0(), cr3, cpu().cr4(), mmu()::peekEntry);
    }

    @Override
    public InspectResult readLinear(int linear, byte[] out, int off, int len) {
        return mmu().peekLinear(linear, out, off, len);
    }

    @Override
    public InspectResult writeLinear(int linear, byte[] in, int off, int len) {
        return edited(mmu().pokeLinear(linear, in, off, len));
    }

    @Override
    public InspectResult writePhysical(long paddr, byte[] in, int off, int len) {
        return edited(mmu().pokePhysical(paddr, in, off, len));
    }

    @Override
    public String loadSegment(int s, int selector) {
        return checkedEdit(() -> RegisterWrites.loadSegment(cpu(), s, selector));
    }

    @Override
    public void setSegmentCache(int s, int selector, int base, int limit, int flags) {
        RegisterWrites.setSegmentCache(cpu(), s, selector, base, limit, flags);
        edited();
    }

    @Override
    public String setControlRegister(int n, int value) {
        return checkedEdit(() -> RegisterWrites.writeControl(cpu(), n, value));
    }

    /** Makes a register write the CPU may refuse as the guest's own would fault: null when done (an edit), else why not. */
    private String checkedEdit(Runnable write) {
        try {
            write.run();
            edited();
            return null;
        } catch (CpuException e) {
            return e.getMessage();
        }
    }

    @Override public long ramSize() { return memory.ramSize(); }

    @Override
    public Walk walk(int linear, Integer cr3, Access access, boolean user) {
        if (cr3 == null && (cpu().cr0() & Mmu.CR0_PG) == 0) {
            // no walk with paging off: linear is physical, every access allowed
            return new Walk(linear, access, user, List.of(), null, null, 0, linear & 0xFFFF_FFFFL, 4096, true, true, false, false);
        }
        return cr3 == null ? mmu().walk(linear, access, user) : mmu().walk(cr3, linear, access, user);
    }

    @Override
    public List<TlbEntry> tlbEntries() {
        List<TlbEntry> out = new ArrayList<>(mmu().tlbEntries());
        out.sort(Comparator.comparingLong(TlbEntry::linear));
        return out;
    }

    @Override public List<StaleEntry> staleTlbEntries() { return mmu().staleEntries(); }

    @Override
    public Integer lastErrorCode() {
        CpuException e = cpu().lastException();
        return e == null || !e.hasErrorCode ? null : e.errorCode;
    }

    @Override
    public int lastExceptionVector() {
        CpuException e = cpu().lastException();
        return e == null ? -1 : e.vector;
    }

    @Override
    public Disassembler.Decoded disassemble(byte[] code, int offset, int address, boolean intel) {
        return Disassembler.disassemble(code, offset, address, intel);
    }

    @Override public DebugInfo debugInfo() { return debugInfo.get(); }
    @Override public Integer symbol(String name) { return symbolMap().get(name); }
    @Override public Map<String, Integer> symbols() { return symbolMap(); }

    @Override
    public String describe(int address) {
        String d = symbolTable.get().describe(address & 0xFFFF_FFFFL);
        return d == null ? "0x" + Hex.padded(address, 8) : d;
    }

    /** The symbols by name, rebuilt when a boot replaced the table. */
    private synchronized Map<String, Integer> symbolMap() {
        SymbolTable t = symbolTable.get();
        if (t != symbolsSeen) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (String name : t.names()) m.put(name, (int) t.lookup(name).getAsLong());
            symbols = Collections.unmodifiableMap(m);
            symbolsSeen = t;
        }
        return symbols;
    }

    /** A port read can change a device (a UART's receive buffer): for reverse execution it is an edit. */
    @Override
    public int in(int port, int size) {
        int v = io.in(port, size);
        edited();
        return v;
    }

    @Override
    public void out(int port, int size, int value) {
        io.out(port, size, value);
        edited();
    }

    @Override
    public void sendKey(String combination) {
        devices.keyboard().pressKey(combination);
        if (timeline != null && timeline.on()) timeline.key(combination);
    }

    @Override
    public void sendSerial(int port, byte[] data) {
        if (port != 1 && port != 2) throw new IllegalArgumentException("no serial port COM" + port + ": the PC has COM1 and COM2");
        uart(port).receive(data);
        if (timeline != null && timeline.on()) timeline.serial(port, data);
    }

    @Override
    public List<Integer> newUnknownPorts() {
        synchronized (unknownPorts) {
            List<Integer> out = List.copyOf(unknownPorts);
            unknownPorts.clear();
            return out;
        }
    }

    @Override public DeviceViews devices() { return devices.board(); }

    /** Flushes and closes the disk images (the monitor quits, or a new machine replaces this one). */
    @Override public void close() {
        try {
            devices.storage().close();
        } finally {
            devices.floppy().close();
        }
    }
    @Override public Debugger debugger() { return debugger; }
    @Override public Snapshots snapshots() { return snapshots; }
    @Override public FaultExplainer faultExplainer() { return new FaultExplainer(cpu(), mmu(), symbolTable.get()); }

    @Override public void addBreakpoint(int linear) { breakpoints.add(linear); }
    @Override public void removeBreakpoint(int linear) { breakpoints.remove(linear); }
    @Override public boolean hasBreakpoint(int linear) { return breakpoints.contains(linear); }
    @Override public void skipBreakpointOnce() { cpu().skipBreakpointOnce(); }
    /** The mask lives in each CPU: a catchpoint for one CPU costs the others nothing. */
    @Override public void setCatch(int vector, int cpu, boolean on) {
        for (int i = 0; i < cpus.count(); i++) if (cpu < 0 || i == cpu) cpus.cpu(i).setCatch(vector, on);
    }

    @Override
    public StopReason run(long maxInstructions) {
        if (timeline == null || !timeline.on()) return run.apply(maxInstructions);
        return recordedRun(maxInstructions);
    }

    /**
     * A run with reverse execution on: paused at each checkpoint due (taken there) and at each
     * recorded input (delivered there), so that running over the past again repeats it. Counted
     * in instructions over all CPUs (with several CPUs a step is then the next instruction of the
     * interleaving, whichever CPU runs it, not one of the selected CPU alone).
     */
    private StopReason recordedRun(long maxInstructions) {
        long end = instructionsRetired() + maxInstructions;
        while (true) {
            timeline.atBoundary();
            long now = instructionsRetired();
            long slice = Math.min(end, timeline.nextBoundary(now)) - now;
            StopReason r = runCounted.apply(slice);
            if (r.kind() != StopReason.Kind.BUDGET || instructionsRetired() >= end) return r;
        }
    }

    @Override public Timeline timeline() { return timeline; }

    private i386mon.machine.devices.Uart16550 uart(int port) { return port == 1 ? devices.com1() : devices.com2(); }

    /** Makes {@link #systemReset} run {@code reset} (the machine's); without it the target is not {@link #resettable}. */
    public void setSystemReset(Runnable reset) { systemReset = reset; }

    @Override public boolean resettable() { return systemReset != null; }

    @Override
    public void systemReset() {
        if (systemReset == null) throw new UnsupportedOperationException("this target cannot be reset in place");
        systemReset.run();
        edited(); // a change made between runs: reverse execution's history goes on from the reset state
    }

    /** The debugger changed the machine: reverse execution's history goes on from here. */
    private void edited() {
        if (timeline != null && timeline.on()) timeline.edited();
    }

    private InspectResult edited(InspectResult r) {
        if (r.ok()) edited();
        return r;
    }

    /** At a caught exception, a step is its delivery: it ends on the handler's first instruction. */
    @Override public StopReason step() {
        if (!cpu().exceptionPending()) return run(1);
        int vector = cpu().deliverPendingException();
        if (cpu().shutdown()) return run(1); // the machine reports the triple fault
        if (cpu().exceptionPending()) return StopReason.of(StopReason.Kind.EXCEPTION_CAUGHT, "caught " + cpu().lastException().getMessage());
        return StopReason.of(StopReason.Kind.STEP, "delivered " + CpuException.name(vector) + " through gate " + vector);
    }
    @Override public void requestStop() { stop.run(); }
    @Override public void cancelStopRequest() {
        for (int i = 0; i < cpus.count(); i++) cpus.cpu(i).cancelStopRequest();
    }

    /** Instructions retired since boot: the sum over the CPUs. */
    @Override public long instructionsRetired() {
        long n = 0;
        for (int i = 0; i < cpus.count(); i++) n += cpus.cpu(i).retired();
        return n;
    }
}
