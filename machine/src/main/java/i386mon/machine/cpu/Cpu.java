package i386mon.machine.cpu;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.fault.CpuException;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.Mmu;

/**
 * The i386 CPU in real-address and protected mode: registers, lazy arithmetic flags, segment
 * caches, and the run loop (fetch through the decoded-instruction cache, execute, deliver
 * exceptions and interrupts). Instruction semantics live in {@link Executor}; what depends on the operating mode
 * (segment loads, far transfers, interrupt delivery) in the current {@link CpuMode}'s objects.
 */
public final class Cpu {
    public static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5, LDTR = 6, TR = 7;

    public static final int CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200,
            DF = 0x400, OF = 0x800, IOPL = 0x3000, NT = 0x4000, RF = 0x10000, VM = 0x20000, AC = 0x40000,
            ID = 0x200000;
    static final int ARITH = CF | PF | AF | ZF | SF | OF;

    public static final int CR0_PE = 1, CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_ET = 0x10, CR0_NE = 0x20,
            CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1 << 29, CR0_CD = 1 << 30, CR0_PG = 1 << 31;

    /** Why {@link #run} returned early. */
    public enum Stop { NONE, BREAKPOINT, HALTED, SHUTDOWN, EXCEPTION, REQUESTED }

    // ---- architectural state
    final int[] r = new int[8];
    int eip;
    /** EFLAGS; the arithmetic bits named in {@link #lazy} are stale and derived from the last op. */
    int flags = 2;
    int lazy;
    int lOp, lRes, lDst, lSrc, lSign;
    boolean lCarry;

    final int[] segSel = new int[8], segBase = new int[8], segLimit = new int[8], segAttr = new int[8];
    /** Per data segment: accesses need no limit/type check (flat expand-up read/write segment). */
    final boolean[] segFlat = new boolean[6];
    /**
     * Real-address mode: a data access checks only the segment's limit, not its type or P bit (the
     * attributes are whatever the last protected-mode load left; SDM vol. 3, 20.1.1). Set by {@link #selectMode}.
     */
    boolean limitChecksOnly;
    int gdtBase, gdtLimit, idtBase, idtLimit;
    int cr0 = CR0_PE | CR0_ET, cr2, cr3, cr4;
    long efer;
    final int[] dr = new int[8];
    long tscOffset;
    long microcodeSignature;
    int cpl;
    /** x87 state the kernel can see without full x87 (FNINIT/FNSTSW/FNSTCW/FLDCW). */
    int fpuControl = 0x37F, fpuStatus, fpuTag = 0xFFFF;

    // ---- execution state
    boolean halted, shutdown;
    /** An NMI handler runs: further NMIs wait until the next IRET (SDM vol. 3, 6.7.1). */
    boolean nmiBlocked;
    /** Something needs the loop's attention before the next instruction (IRQ check, halt, stop). */
    boolean attention;
    /** A timer was reprogrammed: return from {@link #run} at the next boundary (see {@link #timersChanged}). */
    private boolean endSlice;
    /** Interrupt shadow: IRQs are held off for this many more instruction boundaries (STI, MOV SS). */
    int irqShadow;
    /** The instruction being executed began with EFLAGS.TF set: a single-step #DB trap follows it. */
    boolean stepTrap;
    /** DR6.BS: the #DB was a single-step trap. */
    static final int DR6_BS = 1 << 14;
    /** The single-step trap (immutable, so one instance serves every step). */
    private static final CpuException SINGLE_STEP = CpuException.fault(CpuException.DB);
    /** Set from any thread; volatile so a compiled self-loop, which HotSpot may run without re-reading {@link #attention}, sees it. */
    volatile boolean stopRequested;
    Stop stop = Stop.NONE;
    /** A caught exception waiting to be delivered when the run resumes. */
    CpuException pendingException;
    CpuException lastException;
    int lastExceptionEip;
    /** Bit v set: stop before delivering exception vector v (catchpoints). */
    long catchMask;
    private BreakpointAddresses breakpoints;
    /** Debugging hooks (history, watchpoints); null costs one field check per instruction. */
    ExecutionObserver observer;
    private boolean skipBreakpointOnce;
    /** Instructions retired in the current {@link #run} slice (for RDTSC mid-slice). */
    long sliceRetired;
    /** Where the current {@link #run} slice ends: its budget, or sooner ({@link #endSliceAt}). */
    private long sliceEnd;
    long totalRetired;

    final PhysicalMemory mem;
    final Mmu mmu;
    final IoBus io;
    final VirtualClock clock;
    InterruptSource intr;
    /** IA32_APIC_BASE of this CPU's local APIC; null without one (MSR 0x1B then raises #GP). */
    ApicBaseRegister apicBase;
    final CodeCache code;
    final Msrs msrs = new Msrs(this);
    final ExceptionDelivery exceptions = new ExceptionDelivery(this);

    // ---- the operating mode's rules, installed by selectMode (no test of the mode per instruction)
    Segmentation segments;
    ControlTransfer transfers;
    InterruptDelivery interrupts;
    private OperatingMode operatingMode;
    private final CpuMode protectedMode, realMode, virtual8086Mode;

