package i386mon.machine.debug;

import i386mon.machine.board.DeviceViews;
import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.InspectResult;
import i386mon.machine.mmu.PageTableListing;
import i386mon.machine.mmu.StaleEntry;
import i386mon.machine.mmu.TlbEntry;
import i386mon.machine.mmu.Walk;
import i386mon.machine.snapshot.Snapshots;
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

    // ---- changing state (a debugger's writes: no Accessed/Dirty bits, no TLB fill; the code cache notices code writes)

    /**
     * Writes by linear address through the page tables (not the TLB), ignoring page protection as a
     * debugger may; every page is checked first, so a refused write writes nothing and says why.
     */
    default InspectResult writeLinear(int linear, byte[] in, int off, int len) {
        return InspectResult.refused(0, "this target cannot write memory", "this target cannot write memory");
    }

    /** Writes RAM by physical address; ROM, holes and addresses beyond RAM are refused with the reason. */
    default InspectResult writePhysical(long paddr, byte[] in, int off, int len) {
        return InspectResult.refused(0, "this target cannot write memory", "this target cannot write memory");
    }

    /**
     * Loads segment register {@code s} (ES..GS, LDTR, TR, or CS as a far JMP at the current CPL
     * would) through the descriptor checks: null when loaded, else the fault the guest would have
     * got ("#GP(error code 0x28)"), nothing changed.
     */
    default String loadSegment(int s, int selector) { return "this target cannot load segment registers"; }

    /** Writes segment register {@code s}'s selector and hidden cache as given (no checks); CS's RPL becomes the CPL. */
    default void setSegmentCache(int s, int selector, int base, int limit, int flags) {
        throw new UnsupportedOperationException("this target cannot write segment caches");
    }

    /**
     * Writes CR0, CR2, CR3 or CR4 as MOV to CRn does (CR3 flushes the TLB, CR0.PG and CR4.PSE/PAE/PGE
     * change translation): null when written, else the fault ("#GP(error code 0x0)"), nothing changed.
     */
    default String setControlRegister(int n, int value) { return "this target cannot write control registers"; }

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

    /**
     * Decodes as 32-bit code ({@code code32}, as {@link #disassemble(byte[], int, int, boolean)})
     * or as 16-bit code (real mode, virtual-8086 mode, a code segment with D=0), where
     * {@code address} is the instruction's offset in its code segment, so relative branch
     * targets come out as the IP they load.
     */
    default Disassembler.Decoded disassemble(byte[] code, int offset, int address, boolean intel, boolean code32) {
        return code32 ? disassemble(code, offset, address, intel) : Disassembler.disassemble(code, offset, address, intel, false);
    }

    /** Address of a kernel symbol, or null. */
    Integer symbol(String name);
    /** All kernel symbols by name. */
    Map<String, Integer> symbols();
    /** "kernel_main+0x1c" for an address inside a known symbol, else "0x%08x". */
    String describe(int address);

    /** The kernel's DWARF (source lines, functions, call frames), read on first use; {@link DebugInfo#NONE} when it has none. */
    default DebugInfo debugInfo() { return DebugInfo.NONE; }

    // ---- ports, keys, devices

    int in(int port, int size);
    void out(int port, int size, int value);

    /** Types a QEMU-style key combination ("ctrl-alt-delete", "a") on the keyboard controller. */
    void sendKey(String combination);

    /**
     * Bytes for serial port {@code port} (1 = COM1, 2 = COM2) to receive: they enter the UART's
     * receiver as it has room (RBR, LSR.DR, the receive interrupt) and are never overrun. Call it
     * while the guest is stopped or between run slices, as {@link #sendKey}.
     */
    default void sendSerial(int port, byte[] data) { throw new UnsupportedOperationException("this target has no serial ports"); }

    /** Whether {@link #systemReset} resets this target in place (else a front end boots afresh). */
    default boolean resettable() { return false; }

    /**
     * QEMU's {@code system_reset}, the same reset as a guest's request: RAM and CMOS kept, devices
     * and CPUs reset, the firmware, kernel or boot sector started again; the guest stays stopped at
     * its first instruction. Only when {@link #resettable}.
     */
    default void systemReset() { throw new UnsupportedOperationException("this target cannot be reset in place"); }

    /**
     * I/O ports no device decodes that the guest touched since the last call, each reported once
     * per machine (they read all ones and ignore writes).
     */
    default List<Integer> newUnknownPorts() { return List.of(); }

    /** Releases what the target holds on the host: its disk images are flushed and closed. Used once, at the end. */
    default void close() { }

    /** The views of the machine's devices ({@code info pic}, {@code info serial} ...), or null when this target has none. */
    default DeviceViews devices() { return null; }

    // ---- debugging state

    /** Watchpoints and the instruction history, or null when this target has no debugger. */
    default Debugger debugger() { return null; }

    /** Named snapshots and snapshot files of the whole machine ({@code savevm}/{@code loadvm}), or null when this target has none. */
    default Snapshots snapshots() { return null; }

    /** Reverse execution's checkpoints and recorded input, or null when this target cannot go back. */
    default Timeline timeline() { return null; }

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

    /** Stops the guest before it takes exception {@code vector} (0-31), or no longer: on CPU {@code cpu}, or every CPU when it is negative. */
    void setCatch(int vector, int cpu, boolean on);

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
