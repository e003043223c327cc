package i386mon.machine.debug;

import i386mon.machine.board.DeviceViews;
import i386mon.machine.boot.SymbolTable;
import i386mon.machine.cpu.BreakpointAddresses;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.Disassembler;
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
    private final Cpu cpu;
    private final Mmu mmu;
    private final PhysicalMemory memory;
    private final IoBus io;
    private final PcDevices devices;
    private final Debugger debugger;
    private final Supplier<SymbolTable> symbolTable;
    private final BreakpointAddresses breakpoints;
    private final LongFunction<StopReason> run;
    private final Runnable stop;
    /** Filled by the port bus (once per port), drained by {@link #newUnknownPorts()}. */
    private final List<Integer> unknownPorts = new ArrayList<>();
    private SymbolTable symbolsSeen;
    private Map<String, Integer> symbols = Map.of();

    public EmulatedTarget(Cpu cpu, Mmu mmu, PhysicalMemory memory, IoBus io, PcDevices devices, Debugger debugger,
                          Supplier<SymbolTable> symbolTable, BreakpointAddresses breakpoints,
                          LongFunction<StopReason> run, Runnable stop) {
        this.cpu = cpu;
        this.mmu = mmu;
        this.memory = memory;
        this.io = io;
        this.devices = devices;
        this.debugger = debugger;
        this.symbolTable = symbolTable;
        this.breakpoints = breakpoints;
        this.run = run;
        this.stop = stop;
        io.setUnknownPortListener(port -> {
            synchronized (unknownPorts) {
                unknownPorts.add(port);
            }
        });
    }

    @Override public int reg(int i) { return cpu.reg(i); }
    @Override public void setReg(int i, int value) { cpu.setReg(i, value); }
    @Override public int eip() { return cpu.eip(); }
    @Override public void setEip(int value) { cpu.setEip(value); }
    @Override public int eflags() { return cpu.eflags(); }
    @Override public void setEflags(int value) { cpu.setEflags(value); }
    @Override public int cpl() { return cpu.cpl(); }
    @Override public boolean halted() { return cpu.halted(); }
    @Override public int segSelector(int i) { return cpu.segSelector(i); }
    @Override public int segBase(int i) { return cpu.segBase(i); }
    @Override public int segLimit(int i) { return cpu.segLimit(i); }
    @Override public int segFlags(int i) { return cpu.segFlags(i); }
    @Override public int gdtrBase() { return cpu.gdtrBase(); }
    @Override public int gdtrLimit() { return cpu.gdtrLimit(); }
    @Override public int idtrBase() { return cpu.idtrBase(); }
    @Override public int idtrLimit() { return cpu.idtrLimit(); }
    @Override public int cr0() { return cpu.cr0(); }
    @Override public int cr2() { return cpu.cr2(); }
    @Override public int cr3() { return cpu.cr3(); }
    @Override public int cr4() { return cpu.cr4(); }
    @Override public long efer() { return cpu.efer(); }
    @Override public int dr(int i) { return cpu.dr(i); }

    @Override
    public InspectResult readPhysical(long paddr, byte[] out, int off, int len) {
        return mmu.peekPhysical(paddr, out, off, len);
    }

    @Override
    public PageTableListing pageTables(int cr3) {
        return new PageTableListing(cpu.cr0(), cr3, cpu.cr4(), mmu::peekEntry);
    }

    @Override
    public InspectResult readLinear(int linear, byte[] out, int off, int len) {
        return mmu.peekLinear(linear, out, off, len);
    }

    @Override public long ramSize() { return memory.ramSize(); }

    @Override
    public Walk walk(int linear, Integer cr3, Access access, boolean user) {
        if (cr3 == null && (cpu.cr0() & Mmu.CR0_PG) == 0) {
            // no walk with paging off: linear is physical, every access allowed
            return new Walk(linear, access, user, List.of(), null, null, 0, linear & 0xFFFF_FFFFL, 4096, true, true, false, false);
        }
        return cr3 == null ? mmu.walk(linear, access, user) : mmu.walk(cr3, linear, access, user);
    }

    @Override
    public List<TlbEntry> tlbEntries() {
        List<TlbEntry> out = new ArrayList<>(mmu.tlbEntries());
        out.sort(Comparator.comparingLong(TlbEntry::linear));
        return out;
    }

    @Override public List<StaleEntry> staleTlbEntries() { return mmu.staleEntries(); }

    @Override
    public Integer lastErrorCode() {
        CpuException e = cpu.lastException();
        return e == null || !e.hasErrorCode ? null : e.errorCode;
    }

    @Override
    public int lastExceptionVector() {
        CpuException e = cpu.lastException();
        return e == null ? -1 : e.vector;
    }

    @Override
    public Disassembler.Decoded disassemble(byte[] code, int offset, int address, boolean intel) {
        return Disassembler.disassemble(code, offset, address, intel);
    }

    @Override public Integer symbol(String name) { return symbolMap().get(name); }
    @Override public Map<String, Integer> symbols() { return symbolMap(); }

    @Override
    public String describe(int address) {
        String d = symbolTable.get().describe(address & 0xFFFF_FFFFL);
        return d == null ? String.format("0x%08x", address) : d;
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

    @Override public int in(int port, int size) { return io.in(port, size); }
    @Override public void out(int port, int size, int value) { io.out(port, size, value); }

    @Override public void sendKey(String combination) { devices.keyboard().pressKey(combination); }

    @Override
    public List<Integer> newUnknownPorts() {
        synchronized (unknownPorts) {
            List<Integer> out = List.copyOf(unknownPorts);
            unknownPorts.clear();
            return out;
        }
    }

    @Override public DeviceViews devices() { return devices.board(); }
    @Override public Debugger debugger() { return debugger; }
    @Override public FaultExplainer faultExplainer() { return new FaultExplainer(cpu, mmu, symbolTable.get()); }

    @Override public void addBreakpoint(int linear) { breakpoints.add(linear); }
    @Override public void removeBreakpoint(int linear) { breakpoints.remove(linear); }
    @Override public boolean hasBreakpoint(int linear) { return breakpoints.contains(linear); }
    @Override public void skipBreakpointOnce() { cpu.skipBreakpointOnce(); }
    @Override public void setCatch(int vector, boolean on) { cpu.setCatch(vector, on); }

    @Override public StopReason run(long maxInstructions) { return run.apply(maxInstructions); }

    /** At a caught exception, a step is its delivery: it ends on the handler's first instruction. */
    @Override public StopReason step() {
        if (!cpu.exceptionPending()) return run(1);
        int vector = cpu.deliverPendingException();
        if (cpu.shutdown()) return run(1); // the machine reports the triple fault
        if (cpu.exceptionPending()) return StopReason.of(StopReason.Kind.EXCEPTION_CAUGHT, "caught " + cpu.lastException().getMessage());
        return StopReason.of(StopReason.Kind.STEP, "delivered " + CpuException.name(vector) + " through gate " + vector);
    }
    @Override public void requestStop() { stop.run(); }
    @Override public void cancelStopRequest() { cpu.cancelStopRequest(); }
    @Override public long instructionsRetired() { return cpu.retired(); }
}