    public Cpu(PhysicalMemory mem, Mmu mmu, IoBus io, VirtualClock clock) {
        this.mem = mem;
        this.mmu = mmu;
        this.io = io;
        this.clock = clock;
        this.code = new CodeCache(this);
        mmu.setTranslationListener(() -> dispatchGen++);
        DescriptorTables tables = new DescriptorTables(this);
        InnerStacks stacks = new InnerStacks(this, tables);
        this.protectedMode = CpuMode.protectedMode(this, tables, stacks, new TaskSwitch(this, tables));
        this.realMode = CpuMode.realMode(this);
        this.virtual8086Mode = CpuMode.virtual8086(this, protectedMode.interrupts);
        reset();
    }

    public void setInterruptSource(InterruptSource s) { this.intr = s; }

    /** Wires this CPU's local APIC base MSR (0x1B) and its CPUID flag. */
    public void setApicBase(ApicBaseRegister r) { this.apicBase = r; }

    /** CPUID.1:EDX.APIC: a local APIC is wired and globally enabled. */
    boolean apicEnabled() { return apicBase != null && (apicBase.readApicBase() & ApicBaseRegister.ENABLE) != 0; }

    /**
     * The state a multiboot loader leaves (flat 32-bit segments, protection on, paging and
     * interrupts off), with the hidden parts of LDTR and TR at their reset values.
     */
    public void reset() {
        clearState(CR0_PE | CR0_ET);
        fpuControl = 0x37F;
        fpuStatus = 0;
        fpuTag = 0xFFFF;
        segmentsAtReset(0, 0);
        idtLimit = 0x3FF;
        controlChanged();
        attention = true;
    }

    /**
     * The state after RESET (SDM vol. 3, 9.1.1, table 9-1): real-address mode, CS:IP F000:FFF0 with
     * CS base 0xFFFF0000 (the first fetch is at 0xFFFFFFF0, the top of the 4 GiB space), EDX the
     * processor signature (CPUID.1:EAX), CR0 0x60000010 (CD, NW, ET), EFLAGS 2, every other general
     * register 0, segments of limit 0xFFFF, GDTR and IDTR base 0 limit 0xFFFF, DR6 0xFFFF0FF0, DR7
     * 0x400, the x87 unit as after RESET (control 0x40, tags 0x5555), not FINIT's state.
     */
    public void powerOnReset() {
        clearState(CR0_CD | CR0_NW | CR0_ET);
        r[EDX] = CpuIdentity.signature();
        eip = 0xFFF0;
        fpuControl = 0x40;
        fpuStatus = 0;
        fpuTag = 0x5555;
        segmentsAtReset(0xF000, 0xFFFF0000);
        idtLimit = 0xFFFF;
        controlChanged();
        attention = true;
    }

    /** What both resets share: registers, flags, control and debug registers, execution state. */
    private void clearState(int newCr0) {
        java.util.Arrays.fill(r, 0);
        eip = 0;
        flags = 2;
        lazy = 0;
        cr0 = newCr0;
        cr2 = cr3 = cr4 = 0;
        efer = 0;
        java.util.Arrays.fill(dr, 0);
        dr[6] = 0xFFFF0FF0;
        dr[7] = 0x400;
        cpl = 0;
        halted = shutdown = nmiBlocked = false;
        pendingException = null;
        lastException = null;
        exceptions.chainLength = 0;
        irqShadow = 0;
        stepTrap = false;
    }

    /** Segment caches of limit 0xFFFF (read/write data, CS readable code), LDTR and TR, GDTR base 0 limit 0xFFFF. */
    private void segmentsAtReset(int csSelector, int csBase) {
        for (int s = 0; s < 6; s++) setSegmentCache(s, 0, 0, 0xFFFF, 0x9300);
        setSegmentCache(CS, csSelector, csBase, 0xFFFF, 0x9B00);
        setSegmentCache(LDTR, 0, 0, 0xFFFF, 0x8200);
        setSegmentCache(TR, 0, 0, 0xFFFF, 0x8B00);
        gdtBase = 0;
        gdtLimit = 0xFFFF;
        idtBase = 0;
    }

    // ---- public register API (for loaders, the monitor and tests)

    public int reg(int i) { return r[i]; }

    public void setReg(int i, int v) { r[i] = v; }

    public int eip() { return eip; }

    public void setEip(int v) { eip = v; }

    /** EFLAGS with every arithmetic flag evaluated. */
    public int eflags() { return materialize(); }

    public void setEflags(int v) {
        flags = (v & 0x003F7FD5) | 2;
        lazy = 0;
        attention = true;
        selectMode();
    }

    public int segSelector(int s) { return segSel[s]; }

    public int segBase(int s) { return segBase[s]; }

    public int segLimit(int s) { return segLimit[s]; }

    /** The descriptor's attribute bits as QEMU shows them (high dword without base bits, e.g. 0x00cf9300). */
    public int segFlags(int s) { return segAttr[s]; }

    public int gdtrBase() { return gdtBase; }

    public int gdtrLimit() { return gdtLimit; }

    public int idtrBase() { return idtBase; }

