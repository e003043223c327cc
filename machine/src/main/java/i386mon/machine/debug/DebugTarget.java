package i386mon.machine.debug;

import i386mon.machine.board.DeviceViews;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.InspectResult;
import i386mon.machine.mmu.PageTableListing;
import i386mon.machine.mmu.StaleEntry;
import i386mon.machine.mmu.TlbEntry;
import i386mon.machine.mmu.Walk;
import java.util.List;
import java.util.Map;

/**
 * A machine as every front end sees it (the monitor shell now, a GDB stub next): registers,
 * side-effect free inspection (memory by linear and physical address with a reason instead of an
 * exception, page walks and listings, the TLB, symbols, disassembly), ports and keys, and the
 * primitive run and step that {@link RunControl} builds on. Segment indexes follow the CPU: ES=0
 * CS=1 SS=2 DS=3 FS=4 GS=5 LDTR=6 TR=7; general registers EAX..EDI are 0..7. Inspection methods
 * never change guest state (no Accessed/Dirty bits, no TLB fills, no device side effects).
 */
public interface DebugTarget {
    int SEG_ES = 0, SEG_CS = 1, SEG_SS = 2, SEG_DS = 3, SEG_FS = 4, SEG_GS = 5, SEG_LDTR = 6, SEG_TR = 7;

    // ---- CPUs: registers, memory by linear address, translation, the TLB and the local APIC view
    //      are the selected CPU's; a stop selects the CPU that stopped (StopReason.cpu())

    default int cpuCount() { return 1; }
    default int selectedCpu() { return 0; }
    /** Selects CPU {@code index}; IllegalArgumentException (one line) when there is no such CPU. */
    default void selectCpu(int index) {
        if (index != 0) throw new IllegalArgumentException("no CPU " + index + " (this machine has CPU 0 only)");
    }
    default boolean cpuHalted(int index) { return halted(); }
    /** An application processor that waits for INIT/SIPI (it has not started, or INIT parked it). */
    default boolean cpuWaitingForStartup(int index) { return false; }
    /** Instructions CPU {@code index} has retired since boot. */
    default long instructionsRetired(int index) { return instructionsRetired(); }

    // ---- registers

    int reg(int i);
    void setReg(int i, int value);
    int eip();
    void setEip(int value);
    int eflags();
    void setEflags(int value);
    int cpl();
    boolean halted();

    int segSelector(int i);
    int segBase(int i);
    int segLimit(int i);
    /** Descriptor attribute bits as QEMU prints them in its fourth column, e.g. 0x00cf9300. */
    int segFlags(int i);

    int gdtrBase();
    int gdtrLimit();
    int idtrBase();
    int idtrLimit();

    int cr0();
    int cr2();
    int cr3();
    int cr4();
    long efer();
    int dr(int i);

    // ---- memory and paging, side-effect free

    /** Reads RAM/ROM by physical address; a failure says why (beyond RAM, not backed). */
    InspectResult readPhysical(long paddr, byte[] out, int off, int len);

    /**
     * Reads by linear address through the page tables (not the TLB), as a supervisor read would
     * translate, wrapping at 4 GiB; a failure names the address and the walk's reason
     * ({@link InspectResult#cause()} without the address).
     */
    InspectResult readLinear(int linear, byte[] out, int off, int len);

    /** Size of guest RAM in bytes. */
    long ramSize();

    /**
     * The page walk for {@code linear} under the current CR3 ({@code cr3} null) or another one.
     * With paging off and {@code cr3} null there is no walk: the result has no steps and maps
     * linear to physical one to one.
     */
    Walk walk(int linear, Integer cr3, Access access, boolean user);

    /** The TLB's cached translations, in linear order. */
    List<TlbEntry> tlbEntries();

    /** The TLB entries that no longer agree with the page tables, each with why. */
    List<StaleEntry> staleTlbEntries();

    /** The page tables under the current CR3 as {@code info tlb}, {@code info mem} and {@code pte dump} list them. */
    default PageTableListing pageTables() { return pageTables(cr3()); }

    /** The page tables under {@code cr3}, in the current paging mode. */
    default PageTableListing pageTables(int cr3) {
        return new PageTableListing(cr0(), cr3, cr4(), (paddr, size) -> {
            byte[] b = new byte[size];
            if (!readPhysical(paddr, b, 0, size).ok()) return 0;
            long v = 0;
            for (int i = size - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
            return v;
        });
    }

    /** The error code of the last exception the CPU raised (e.g. at a caught #PF), or null when it had none. */
    Integer lastErrorCode();

    // ---- code and symbols

    /** Decodes the instruction at {@code code[offset]}, which sits at linear {@code address}. */
    Disassembler.Decoded disassemble(byte[] code, int offset, int address, boolean intel);

    /** Address of a kernel symbol, or null. */
    Integer symbol(String name);
    /** All kernel symbols by name. */
    Map<String, Integer> symbols();
    /** "kernel_main+0x1c" for an address inside a known symbol, else "0x%08x". */
    String describe(int address);

    // ---- ports, keys, devices

    int in(int port, int size);
    void out(int port, int size, int value);

    /** Types a QEMU-style key combination ("ctrl-alt-delete", "a") on the keyboard controller. */
    void sendKey(String combination);

    /**
     * I/O ports no device decodes that the guest touched since the last call, each reported once
     * per machine (they read all ones and ignore writes).
     */
    default List<Integer> newUnknownPorts() { return List.of(); }

    /** The views of the machine's devices ({@code info pic}, {@code info serial} ...), or null when this target has none. */
    default DeviceViews devices() { return null; }

    // ---- debugging state

    /** Watchpoints and the instruction history, or null when this target has no debugger. */
    default Debugger debugger() { return null; }

    /** Explains the exception or triple fault the CPU stopped on, or null when this target cannot. */
    default FaultExplainer faultExplainer() { return null; }

    /** Vector of the exception the CPU last raised (the one a catchpoint stopped before), or -1. */
    default int lastExceptionVector() { return -1; }

    /** Stop before linear {@code linear} executes; the set lives in the CPU. */
    void addBreakpoint(int linear);
    void removeBreakpoint(int linear);
    boolean hasBreakpoint(int linear);
    /** The next instruction runs even if a breakpoint is set on it (as EFLAGS.RF does for debug faults). */
    void skipBreakpointOnce();

    /** Stops the guest before it takes exception {@code vector} (0-31), or no longer. */
    void setCatch(int vector, boolean on);

    // ---- execution primitives ({@link RunControl} decides around them)

    /** Runs until something stops the guest or {@code maxInstructions} retire. */
    StopReason run(long maxInstructions);
    /** Executes one instruction (or takes one pending event): {@link StopReason.Kind#BUDGET} when nothing else stopped it. */
    default StopReason step() { return run(1); }
    /** Asks a running guest to stop; safe from any thread. */
    void requestStop();
    /** Forgets a stop request the guest has not acted on (it came after the run it was meant for ended). */
    void cancelStopRequest();

    /** Instructions retired since boot (the virtual clock). */
    long instructionsRetired();
}
