package i386mon.shell.session;

import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.Catchpoints;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.Debugger;
import i386mon.machine.debug.FaultExplainer;
import i386mon.machine.debug.FaultExplanation;
import i386mon.machine.debug.Hex;
import i386mon.machine.debug.RunControl;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.WatchHit;
import i386mon.machine.debug.Watchpoint;
import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.debug.dwarf.Function;
import i386mon.machine.debug.dwarf.SourceLine;
import i386mon.shell.expr.ExprContext;
import i386mon.shell.expr.ExprException;
import i386mon.shell.expr.Expression;
import i386mon.shell.format.DisassemblyLine;
import i386mon.shell.format.DisplayFormat;
import i386mon.shell.format.GuestMemory;
import i386mon.shell.format.ExecutionMode;
import i386mon.shell.format.SymbolicOperands;
import i386mon.shell.format.FaultText;
import i386mon.shell.format.FormatException;
import i386mon.shell.format.SelectorLookup;
import i386mon.shell.format.WatchText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One monitor session: the machine (once booted), what was booted, remembered formats,
 * breakpoints, serial output, how the guest last stopped and the batch exit status. Commands
 * run one at a time on one thread; only {@link #requestStop()} may come from another.
 */
public final class Session {
    /** The monitor's prompt, as QEMU's is "(qemu) ". */
    public static final String PROMPT = "(i386mon) ";

    /** Longest instruction on x86 (SDM Vol. 2 2.3.11): enough bytes to decode one. */
    public static final int MAX_INSTRUCTION = 15;

    private final MachineLoader loader;
    private PrintWriter out;
    private PrintWriter err;
    private final SerialCapture serial;
    private final DisplayFormat displayFormat = new DisplayFormat();
    private final ExitStatus exitStatus = new ExitStatus();
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    /** Caught exception vectors, each with its condition (or null) and the one CPU it stops (or every CPU). */
    private final java.util.SortedMap<Integer, Catch> catches = new java.util.TreeMap<>();
    private record Catch(String condition, int cpu) { }
    private boolean catchTripleFault;
    private final List<Watch> watches = new ArrayList<>();
    private int historySize;
    private boolean colour;
    private int nextBreakpointNumber = 1;
    private BootRequest booted;
    private DebugTarget target;
    /** Run control of the current target: the machine decides, this session supplies its conditions. */
    private RunControl control;
    private StopReason lastStop;
    private volatile RunObserver runObserver;
    /** The terminal echoed ^C (a SIGINT in cooked mode) after the last thing we printed. */
    private volatile boolean interruptEchoed;
    /** True while a command runs or steps the guest: Ctrl-C then stops the guest, else it ends the output. */
    private volatile boolean guestRunning;
    private final RunLimits limits = new RunLimits();
    private final java.util.concurrent.ConcurrentLinkedQueue<String> pendingKeys = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Bytes typed for the serial port in serial-input mode, with their port, delivered between run slices. */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> pendingSerial = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** 0: typed keys go to the keyboard; 1 or 2: to COM1 or COM2 (serial-input mode). */
    private volatile int serialInputPort;
    /** While keys may arrive, the guest runs in slices this long, keys delivered between them. */
    private static final long KEY_SLICE = 100_000;

    /** Told when the guest starts and stops running freely (cont, run, expect serial...). */
    public interface RunObserver {
        void runStarting();

        void runEnded();
    }
    private boolean quit;
    private int scriptDepth;
    private boolean echo;
    private KernelSource kernelSource = KernelSource.FILES;
    private DebugInfo warned;
    private java.util.Set<Integer> transientStops = java.util.Set.of();
    private java.util.function.IntPredicate transientTest;
    private final SourceFiles sourceFiles = new SourceFiles();
    private final ListCursor listCursor = new ListCursor();
    private int selectedFrame;
    private int valueNumber;
    private final List<Display> displays = new ArrayList<>();
    private int nextDisplayNumber = 1;
    private BootRequest template = new BootRequest(null, null, "", java.util.List.of(), 128 << 20);
    private final MachineGate gate = new MachineGate();
    private RemoteDebugger remoteDebugger;
    private int outputWidth = i386mon.shell.format.WordWrap.DEFAULT_WIDTH;
    private GuestEvents guestEvents = GuestEvents.NONE;
    /** QEMU's -no-reboot: a guest's reset request stops the run instead of restarting the machine. */
    private boolean noReboot;

    public Session(MachineLoader loader, SerialCapture serial, PrintWriter out, PrintWriter err) {
        this.loader = loader;
        this.serial = serial;
        this.out = out;
        this.err = err;
        exitStatus.setLimits(limits);
    }

    /** The whole run's limits (--timeout, --max-instructions). */
    public RunLimits limits() { return limits; }

    /** Where command output and errors go from now on (the launcher learns it once its terminal is open). */
    public void setConsole(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public PrintWriter out() { return out; }

    /** The console's width in columns, for text that wraps (help): the terminal's at the prompt, else 80. */
    public int outputWidth() { return outputWidth; }
    public void setOutputWidth(int columns) { outputWidth = i386mon.shell.format.WordWrap.widthOr80(columns); }
    public MachineLoader loader() { return loader; }
    public PrintWriter err() { return err; }
    public SerialCapture serial() { return serial; }
    public DisplayFormat displayFormat() { return displayFormat; }
    public ExitStatus exitStatus() { return exitStatus; }

    /** Held by whichever front end (the REPL's dispatcher, the GDB stub) works on the machine. */
    public MachineGate gate() { return gate; }

    /** The GDB stub serving this session, or null. */
    public RemoteDebugger remoteDebugger() { return remoteDebugger; }
    public void setRemoteDebugger(RemoteDebugger d) { this.remoteDebugger = d; }

    /** The booted machine; a clear error when none is. */
    public DebugTarget target() {
        if (target == null) throw new CommandException("no kernel is loaded (use: load KERNEL)");
        return target;
    }

    public boolean hasTarget() { return target != null; }

    /** What was booted last, or null. */
    public BootRequest booted() { return booted; }

    /** How the guest last stopped since it was booted, or null when it has not run. */
    public StopReason lastStop() { return lastStop; }

    /** The machine was put back into a snapshot's state: the last stop no longer describes it. */
    public void snapshotLoaded() { lastStop = null; }

    /** The machine's watchpoints and history; a clear error on a target without a debugger. */
    public Debugger debugger() {
        Debugger d = target().debugger();
        if (d == null) throw new CommandException("this machine has no debugger");
        return d;
    }

    /** The explanation of the exception or triple fault the guest stopped on, or null when there is none. */
    public FaultExplanation explainFault() {
        FaultExplainer e = target().faultExplainer();
        if (e == null) throw new CommandException("this machine has no debugger");
        try {
            return e.explain();
        } catch (IllegalStateException none) {
            return null;
        }
    }

    /** Boots a kernel afresh: a new machine, breakpoints carried over, serial output forgotten. */
    public void boot(BootRequest request) {
        serial.unwatch();
        attach(request, loader.boot(request, serial::accept));
    }

    /** QEMU's {@code -no-reboot}: a guest's reset request stops the run (from the next boot on). */
    public void setNoReboot(boolean on) { noReboot = on; }

    /** Who hears of machine starts and unknown ports (the launcher's -d log); set before the first boot. */
    public void setGuestEvents(GuestEvents events) { guestEvents = events; }

    /** Takes over a machine booted from {@code request} elsewhere (the launcher boots in parallel). */
    public void attach(BootRequest request, DebugTarget t) {
        DebugTarget previous = target;
        if (target != null && target != t) target.close(); // its disk images are flushed before the new machine opens them
        serial.unwatch();
        serial.clear();
        RunControl rc = new RunControl(t);
        rc.breakpoints().decideWith(eip -> decideBreakpoint(true));
        rc.breakpoints().probeWith(eip -> decideBreakpoint(false));
        target = t;
        control = rc;
        booted = request;
        lastStop = null;
        exitStatus.guestReset();
        for (Breakpoint b : breakpoints) rc.breakpoints().add(b.address());
        catches.forEach((v, c) -> rc.catchpoints().add(v, c.cpu(), catchCondition(c.condition())));
        for (Watch w : watches) w.setMachineId(machineWatch(w.space(), w.address(), w.length(), w.access()));
        if (historySize > 0) debugger().setHistory(historySize);
        if (t.debugger() != null) {
            t.debugger().setStopOnGuestReset(noReboot);
            t.debugger().setResetListener(text -> guestResetting(t, text));
        }
        guestEvents.attached(previous, t);
    }

    /** The guest asked for a system reset, which happens next: a note line (the history marks it too). */
    private void guestResetting(DebugTarget t, String mark) {
        guestEvents.guestReset(t);
        freshLine();
        out.println("note: " + mark.substring("-- ".length()) + "; the machine restarts");
        out.flush();
    }

    /**
     * QEMU's {@code system_reset}: the machine resets in place as at a guest's request (RAM and
     * CMOS kept, what was started starts again) and stays stopped at its first instruction; a
     * target that cannot be reset in place is booted afresh.
     */
    public void systemReset() {
        DebugTarget t = target();
        if (!t.resettable()) {
            reboot();
            return;
        }
        guestEvents.guestReset(t);
        t.systemReset();
        lastStop = null;
        exitStatus.guestReset();
    }

    /** Boots what was booted last again. */
    public void reboot() {
        if (booted == null) throw new CommandException("no kernel is loaded (use: load KERNEL)");
        boot(booted);
    }

    /** Whether scripted commands are printed after the prompt before they run (for transcripts). */
    public boolean echo() { return echo; }
    public void setEcho(boolean echo) { this.echo = echo; }

    /** Prints a scripted command as if typed at the prompt, when echo is on. */
    public void echoCommand(String line) {
        if (!echo) return;
        freshLine();
        out.println(PROMPT + line);
    }

    /**
     * Notes that the terminal echoed ^C where the cursor was (the INT signal comes only in cooked
     * mode, which echoes it), so that the next line we print starts on a line of its own.
     */
    public void interruptEchoed() { interruptEchoed = true; }

    /** Ends a line of guest output, or an echoed ^C, that the monitor's next line would otherwise continue. */
    private void freshLine() {
        boolean echoed = interruptEchoed;
        interruptEchoed = false;
        if (echoed || serial.midLine()) {
            out.println();
            serial.lineEnded();
        }
    }

    /** Where {@code load} finds kernels by name. */
    public KernelSource kernelSource() { return kernelSource; }
    public void setKernelSource(KernelSource source) { this.kernelSource = source; }

    /** RAM size, command line and modules for a {@code load} before anything was booted. */
    public void setBootTemplate(BootRequest template) { this.template = template; }

    /** The RAM size, command line and modules of the last boot, else of the template. */
    public BootRequest bootSettings() { return booted != null ? booted : template; }

    public boolean quitRequested() { return quit; }

    /** How many scripts are running inside one another. */
    public int scriptDepth() { return scriptDepth; }
    public void enterScript() { scriptDepth++; }
    public void exitScript() { scriptDepth--; }
    public void requestQuit() { quit = true; }

    /** The end of the session: the machine's disk images are flushed and closed. */
    public void close() {
        if (target != null) target.close();
    }

    // ---- expressions

    public ExprContext exprContext() {
        return new ExprContext() {
            @Override public long register(String name) {
                return Registers.read(target(), name);
            }
            @Override public long symbol(String name) {
                if (target == null) throw new ExprException("unknown symbol: " + name + " (no kernel is loaded)");
                Integer a = target.symbol(name);
                if (a != null) return a & 0xFFFF_FFFFL;
                Function f = debugInfo().function(name); // a function only DWARF names (the symbol table may be stripped)
                if (f == null) throw new ExprException("unknown symbol: " + name);
                return f.entry();
            }
            @Override public long readVirtual32(long address) {
                return new GuestMemory(target()).readLinear32(address);
            }
            @Override public long segmented(long segment, long offset) {
                try {
                    return SelectorLookup.linear(target(), segment, offset);
                } catch (FormatException e) {
                    throw new ExprException(e.getMessage());
                }
            }
        };
    }

    /** Evaluates an expression; its errors become one-line command errors. */
    public long eval(String expression) {
        return Expression.evaluate(expression, exprContext());
    }

    // ---- breakpoints

    public List<Breakpoint> breakpoints() { return Collections.unmodifiableList(breakpoints); }

    public Breakpoint addBreakpoint(int address, String what, String condition, boolean temporary) {
        return addBreakpoint(address, what, condition, temporary, Breakpoint.ANY_CPU);
    }

    /** A breakpoint for CPU {@code cpu} only ({@link Breakpoint#ANY_CPU}: all); the CPU must exist when a machine runs. */
    public Breakpoint addBreakpoint(int address, String what, String condition, boolean temporary, int cpu) {
        // a malformed condition fails now; what it reads is read at each hit (it may not exist yet)
        if (condition != null) Expression.check(condition);
        checkCpu(cpu);
        Breakpoint b = new Breakpoint(nextBreakpointNumber++, address, what, condition, temporary, cpu);
        breakpoints.add(b);
        if (target != null) control.breakpoints().add(address);
        return b;
    }

    /** A breakpoint's or catchpoint's CPU must exist when a machine runs. */
    private void checkCpu(int cpu) {
        if (cpu != Breakpoint.ANY_CPU && (cpu < 0 || target != null && cpu >= target.cpuCount())) {
            throw new CommandException("no CPU " + cpu + (target == null ? "" : " (this machine has " + cpuRange() + ")"));
        }
    }

    public void deleteBreakpoint(Breakpoint b) {
        breakpoints.remove(b);
        if (target != null && breakpoints.stream().noneMatch(o -> o.address() == b.address())) {
            control.breakpoints().remove(b.address());
        }
    }

    /** "CPU 0 only" or "CPUs 0-3". */
    public String cpuRange() {
        int n = target().cpuCount();
        return n == 1 ? "CPU 0 only" : "CPUs 0-" + (n - 1);
    }

    public Breakpoint breakpoint(int number) {
        for (Breakpoint b : breakpoints) if (b.number() == number) return b;
        throw new CommandException("no breakpoint or watchpoint number " + number);
    }

    // ---- catchpoints

    /** Exception vectors the guest stops before taking. */
    public java.util.SortedSet<Integer> catches() { return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(catches.keySet())); }

    /** The condition of the catchpoint on {@code vector}, or null when it has none. */
    public String catchCondition(int vector) {
        Catch c = catches.get(vector);
        return c == null ? null : c.condition();
    }

    public void setCatch(int vector, boolean on) {
        setCatch(vector, on, null);
    }

    /** Sets (with an optional condition, checked at once) or removes the catchpoint on {@code vector}. */
    public void setCatch(int vector, boolean on, String condition) {
        setCatch(vector, on, condition, Breakpoint.ANY_CPU);
    }

    /** As {@link #setCatch(int, boolean, String)}, for CPU {@code cpu} only ({@link Breakpoint#ANY_CPU}: all). */
    public void setCatch(int vector, boolean on, String condition, int cpu) {
        if (condition != null) Expression.check(condition); // parsed now, evaluated at each exception
        if (on) checkCpu(cpu);
        if (on) catches.put(vector, new Catch(condition, cpu)); else catches.remove(vector);
        if (target == null) return;
        if (on) control.catchpoints().add(vector, cpu, catchCondition(condition));
        else control.catchpoints().remove(vector);
    }

    /** The one CPU the catchpoint on {@code vector} stops, or {@link Breakpoint#ANY_CPU}. */
    public int catchCpu(int vector) {
        Catch c = catches.get(vector);
        return c == null ? Breakpoint.ANY_CPU : c.cpu();
    }

    /** A catchpoint's condition as the machine asks it: the expression is non-zero (null: always). */
    private Catchpoints.Condition catchCondition(String condition) {
        return condition == null ? null : vector -> eval(condition) != 0;
    }

    /** Whether a triple fault stop prints its explanation (catch triplefault). */
    public boolean catchesTripleFault() { return catchTripleFault; }
    public void setCatchTripleFault(boolean on) { catchTripleFault = on; }

    // ---- watchpoints

    /** The watchpoints in the order they were set. */
    public List<Watch> watches() { return Collections.unmodifiableList(watches); }

    /** Sets a watchpoint, numbered from the breakpoints' sequence. */
    public Watch addWatch(Watchpoint.Space space, long address, int length, WatchAccess access) {
        if (length < 1) throw new CommandException("watch length must be at least 1: " + length);
        Watch w = new Watch(nextBreakpointNumber, space, address, length, access);
        if (target != null) w.setMachineId(machineWatch(space, address, length, access));
        nextBreakpointNumber++;
        watches.add(w);
        return w;
    }

    public void deleteWatch(Watch w) {
        watches.remove(w);
        if (target != null && w.machineId() >= 0) debugger().unwatch(w.machineId());
    }

    /** Sets the watchpoint on the machine and returns the machine's id for it. */
    private int machineWatch(Watchpoint.Space space, long address, int length, WatchAccess access) {
        Debugger d = debugger();
        try {
            Watchpoint w = switch (space) {
                case LINEAR -> d.watchLinear((int) address, length, access);
                case PHYSICAL -> d.watchPhysical(address, length, access);
                case PAGE_ENTRIES -> d.watchPageEntries((int) address);
            };
            return w.id();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** The watchpoint numbered {@code number}, or null. */
    public Watch watch(int number) {
        for (Watch w : watches) if (w.number() == number) return w;
        return null;
    }

    /** The machine's watchpoint behind {@code w}, or null without a machine. */
    public Watchpoint machineWatchpoint(Watch w) {
        if (target == null) return null;
        for (Watchpoint p : debugger().watchpoints().list()) if (p.id() == w.machineId()) return p;
        return null;
    }

    // ---- history

    /** Instruction history capacity, 0 when off; kept across boots. */
    public int historySize() { return historySize; }

    public void setHistorySize(int size) {
        if (size < 0) throw new CommandException("history size must not be negative: " + size);
        if (target != null) debugger().setHistory(size);
        historySize = size;
    }

    /** Whether output may use colour (a capable terminal, not batch, no NO_COLOR). */
    public boolean colour() { return colour; }
    public void setColour(boolean colour) { this.colour = colour; }

    // ---- run control

    /** The REPL's key forwarder, or null. */
    public void setRunObserver(RunObserver observer) { this.runObserver = observer; }

    /** Queues a key combination (QEMU sendkey names) for the running guest; safe from any thread. */
    public void queueKey(String combination) { pendingKeys.add(combination); }

    /** Where keys typed while the guest runs go: 0 the keyboard, 1 COM1, 2 COM2. */
    public int serialInputPort() { return serialInputPort; }

    public void setSerialInputPort(int port) {
        if (port < 0 || port > 2) throw new CommandException("serial input goes to COM1 or COM2, not COM" + port);
        serialInputPort = port;
    }

    /** Queues a typed byte for the serial-input port of the running guest; safe from any thread. */
    public void queueSerial(byte[] data) { pendingSerial.add(data); }

    private void deliverSerial(DebugTarget t) {
        int port = serialInputPort;
        for (byte[] b; (b = pendingSerial.poll()) != null; ) if (port != 0) t.sendSerial(port, b);
    }

    private void deliverKeys(DebugTarget t) {
        deliverSerial(t);
        for (String k; (k = pendingKeys.poll()) != null; ) {
            try {
                t.sendKey(k);
            } catch (IllegalArgumentException e) {
                // a key the keyboard cannot type: dropped, as a real keyboard would not have it
            }
        }
    }

    /** Asks the running guest to stop; safe from a signal handler thread. */
    public void requestStop() {
        RunControl rc = control;
        if (rc != null) rc.requestStop();
    }

    /**
     * Continues the guest until a stop that concerns the user: a breakpoint whose condition
     * holds, the guest's exit, a triple fault, a dead halt, the budget or a stop request. While
     * keys can arrive the guest runs in slices with the keys delivered between them.
     */
    public StopReason resume(long maxInstructions) {
        RunControl rc = control();
        RunObserver o = runObserver;
        if (target != null) deliverSerial(target);
        if (o != null) o.runStarting();
        guestRunning = true;
        try {
            if (o != null) {
                DebugTarget t = target;
                rc.sliceWith(KEY_SLICE, () -> {
                    deliverKeys(t);
                    serial.flush(); // a prompt or an echoed key need not end its line to be seen
                });
            }
            return stopped(limited(maxInstructions, StopReason.Kind.BUDGET, rc::resume));
        } finally {
            guestRunning = false;
            rc.sliceWith(0, null);
            pendingKeys.clear();
            if (target != null) deliverSerial(target); // the UART queues host bytes: typed text is never lost
            if (o != null) o.runEnded();
        }
    }

    /**
     * Single-steps until {@code condition} holds after an instruction (a software watchpoint),
     * stopping early at anything else that stops the guest or after {@code maxInstructions}.
     */
    public StopReason runUntil(String condition, long maxInstructions) {
        RunControl rc = control();
        Expression.check(condition); // a malformed condition fails before the guest moves
        String[] failure = new String[1];
        StopReason s = limited(maxInstructions, StopReason.Kind.BUDGET, allowed -> rc.until(() -> {
            try {
                return eval(condition) != 0;
            } catch (ExprException | CommandException e) {
                failure[0] = e.getMessage(); // as gdb: an error in testing the condition stops the guest
                return true;
            }
        }, condition, allowed));
        if (failure[0] != null) s = StopReason.of(StopReason.Kind.WATCHPOINT, "condition " + condition + " could not be tested: " + failure[0]);
        return stopped(s);
    }

    /** Executes up to {@code n} instructions, stopping early at anything but a plain step. */
    public StopReason step(long n) {
        return stopped(limited(n, StopReason.Kind.STEP, control()::step));
    }

    /**
     * Runs {@code run} for as many of {@code wanted} instructions as the run's instruction limit
     * still allows (none: the limit's stop at once); a run the limit cut short, ending as
     * {@code cutShort}, stops for the limit.
     */
    private StopReason limited(long wanted, StopReason.Kind cutShort, java.util.function.LongFunction<StopReason> run) {
        long allowed = limits.allowed(target.instructionsRetired(), wanted);
        if (allowed == 0) return limits.instructionLimitReached();
        guestRunning = true;
        try {
            StopReason s = run.apply(allowed);
            return s.kind() == cutShort && allowed < wanted ? limits.instructionLimitReached() : s;
        } finally {
            guestRunning = false;
        }
    }

    // ---- reverse execution

    /** Back {@code n} instructions by replay (reverse on must have recorded the past). */
    public StopReason reverseStep(long n) {
        return stopped(reversing(() -> control().reverseStep(n)));
    }

    /**
     * Back {@code n} source lines as gdb's reverse-step ({@code overCalls} false) or reverse-next
     * (true), each by one instruction where the code has no line information; stops early at the
     * start of the history.
     */
    public StopReason reverseStepLines(long n, boolean overCalls) {
        return stopped(reversing(() -> {
            StopReason s = StopReason.STEPPED;
            for (long i = 0; i < n && s.kind() == StopReason.Kind.STEP; i++) s = control().reverseStepLine(overCalls);
            return s;
        }));
    }

    /** Back to the previous breakpoint, watchpoint or catchpoint hit. */
    public StopReason reverseContinue() {
        return stopped(reversing(() -> control().reverseContinue()));
    }

    /** The last write to what {@code w} watches, the guest stopped right after it; null when the history holds none. */
    public WatchHit reverseWatch(Watchpoint w) {
        WatchHit h = reversing(() -> control().reverseWatch(w));
        lastStop = h == null ? lastStop : StopReason.of(StopReason.Kind.WATCHPOINT, h.toString());
        serial.flush();
        return h;
    }

    private static <T> T reversing(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** True while the guest runs or steps for a command (Ctrl-C stops it rather than the command's output). */
    public boolean guestRunning() { return guestRunning; }

    private RunControl control() {
        target();
        return control;
    }

    /**
     * The run control of the booted machine, for another front end (the GDB stub) that runs the
     * guest: the session's breakpoint and catchpoint conditions apply to its runs too.
     */
    public RunControl runControl() { return control(); }

    /** Records the stop, named for the user: a watch hit by its watchpoint's number. */
    public StopReason stopped(StopReason s) {
        s = limits.explain(nameWatchHit(s));
        lastStop = s;
        exitStatus.guestStopped(s);
        serial.flush();
        return s;
    }

    /** A watchpoint stop as "watchpoint N (what)", N being this session's number for it. */
    private StopReason nameWatchHit(StopReason s) {
        if (s.kind() != StopReason.Kind.WATCHPOINT) return s;
        WatchHit h = target.debugger() == null ? null : target.debugger().watchpoints().lastHit();
        // the machine's own watch stop describes the hit; a run-until condition is not a hit
        if (h == null || !s.description().equals(h.toString())) return s;
        for (Watch w : watches) {
            if (w.machineId() == h.watchpoint().id()) {
                w.hit();
                return StopReason.of(StopReason.Kind.WATCHPOINT, "watchpoint " + w.number() + " (" + WatchText.what(w.space(), w.address(), w.length()) + ")");
            }
        }
        return s;
    }

    /**
     * The breakpoint stop to report at EIP, or null when every condition there is false; with
     * {@code commit} false (reverse execution asking about the past) no hit is counted and no
     * temporary breakpoint deleted.
     */
    private StopReason decideBreakpoint(boolean commit) {
        int eip = target.eip();
        StopReason user = decideUserBreakpoint(eip, commit);
        if (user != null) return user;
        // a place finish/until/advance run to: it stops when its test holds (the right frame)
        if (transientStops.contains(eip) && transientTest != null && transientTest.test(eip)) return StopReason.of(StopReason.Kind.BREAKPOINT, REACHED);
        return null;
    }

    private StopReason decideUserBreakpoint(int eip, boolean commit) {
        Breakpoint chosen = null;
        List<Breakpoint> here = new ArrayList<>();
        for (Breakpoint b : breakpoints) if (b.address() == eip) here.add(b);
        if (here.isEmpty()) {
            if (transientStops.contains(eip)) return null;
            // a breakpoint the machine knows but the session does not (should not happen): report it as is
            return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");
        }
        for (Breakpoint b : here) {
            if (b.cpu() != Breakpoint.ANY_CPU && b.cpu() != target.selectedCpu()) continue; // another CPU's: not a hit
            if (b.condition() != null) {
                try {
                    if (eval(b.condition()) == 0) continue;
                } catch (ExprException | CommandException e) {
                    if (commit) b.hit();
                    return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint " + b.number()
                            + " (its condition failed: " + e.getMessage() + ")");
                }
            }
            if (commit) b.hit();
            if (chosen == null) chosen = b;
        }
        if (chosen == null) return null;
        if (chosen.temporary() && commit) deleteBreakpoint(chosen);
        return StopReason.of(StopReason.Kind.BREAKPOINT, (chosen.temporary() ? "temporary breakpoint " : "breakpoint ") + chosen.number());
    }

    /** The description of a stop at a place {@link #runTo} ran to. */
    public static final String REACHED = "reached";

    /**
     * Continues until the guest reaches one of {@code addresses} with {@code test} true there (a
     * recursive call's return to the same place is passed by), or stops for anything else first (a
     * breakpoint, a fault...). The addresses are not user breakpoints: nothing numbered is added.
     * A stop at one of them is a breakpoint stop described as {@link #REACHED}.
     */
    public StopReason runTo(java.util.Set<Integer> addresses, java.util.function.IntPredicate test) {
        RunControl rc = control();
        List<Integer> added = new ArrayList<>();
        for (int a : addresses) {
            if (!rc.breakpoints().contains(a)) {
                rc.breakpoints().add(a);
                added.add(a);
            }
        }
        transientStops = java.util.Set.copyOf(addresses);
        transientTest = test;
        try {
            return resume(Long.MAX_VALUE);
        } finally {
            transientStops = java.util.Set.of();
            transientTest = null;
            for (int a : added) if (breakpoints.stream().noneMatch(b -> b.address() == a)) rc.breakpoints().remove(a);
        }
    }

    /**
     * "0x0010011c (kernel_main+0x1c at main.c:42)": the symbol and the source line where known,
     * just the address when neither is.
     */
    public String where(int address) {
        String hex = "0x" + Hex.padded(address, 8);
        String sym = target().describe(address);
        if (sym == null || sym.isEmpty() || sym.equalsIgnoreCase(hex)) sym = null;
        SourceLine line = sourceLine(address);
        if (line == null) return sym == null ? hex : hex + " (" + sym + ")";
        return hex + " (" + (sym == null ? "" : sym + " at ") + line.shortText() + ")";
    }

    /** The linear address of the next instruction, CS.base + EIP (EIP itself in a flat 32-bit code segment). */
    public int pc() {
        DebugTarget t = target();
        return t.segBase(DebugTarget.SEG_CS) + t.eip();
    }

    /**
     * Decodes {@code code[0..]}, the bytes at linear {@code linear}, with the current code segment's
     * size: 32-bit code, or 16-bit code (real mode, virtual-8086 mode, CS.D=0) whose branch targets
     * are IPs in CS.
     */
    public Disassembler.Decoded decode(byte[] code, int linear, boolean intel) {
        DebugTarget t = target();
        if (ExecutionMode.code32(t)) return t.disassemble(code, 0, linear, intel);
        return t.disassemble(code, 0, linear - t.segBase(DebugTarget.SEG_CS), intel, false);
    }

    /** The mode to name in fault explanations: null in 32-bit protected mode, whose texts stay as they were. */
    public String modeName() {
        ExecutionMode m = ExecutionMode.of(target());
        return m == ExecutionMode.PROTECTED_32 ? null : m.text();
    }

    // ---- source level

    /** The kernel's DWARF; a warning about sections that could not be read is printed once. */
    public DebugInfo debugInfo() {
        DebugInfo d = target().debugInfo();
        if (d != warned) {
            warned = d;
            String w = d.warning();
            if (w != null) {
                freshLine();
                err.println(w);
            }
        }
        return d;
    }

    /** The source line of the code at {@code address}, or null when the kernel's DWARF does not know it. */
    public SourceLine sourceLine(int address) {
        return debugInfo().lineAt(address & 0xFFFF_FFFFL);
    }

    /** The frame {@code frame}, {@code up} and {@code down} selected since the last stop (0: the innermost). */
    public int selectedFrame() { return selectedFrame; }
    public void selectFrame(int level) { selectedFrame = level; }

    /** The next number for a value gdb would put in its value history ({@code finish}'s "$1 = ..."). */
    public int nextValueNumber() { return ++valueNumber; }

    /** The expressions shown at every stop, in the order they were added. */
    public List<Display> displays() { return Collections.unmodifiableList(displays); }

    public Display addDisplay(String expression, char format) {
        Expression.check(expression);
        Display d = new Display(nextDisplayNumber++, expression, format);
        displays.add(d);
        return d;
    }

    /** Removes display {@code number}; false when there is none. */
    public boolean removeDisplay(int number) {
        return displays.removeIf(d -> d.number() == number);
    }

    public void clearDisplays() { displays.clear(); }

    /** Prints every display, as gdb does after each stop ("1: $eax = 0x5"); one that fails says why. */
    public void printDisplays() {
        for (Display d : displays) d.print(this);
    }

    public void printDisplay(Display d) {
        d.print(this);
    }

    /** Prints why and where the guest stopped (after a plain step, the next instruction instead), then the displays. */
    public void printStop(StopReason s) {
        selectedFrame = 0;
        listCursor.reset();
        for (int port : target().newUnknownPorts()) {
            guestEvents.unknownPort(port);
            freshLine();
            out.println("note: I/O port 0x" + Integer.toHexString(port) + " was used; no device decodes it (reads give all ones, writes are ignored)");
        }
        if (s.kind() == StopReason.Kind.STEP) {
            if (interruptEchoed) freshLine();
            if (!s.equals(StopReason.STEPPED)) out.println(s.description()); // "delivered #PF through gate 14"
            printInstructionAt(pc());
            printDisplays();
            return;
        }
        freshLine();
        // with several CPUs the stop names the CPU that stopped (the machine selected it)
        String cpu = target().cpuCount() > 1 ? "CPU " + target().selectedCpu() + ": " : "";
        out.println(cpu + "Stopped: " + s.description() + " at " + where(pc()) + ExecutionMode.stopSuffix(target()));
        explainStop(s);
        printDisplays();
    }

    /** After the stop line: the fault explained, or what a watchpoint caught. */
    private void explainStop(StopReason s) {
        boolean fault = s.kind() == StopReason.Kind.EXCEPTION_CAUGHT || s.kind() == StopReason.Kind.TRIPLE_FAULT && catchTripleFault;
        boolean watch = s.kind() == StopReason.Kind.WATCHPOINT && s.description().startsWith("watchpoint ");
        if (!fault && !watch) return;
        try {
            if (fault) {
                FaultExplanation f = explainFault();
                if (f != null) FaultText.lines(f, this::where, this::instructionText, modeName()).forEach(out::println);
                return;
            }
            WatchHit h = debugger().watchpoints().lastHit();
            for (Watch w : watches) {
                if (h != null && w.machineId() == h.watchpoint().id()) {
                    WatchText.hit(h, w.space(), w.address(), this::where, this::instructionText).forEach(out::println);
                }
            }
        } catch (CommandException e) {
            // a machine without a debugger: the stop line alone
        }
    }

    /** The instruction at a linear address as "mnemonic operands", or why it cannot be read. */
    public String instructionText(int address) {
        DebugTarget t = target();
        byte[] code = new byte[MAX_INSTRUCTION];
        String why = new GuestMemory(t).readLinear(address & 0xFFFF_FFFFL, code, code.length);
        if (why != null) return "(unable to read memory: " + why + ")";
        Disassembler.Decoded insn = symbolic(decode(code, address, false));
        return insn.operands().isEmpty() ? insn.mnemonic() : insn.mnemonic() + " " + insn.operands();
    }

    /** Prints the instruction at a linear address in {@code x/i} form under its source line, or why it cannot be read. */
    public void printInstructionAt(int address) {
        DebugTarget t = target();
        byte[] code = new byte[MAX_INSTRUCTION];
        String why = new GuestMemory(t).readLinear(address & 0xFFFF_FFFFL, code, code.length);
        if (why != null) {
            out.println(String.format("0x%08x: unable to read memory (%s)", address, why));
            return;
        }
        Disassembler.Decoded insn = symbolic(decode(code, address, false));
        String heading = sourceHeading(address, null);
        if (heading != null) out.println(heading);
        for (String line : DisassemblyLine.format(address, code, 0, insn)) out.println(line);
    }

    /** {@code insn} with its direct call or jump target named ({@code call 0x100940 <kprintf>}). */
    public Disassembler.Decoded symbolic(Disassembler.Decoded insn) {
        if (!ExecutionMode.code32(target())) return insn; // 16-bit targets are IPs in CS, not addresses symbols name
        return SymbolicOperands.annotate(insn, a -> target().describe((int) a));
    }

    /**
     * The line a listing prints before the instruction at {@code address} when its source line is
     * not {@code previous}'s: "main.c:42: the source text" (without the text when the file cannot be
     * read); null when the line is the same or unknown.
     */
    public String sourceHeading(int address, SourceLine previous) {
        SourceLine l = sourceLine(address);
        if (l == null || previous != null && l.line() == previous.line() && l.file().equals(previous.file())) return null;
        String text = sourceFiles.line(l.file(), l.line());
        return text == null || text.isBlank() ? l.shortText() : l.shortText() + ": " + text.strip();
    }

    /** Where {@code list} left off; a stop starts it afresh at the stop's line. */
    public ListCursor listCursor() { return listCursor; }

    /** The kernel's source files as read from the host. */
    public SourceFiles sourceFiles() { return sourceFiles; }
}