    public int idtrLimit() { return idtLimit; }

    public void setGdtr(int base, int limit) { gdtBase = base; gdtLimit = limit & 0xFFFF; }

    public void setIdtr(int base, int limit) { idtBase = base; idtLimit = limit & 0xFFFF; }

    public int cr0() { return cr0; }

    public int cr2() { return cr2; }

    public int cr3() { return cr3; }

    public int cr4() { return cr4; }

    public long efer() { return efer; }

    public int dr(int i) { return dr[i]; }

    public int cpl() { return cpl; }

    public boolean halted() { return halted; }

    public boolean shutdown() { return shutdown; }

    public Mmu mmu() { return mmu; }

    public PhysicalMemory memory() { return mem; }

    /** Why the last {@link #run} stopped early. */
    public Stop stopReason() { return stop; }

    /** The exception being delivered when the CPU stopped (catchpoint) or shut down (triple fault). */
    public CpuException lastException() { return lastException; }

    /** EIP of the instruction that raised {@link #lastException()}. */
    public int lastExceptionEip() { return lastExceptionEip; }

    /**
     * The exceptions of the last exception delivery, in order: each vector whose delivery was
     * attempted and, after a triple fault, the one that shut the CPU down (e.g. 14, 8, 13).
     */
    public int[] faultChain() { return java.util.Arrays.copyOf(exceptions.chain, exceptions.chainLength); }

    /** The error code of each {@link #faultChain()} step (-1: the exception has none). */
    public int[] faultChainErrorCodes() { return java.util.Arrays.copyOf(exceptions.chainErrors, exceptions.chainLength); }

    /**
     * Stop before delivering exception {@code vector} (a catchpoint); false removes it. Only the
     * exception vectors 0-31 can be caught: INT n and IRQs are not exceptions.
     */
    public void setCatch(int vector, boolean on) {
        if (vector < 0 || vector > 31) throw new IllegalArgumentException("catchpoint vector must be an exception vector 0-31, not " + vector);
        if (on) catchMask |= 1L << vector; else catchMask &= ~(1L << vector);
    }

    public void setBreakpoints(BreakpointAddresses b) { this.breakpoints = b; }

    /**
     * The next instruction runs even if a breakpoint is set on it, as EFLAGS.RF does for debug
     * faults (SDM vol. 3, 17.3.1.1). A breakpoint stop sets this itself; a debugger's run control
     * sets it to resume from a breakpoint the CPU did not stop at (EIP moved onto it).
     */
    public void skipBreakpointOnce() { skipBreakpointOnce = true; }

    /** Total instructions this CPU has retired. */
    public long retired() { return totalRetired + sliceNow(); }

    /**
     * Instructions retired in this slice as an instruction being executed sees it: inside a compiled
     * block, the count before the instruction whose handler is running (as the interpreter counts).
     */
    long sliceNow() { return inCompiled ? sliceRetired + jitRetired : sliceRetired; }

    /** True while a compiled block runs; {@link #jitRetired} then counts its instructions before the current one. */
    boolean inCompiled;

    /** Sets CR0/CR3/CR4/EFER directly (loaders, the monitor), with the MMU told. */
    public void setControlRegisters(int cr0, int cr3, int cr4, long efer) {
        this.cr0 = cr0;
        this.cr3 = cr3;
        this.cr4 = cr4;
        this.efer = efer;
        controlChanged();
    }

    /** Loads a segment register from a descriptor image, as a loader does (no checks). */
    public void loadFlatSegment(int s, int selector, long descriptor) {
        int lo = (int) descriptor, hi = (int) (descriptor >>> 32);
        setSegmentCache(s, selector, Descriptor.base(lo, hi), Descriptor.limit(hi, lo), Descriptor.attr(hi));
        if (s == CS) cpl = selector & 3;
        controlChanged();
    }

    /**
     * Loads segment register {@code s} as real mode does, for a loader: the selector and a base of
     * {@code selector << 4}; the limit and attributes stay (0xFFFF and read/write after a reset).
     */
    public void setRealModeSegment(int s, int selector) {
        selector &= 0xFFFF;
        setSegmentCache(s, selector, selector << 4, segLimit[s], segAttr[s]);
    }

    /** True while an exception stopped at a catchpoint waits to be delivered when the run resumes. */
    public boolean exceptionPending() { return pendingException != null; }

    /**
     * Delivers the exception a catchpoint stopped before, and nothing more: EIP is then the
     * handler's first instruction (a debugger's step at a caught exception stops there, as Bochs
     * and gdb do). Returns the vector delivered last (#DF when the delivery double-faulted), or
     * -1 if none was pending; afterwards {@link #shutdown()} or {@link #exceptionPending()} (a
     * catchpoint on the exception the delivery raised) may be true instead.
     */
    public int deliverPendingException() {
        CpuException ex = pendingException;
        if (ex == null) return -1;
        pendingException = null;
        stop = Stop.NONE;
        exceptions.deliver(ex);
        return exceptions.chain[exceptions.chainLength - 1];
    }

    /** Requests the run loop to stop at the next instruction boundary; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        attention = true;
    }

    /** Forgets a stop request not yet acted on (the machine already stopped for its own reason). */
    public void cancelStopRequest() { stopRequested = false; }

    /** Installs the debugging hooks told of each instruction and each delivery; null removes them. */
    public void setObserver(ExecutionObserver o) { this.observer = o; }

    /** True if {@link #requestStop()} was called and the run has not stopped for it yet. */
    public boolean stopPending() { return stopRequested; }

    /** Called by devices (PIC) when the interrupt line may have changed. */
    public void interruptLineChanged() { attention = true; }

    /**
     * Called by a device whose timer was reprogrammed by the guest (the local APIC timer): ends
     * the run slice at the next instruction boundary so the machine recomputes it up to the new
     * timer event, instead of running on to the event planned before.
     */
    public void timersChanged() {
        endSlice = true;
        attention = true;
    }

    /**
     * Ends the run slice under way once {@code retired} of its instructions have retired, if that is
     * sooner than its budget: the machine brings the slice's end forward to a timer event that
     * virtual time passing mid-slice made nearer. The attention request makes compiled code, which
     * carries its budget with it, return to the run loop, which reads the new end.
     */
    public void endSliceAt(long retired) {
        if (retired >= sliceEnd) return; // running code's budget already stops there
        sliceEnd = retired;
        attention = true;
    }

    // ---- run loop

    /**
     * Executes at most {@code max} instructions. Returns the number retired; {@link #stopReason()}
     * says why it returned early.
     */
    public long run(long max) {
        stop = Stop.NONE;
        sliceRetired = 0;
        sliceEnd = max;
        attention = true;
        final boolean anyBreakpoints = breakpoints != null && breakpoints.count() != 0;
        // History and watchpoints see every instruction: compiled blocks are not used while they are on.
        final ExecutionObserver observing = observer;
        // Chained compiled blocks skip the per-block checks below: when those come on, links made before go stale.
        boolean wasChaining = chaining;
        chaining = !anyBreakpoints && observing == null;
        if (wasChaining && !chaining) dispatchGen++;
        try {
            outer:
            while (sliceRetired < sliceEnd) {
                if (attention) {
                    if (serviceAttention()) break;
                }
                int start = eip;
                CodeCache.Block block;
                try {
                    block = code.blockAt(start);
                } catch (CpuException ex) { // fetching the block's first instruction faulted
                    if (observing != null) observing.beforeInstruction(start);
                    if (raise(ex)) break;
                    sliceRetired++;
                    continue;
                }
                Insn[] insns = block.insns;
                // Breakpoints cost only the blocks that hold one (the answer is cached per block),
                // or whose compiled method runs one in a block it joined (a callee, a branch region's)
                boolean checkBreakpoints = false;
                if (anyBreakpoints) {
                    if (block.breakpointGen != breakpoints.generation() || block.breakpointEip != start) {
                        Insn last = insns[insns.length - 1];
                        block.hasBreakpoint = block.compiled != null && block.compiledEip == start
                                ? block.compiled.anyBreakpointIn(breakpoints, segBase[CS])
                                : breakpoints.anyIn(segBase[CS] + start, last.off + last.len);
                        block.breakpointGen = breakpoints.generation();
                        block.breakpointEip = start;
                    }
                    checkBreakpoints = block.hasBreakpoint || skipBreakpointOnce;
                }
                CompiledBlock compiled = block.compiled;
                if (compiled != null && block.compiledEip == start && !checkBreakpoints && observing == null && !attention
                        && sliceEnd - sliceRetired >= compiled.length) {
                    long before = sliceRetired;
                    jitRetired = 0;
                    chainLeft = CHAIN_DEPTH;
                    inCompiled = true;
                    long done;
                    try {
                        done = compiled.run(this, insns, Math.min(sliceEnd - sliceRetired, COMPILED_SLICE));
                    } catch (CpuException ex) {
                        inCompiled = false;
                        sliceRetired += jitRetired;
                        eip = jitAt;
                        if (raise(ex)) break;
                        sliceRetired++;
                        continue;
                    }
                    inCompiled = false;
                    // the last block chained returns its own count; the ones before it added theirs to sliceRetired
                    sliceRetired += done;
                    if ((sliceRetired - before >= 64 || (sliceRetired & 0xFFF) < 64) && stopRequested) attention = true;
                    continue;
                }
                if (++block.executions == BlockCompiler.THRESHOLD && compiler && block.cacheable && code.mayCompile()) {
                    block.compiled = BlockCompiler.compile(code, block, start, segBase[CS]);
                    block.breakpointGen = -1; // its breakpoint answer now covers the joined blocks too
                    block.compiledEip = start;
                    if (block.compiled != null) compiledBlocks++;
                }
                for (int k = 0; k < insns.length; k++) {
                    Insn i = insns[k];
                    int at = start + i.off;
                    if (checkBreakpoints && breakpointHit(at)) {
                        eip = at;
                        stepTrap = false; // the instruction did not run; resuming re-arms the trap
                        break outer;
                    }
                    if (observing != null) observing.beforeInstruction(at);
                    int next = at + i.len;
                    eip = next;
                    try {
                        if (i.op.fast) FastOps.execute(this, i); else Executor.execute(this, i);
                    } catch (CpuException ex) {
                        eip = at;
                        if (raise(ex)) break outer; // stopped before delivery (catchpoint) or shut down: nothing retired
                        sliceRetired++;
                        continue outer;
                    }
                    sliceRetired++;
                    // Leave the block on a taken branch (or a repeat), a request for attention, or the budget.
                    if (eip != next || attention || sliceRetired >= sliceEnd) break;
                }
                // 16-bit code that ran off offset 0xFFFF goes on at 0: IP is 16 bits wide (SDM vol. 3, 20.1.1).
                if (block.wrapsIp && eip == 0x10000) eip = 0;
                if ((sliceRetired & 0xFFF) < 64 && stopRequested) attention = true;
            }
            return sliceRetired;
        } finally {
            inCompiled = false;
            totalRetired += sliceRetired;
            sliceRetired = 0;
        }
    }

    private boolean breakpointHit(int start) {
        if (skipBreakpointOnce) { skipBreakpointOnce = false; return false; }
        if (breakpoints.contains(segBase[CS] + start)) {
            stop = Stop.BREAKPOINT;
            skipBreakpointOnce = true; // resuming steps over the breakpoint that stopped us
            return true;
        }
        return false;
    }

    /** Handles stop requests, pending exceptions, interrupts and HLT. Returns true to stop the run. */
    private boolean serviceAttention() {
        attention = false;
        if (stopRequested) {
            stopRequested = false;
            stop = Stop.REQUESTED;
            return true;
        }
        if (shutdown) {
            stop = Stop.SHUTDOWN;
            return true;
        }
        if (endSlice) {
            endSlice = false;
            attention = true; // the next slice starts by servicing the rest (its run sets attention anyway)
            return true;
        }
        if (pendingException != null) {
            CpuException ex = pendingException;
            pendingException = null;
            if (exceptions.deliver(ex)) return true;
        }
        if (stepTrap) {
            // Single-step trap of the instruction just executed: above INTR in priority (SDM vol. 3, 6.9).
            stepTrap = false;
            dr[6] |= DR6_BS;
            if (raise(SINGLE_STEP)) return true;
        }
        if (irqShadow > 0) {
            irqShadow--;
            attention = true;
        } else if (!nmiBlocked && intr != null && intr.takeNmi()) {
            // NMI: not maskable by IF, above INTR in priority (SDM vol. 3, 6.9); the next waits for IRET.
            halted = false;
            nmiBlocked = true;
            try {
                interrupts.deliver(CpuException.NMI, 0, false, InterruptDelivery.HARDWARE, eip);
            } catch (CpuException ex) {
                if (raise(ex)) return true;
            }
            attention = true;
        } else if ((flags & IF) != 0 && intr != null && intr.hasInterrupt()) {
            int vector = intr.acknowledge();
            halted = false;
            try {
                interrupts.deliver(vector, 0, false, InterruptDelivery.HARDWARE, eip);
            } catch (CpuException ex) {
                if (raise(ex)) return true;
            }
            attention = true;
        }
        if (halted) {
            stop = Stop.HALTED;
            attention = true;
            return true;
        }
        if ((flags & TF) != 0) {
            // The next instruction begins with TF set: trap after it (SDM vol. 3, 17.3.1.4). Costs
            // nothing while TF is clear: POPF, IRET and delivery all raise attention.
            stepTrap = true;
            attention = true;
        }
        return false;
    }

    /**
     * Raises {@code ex} for the instruction at EIP: catchpoint check, then delivery with the
     * double- and triple-fault rules ({@link ExceptionDelivery}). Returns true to stop.
     */
    boolean raise(CpuException ex) {
        if (ex.vector == CpuException.PF) cr2 = ex.linearAddress;
        lastException = ex;
        lastExceptionEip = eip;
        exceptions.begin(ex);
        if (caught(ex)) return true;
        return exceptions.deliver(ex);
    }

    /** If {@code ex} has a catchpoint: keeps it pending, to be delivered when the run resumes, and stops. */
    boolean caught(CpuException ex) {
        if ((catchMask & (1L << ex.vector)) == 0) return false;
        pendingException = ex;
        stop = Stop.EXCEPTION;
        attention = true;
        return true;
    }

    // ---- lazy flags (the result and operands of the last arithmetic op give CF..OF on demand)

    static final int L_ADD = 0, L_ADC = 1, L_SUB = 2, L_SBB = 3, L_LOGIC = 4, L_INC = 5, L_DEC = 6;

    private static final boolean[] PARITY = new boolean[256];

    static {
        for (int i = 0; i < 256; i++) PARITY[i] = Integer.bitCount(i) % 2 == 0;
    }

    static int mask(int size) { return size == 4 ? -1 : size == 2 ? 0xFFFF : 0xFF; }

    static int signBit(int size) { return size == 4 ? 0x8000_0000 : size == 2 ? 0x8000 : 0x80; }

    /** Records an arithmetic result; all six flags become lazy (INC/DEC keep CF). */
    void setLazy(int op, int res, int dst, int src, int size) {
        int m = mask(size);
        if (op == L_INC || op == L_DEC) {
            if ((lazy & CF) != 0) flags = (flags & ~CF) | (cfLazy() ? CF : 0);
            lazy = ARITH & ~CF;
        } else {
            lazy = ARITH;
        }
        lOp = op;
        lRes = res & m;
        lDst = dst & m;
        lSrc = src & m;
        lSign = signBit(size);
    }

    /** A 32-bit arithmetic result: every flag lazy (the specialised handlers' {@link #setLazy}). */
    void lazy32(int op, int res, int dst, int src) {
        lOp = op;
        lRes = res;
        lDst = dst;
        lSrc = src;
        lSign = 0x8000_0000;
        lazy = ARITH;
    }

    /** A 32-bit logical result: CF = OF = 0, ZF SF PF from the result. */
    void logic32(int res) {
        lOp = L_LOGIC;
        lRes = res;
        lSign = 0x8000_0000;
        lazy = ARITH;
    }

    /** 32-bit INC/DEC: every flag but CF from the result; CF keeps its value. */
    void incDec32(int op, int res, int dst) {
        if ((lazy & CF) != 0) flags = (flags & ~CF) | (cfLazy() ? CF : 0);
        lOp = op;
        lRes = res;
        lDst = dst;
        lSrc = 1;
        lSign = 0x8000_0000;
        lazy = ARITH & ~CF;
    }

    /** A shift's 32-bit result: ZF SF PF lazy from it, CF and OF given, AF cleared. */
    void result32(int res, boolean cf, boolean of) {
        lOp = L_LOGIC;
        lRes = res;
        lSign = 0x8000_0000;
        lazy = PF | ZF | SF;
        flags = (flags & ~(CF | OF | AF)) | (cf ? CF : 0) | (of ? OF : 0);
    }

    /** Rotates: only CF and OF change; the other flags keep whatever (lazy) value they have. */
    void carryOverflow(boolean cf, boolean of) {
        flags = (flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
        lazy &= ~(CF | OF);
    }

    /** Result-only flags (ZF SF PF) lazy from {@code res}; CF OF AF given explicitly. */
    void setResultFlags(int res, int size, boolean cf, boolean of) {
        lOp = L_LOGIC;
        lRes = res & mask(size);
        lSign = signBit(size);
        lazy = PF | ZF | SF;
        flags = (flags & ~(CF | OF | AF)) | (cf ? CF : 0) | (of ? OF : 0);
    }

    private boolean cfLazy() {
        switch (lOp) {
            case L_ADD: return Integer.compareUnsigned(lRes, lDst) < 0;
            case L_ADC: return Integer.compareUnsigned(lRes, lDst) < 0 || lCarry && lRes == lDst;
            case L_SUB: return Integer.compareUnsigned(lDst, lSrc) < 0;
            case L_SBB: return Integer.compareUnsigned(lDst, lSrc) < 0 || lCarry && lDst == lSrc;
            default: return false;
        }
    }

    private boolean ofLazy() {
        switch (lOp) {
            case L_ADD: case L_ADC: case L_INC: return ((lDst ^ lRes) & (lSrc ^ lRes) & lSign) != 0;
            case L_SUB: case L_SBB: case L_DEC: return ((lDst ^ lSrc) & (lDst ^ lRes) & lSign) != 0;
            default: return false;
        }
    }

    boolean cf() { return (lazy & CF) != 0 ? cfLazy() : (flags & CF) != 0; }

    boolean zf() { return (lazy & ZF) != 0 ? lRes == 0 : (flags & ZF) != 0; }

    boolean sf() { return (lazy & SF) != 0 ? (lRes & lSign) != 0 : (flags & SF) != 0; }

    boolean of() { return (lazy & OF) != 0 ? ofLazy() : (flags & OF) != 0; }

    boolean pf() { return (lazy & PF) != 0 ? PARITY[lRes & 0xFF] : (flags & PF) != 0; }

    boolean af() { return (lazy & AF) != 0 ? lOp != L_LOGIC && ((lDst ^ lSrc ^ lRes) & 0x10) != 0 : (flags & AF) != 0; }

    /** Folds the lazy flags into {@link #flags} and returns EFLAGS. */
    int materialize() {
        if (lazy != 0) {
            int f = flags & ~lazy, l = 0;
            if (cf()) l |= CF;
            if (pf()) l |= PF;
            if (af()) l |= AF;
            if (zf()) l |= ZF;
            if (sf()) l |= SF;
            if (of()) l |= OF;
            flags = f | (l & lazy);
            lazy = 0;
        }
        return flags;
    }

    void setFlag(int bit, boolean on) {
        materialize();
        flags = on ? flags | bit : flags & ~bit;
    }

    /**
     * EFLAGS written by POPF or IRET: IOPL only at CPL 0, IF only at CPL <= IOPL (SDM vol. 2, POPF);
     * VM and RF are never set by POPF, and VM not by this at all, so the operating mode stays.
     */
    void writeFlags(int v, int atCpl, int sizeMask, boolean iret) {
        int old = materialize();
        int iopl = (old >>> 12) & 3;
        int writable = CF | PF | AF | ZF | SF | TF | DF | OF | NT | AC | ID;
        if (iret) writable |= RF;
        if (atCpl == 0) writable |= IOPL | IF;
        else if (atCpl <= iopl) writable |= IF;
        writable &= sizeMask;
        flags = (old & ~writable) | (v & writable) | 2;
        attention = true;
    }

    /** Condition code {@code cc} (0-15, the Jcc/SETcc/CMOVcc encoding). */
    boolean cond(int cc) {
        if (lazy == ARITH && lSign == 0x8000_0000) {
            // Straight from the last 32-bit CMP/SUB or logical op, without forming the flags.
            if (lOp == L_SUB) {
                switch (cc) {
                    case 2: return Integer.compareUnsigned(lDst, lSrc) < 0;
                    case 3: return Integer.compareUnsigned(lDst, lSrc) >= 0;
                    case 4: return lRes == 0;
                    case 5: return lRes != 0;
                    case 6: return Integer.compareUnsigned(lDst, lSrc) <= 0;
                    case 7: return Integer.compareUnsigned(lDst, lSrc) > 0;
                    case 12: return lDst < lSrc;
                    case 13: return lDst >= lSrc;
                    case 14: return lDst <= lSrc;
                    case 15: return lDst > lSrc;
                    default: break;
                }
            } else if (lOp == L_LOGIC) {
                switch (cc) {
                    case 4: return lRes == 0;
                    case 5: return lRes != 0;
                    case 8: case 12: return lRes < 0;
                    case 9: case 13: return lRes >= 0;
                    case 14: return lRes <= 0;
                    case 15: return lRes > 0;
                    default: break;
                }
            } else if (cc == 4 || cc == 5) {
                return (lRes == 0) == (cc == 4);
            }
        }
        boolean v;
        switch (cc >>> 1) {
            case 0: v = of(); break;
            case 1: v = cf(); break;
            case 2: v = zf(); break;
            case 3: v = cf() || zf(); break;
            case 4: v = sf(); break;
            case 5: v = pf(); break;
            case 6: v = sf() != of(); break;
            default: v = zf() || sf() != of(); break;
        }
        return ((cc & 1) != 0) != v;
    }

    // ---- registers by size

    int reg8(int i) { return i < 4 ? r[i] & 0xFF : (r[i - 4] >>> 8) & 0xFF; }

    void setReg8(int i, int v) {
        if (i < 4) r[i] = (r[i] & 0xFFFFFF00) | (v & 0xFF);
        else r[i - 4] = (r[i - 4] & 0xFFFF00FF) | (v & 0xFF) << 8;
    }

    void setReg16(int i, int v) { r[i] = (r[i] & 0xFFFF0000) | (v & 0xFFFF); }

    int regSized(int i, int size) { return size == 4 ? r[i] : size == 2 ? r[i] & 0xFFFF : reg8(i); }

    void setRegSized(int i, int size, int v) {
        if (size == 4) r[i] = v; else if (size == 2) setReg16(i, v); else setReg8(i, v);
    }

    // ---- segment caches

    /** Where a compiled block's instruction faulted, and how many of its instructions retired before. */
    int jitAt;
    long jitRetired;
    /**
     * Most instructions one call of a compiled block may retire: a self-loop returns to the run loop
     * at least this often, which then reads {@link #stopRequested}. The loop itself reads no volatile
     * field, which would keep HotSpot from hoisting the loop body's field loads.
     */
    static final long COMPILED_SLICE = 1 << 16;
    /** Hot blocks are compiled to JVM bytecode (off only to compare against pure interpretation). */
    boolean compiler = !Boolean.getBoolean("i386mon.interpret");

    /** Turns compilation of hot blocks on or off (pure interpretation gives identical results, slower). */
    public void setCompilerEnabled(boolean on) { compiler = on; }

    /** Number of blocks compiled so far. */
    public int compiledBlocks() { return compiledBlocks; }

    private int compiledBlocks;

    /**
     * Bumped whenever the block at an EIP may have changed: a CS load or CPL change (how code is
     * fetched), a TLB flush or invalidation (where it is fetched from), a write into cached code or
     * a cache flush (what is fetched), and a run with breakpoints or observers (no chaining). The
     * dispatch table's entries and the compiled blocks' chain links hold only while it is unchanged.
     */
    int dispatchGen;
    /** Compiled blocks may call their successors directly (off while breakpoints or an observer must see each block). */
    boolean chaining;
    /** Chained calls left before a compiled block must return to the run loop (bounds the Java stack; -Di386mon.chainDepth=0: no chaining, to compare). */
    int chainLeft;
    static final int CHAIN_DEPTH = Integer.getInteger("i386mon.chainDepth", 32);

    void setSegmentCache(int s, int sel, int base, int limit, int attr) {
        if (s == CS) dispatchGen++;
        segSel[s] = sel & 0xFFFF;
        segBase[s] = base;
        segLimit[s] = limit;
        segAttr[s] = attr;
        if (s < 6) {
            int type = (attr >>> 8) & 0xF;
            boolean present = (attr & 0x8000) != 0, data = (attr & 0x1000) != 0 && (type & 8) == 0;
            boolean writable = (type & 2) != 0, expandDown = (type & 4) != 0;
            // Flat: any access of any size needs no limit/type check (SDM vol. 3, 5.3 and 5.5 checks all pass).
            segFlat[s] = s != CS && present && data && writable && !expandDown && limit == -1;
        }
    }


    /** Linear address for a data read of {@code size} bytes at seg:off, with protection checks. */
    int linRead(int s, int off, int size) {
        if (segFlat[s]) return segBase[s] + off;
        return SegmentChecks.checkData(this, s, off, size, false);
    }

    int linWrite(int s, int off, int size) {
        if (segFlat[s]) return segBase[s] + off;
        return SegmentChecks.checkData(this, s, off, size, true);
    }

    // ---- memory by segment:offset

    int read8(int s, int off) { return mmu.read8(linRead(s, off, 1)); }

    int read16(int s, int off) { return mmu.read16(linRead(s, off, 2)) & 0xFFFF; }

    int read32(int s, int off) { return mmu.read32(linRead(s, off, 4)); }

    int readSized(int s, int off, int size) {
        return size == 4 ? read32(s, off) : size == 2 ? read16(s, off) : read8(s, off);
    }

    void write8(int s, int off, int v) { mmu.write8(linWrite(s, off, 1), v); }

    void write16(int s, int off, int v) { mmu.write16(linWrite(s, off, 2), v); }

    void write32(int s, int off, int v) { mmu.write32(linWrite(s, off, 4), v); }

    void writeSized(int s, int off, int size, int v) {
        if (size == 4) write32(s, off, v); else if (size == 2) write16(s, off, v); else write8(s, off, v);
    }

    // ---- stack

    boolean stack32() { return (segAttr[SS] & 0x400000) != 0; }

    int sp() { return stack32() ? r[ESP] : r[ESP] & 0xFFFF; }

    /** True if SS is flat (see {@link #segFlat}) and 32-bit: {@link #push32}'s inline case, compiled code's too. */
    boolean flatStack32() { return segFlat[SS] && stack32(); }

    void setSp(int v) {
        if (stack32()) r[ESP] = v; else setReg16(ESP, v);
    }

    void push(int v, int size) {
        int nsp = sp() - size;
        if (!stack32()) nsp &= 0xFFFF;
        if (size == 4) write32(SS, nsp, v); else write16(SS, nsp, v);
        setSp(nsp);
    }

    void push32(int v) {
        if (flatStack32()) {
            int nsp = r[ESP] - 4;
            mmu.write32(segBase[SS] + nsp, v);
            r[ESP] = nsp;
        } else {
            push(v, 4);
        }
    }

    int pop(int size) {
        int v = size == 4 ? read32(SS, sp()) : read16(SS, sp());
        setSp(sp() + size);
        return v;
    }

    /** Reads the stack at offset {@code delta} from the top without popping. */
    int peekStack(int delta, int size) {
        int a = sp() + delta;
        if (!stack32()) a &= 0xFFFF;
        return size == 4 ? read32(SS, a) : read16(SS, a);
    }

    // ---- control registers

    /** Tells the MMU and the decode cache that CR0/CR3/CR4/EFER or CPL changed. */
    void controlChanged() {
        mmu.setControl(cr0, cr3, cr4, efer);
        mmu.setCpl(cpl);
        selectMode();
    }

    /** Installs the rules of the mode CR0.PE and EFLAGS.VM select; called wherever either may change. */
    void selectMode() {
        operatingMode = OperatingMode.of(cr0, flags);
        limitChecksOnly = operatingMode == OperatingMode.REAL;
        CpuMode m = rulesOf(operatingMode);
        segments = m.segments;
        transfers = m.transfers;
        interrupts = m.interrupts;
    }

    /**
     * The rules the CPU applies in {@code mode}.
     */
    CpuMode rulesOf(OperatingMode mode) {
        switch (mode) {
            case REAL: return realMode;
            case VIRTUAL_8086: return virtual8086Mode;
            default: return protectedMode;
        }
    }

    /** The operating mode CR0.PE and EFLAGS.VM select. */
    OperatingMode operatingMode() { return operatingMode; }

    void setCpl(int newCpl) {
        dispatchGen++;
        cpl = newCpl;
        mmu.setCpl(newCpl);
    }

    /**
     * Instructions this CPU retired earlier in its turn of the round in progress (several CPUs:
     * the clock advances only at a round's end); the time-stamp counter counts them, so a turn
     * run in several slices reads the TSC as one run in a single slice would.
     */
    private long turnProgress;

    /** Set by the SMP scheduler before each slice of a turn (0 with one CPU, whose clock advances after every slice). */
    public void setTurnProgress(long instructions) { turnProgress = instructions; }

    /** The virtual time-stamp counter: virtual nanoseconds (a 1 GHz clock) plus WRMSR's offset. */
    long tsc() {
        return clock.nanos() + (turnProgress + sliceNow()) * clock.nanosPerInstruction() + tscOffset;
    }
}
