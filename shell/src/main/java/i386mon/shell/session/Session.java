package i386mon.shell.session;

import i386mon.machine.cpu.Disassembler;
import i386mon.machine.debug.Catchpoints;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.Debugger;
import i386mon.machine.debug.FaultExplainer;
import i386mon.machine.debug.FaultExplanation;
import i386mon.machine.debug.RunControl;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.WatchHit;
import i386mon.machine.debug.Watchpoint;
import i386mon.shell.expr.ExprContext;
import i386mon.shell.expr.ExprException;
import i386mon.shell.expr.Expression;
import i386mon.shell.format.DisassemblyLine;
import i386mon.shell.format.DisplayFormat;
import i386mon.shell.format.GuestMemory;
import i386mon.shell.format.FaultText;
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
    /** Caught exception vectors, each with its condition (or null). */
    private final java.util.SortedMap<Integer, String> catches = new java.util.TreeMap<>();
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
    private BootRequest template = new BootRequest(null, null, "", java.util.List.of(), 128 << 20);

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
    public MachineLoader loader() { return loader; }
    public PrintWriter err() { return err; }
    public SerialCapture serial() { return serial; }
    public DisplayFormat displayFormat() { return displayFormat; }
    public ExitStatus exitStatus() { return exitStatus; }

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

    /** Takes over a machine booted from {@code request} elsewhere (the launcher boots in parallel). */
    public void attach(BootRequest request, DebugTarget t) {
        serial.unwatch();
        serial.clear();
        RunControl rc = new RunControl(t);
        rc.breakpoints().decideWith(eip -> decideBreakpoint());
        target = t;
        control = rc;
        booted = request;
        lastStop = null;
        exitStatus.guestReset();
        for (Breakpoint b : breakpoints) rc.breakpoints().add(b.address());
        catches.forEach((v, condition) -> rc.catchpoints().add(v, catchCondition(condition)));
        for (Watch w : watches) w.setMachineId(machineWatch(w.space(), w.address(), w.length(), w.access()));
        if (historySize > 0) debugger().setHistory(historySize);
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
        if (interruptEchoed) {
            interruptEchoed = false;
            out.println();
            serial.lineEnded();
            return;
        }
        if (serial.midLine()) {
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

    // ---- expressions

    public ExprContext exprContext() {
        return new ExprContext() {
            @Override public long register(String name) {
                return Registers.read(target(), name);
            }
            @Override public long symbol(String name) {
                if (target == null) throw new ExprException("unknown symbol: " + name + " (no kernel is loaded)");
                Integer a = target.symbol(name);
                if (a == null) throw new ExprException("unknown symbol: " + name);
                return a & 0xFFFF_FFFFL;
            }
            @Override public long readVirtual32(long address) {
                return new GuestMemory(target()).readLinear32(address);
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
        // a malformed condition fails now; what it reads is read at each hit (it may not exist yet)
        if (condition != null) Expression.check(condition);
        Breakpoint b = new Breakpoint(nextBreakpointNumber++, address, what, condition, temporary);
        breakpoints.add(b);
        if (target != null) control.breakpoints().add(address);
        return b;
    }

    public void deleteBreakpoint(Breakpoint b) {
        breakpoints.remove(b);
        if (target != null && breakpoints.stream().noneMatch(o -> o.address() == b.address())) {
            control.breakpoints().remove(b.address());
        }
    }

    public Breakpoint breakpoint(int number) {
        for (Breakpoint b : breakpoints) if (b.number() == number) return b;
        throw new CommandException("no breakpoint or watchpoint number " + number);
    }

    // ---- catchpoints

    /** Exception vectors the guest stops before taking. */
    public java.util.SortedSet<Integer> catches() { return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(catches.keySet())); }

    /** The condition of the catchpoint on {@code vector}, or null when it has none. */
    public String catchCondition(int vector) { return catches.get(vector); }

    public void setCatch(int vector, boolean on) {
        setCatch(vector, on, null);
    }

    /** Sets (with an optional condition, checked at once) or removes the catchpoint on {@code vector}. */
    public void setCatch(int vector, boolean on, String condition) {
        if (condition != null) Expression.check(condition); // parsed now, evaluated at each exception
        if (on) catches.put(vector, condition); else catches.remove(vector);
        if (target == null) return;
        if (on) control.catchpoints().add(vector, catchCondition(condition));
        else control.catchpoints().remove(vector);
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

    private void deliverKeys(DebugTarget t) {
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
            long allowed = limits.allowed(target.instructionsRetired(), maxInstructions);
            if (allowed == 0) return stopped(limits.instructionLimitReached());
            StopReason s = rc.resume(allowed);
            if (s.kind() == StopReason.Kind.BUDGET && allowed < maxInstructions) s = limits.instructionLimitReached();
            return stopped(s);
        } finally {
            guestRunning = false;
            rc.sliceWith(0, null);
            pendingKeys.clear();
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
        StopReason s;
        long allowed = limits.allowed(target.instructionsRetired(), maxInstructions);
        if (allowed == 0) return stopped(limits.instructionLimitReached());
        guestRunning = true;
        try {
            s = rc.until(() -> {
                try {
                    return eval(condition) != 0;
                } catch (ExprException | CommandException e) {
                    failure[0] = e.getMessage(); // as gdb: an error in testing the condition stops the guest
                    return true;
                }
            }, condition, allowed);
        } finally {
            guestRunning = false;
        }
        if (s.kind() == StopReason.Kind.BUDGET && allowed < maxInstructions) s = limits.instructionLimitReached();
        if (failure[0] != null) s = StopReason.of(StopReason.Kind.WATCHPOINT, "condition " + condition + " could not be tested: " + failure[0]);
        return stopped(s);
    }

    /** Executes up to {@code n} instructions, stopping early at anything but a plain step. */
    public StopReason step(long n) {
        RunControl rc = control();
        long allowed = limits.allowed(target.instructionsRetired(), n);
        if (allowed == 0) return stopped(limits.instructionLimitReached());
        guestRunning = true;
        try {
            StopReason s = rc.step(allowed);
            if (s.kind() == StopReason.Kind.STEP && allowed < n) s = limits.instructionLimitReached();
            return stopped(s);
        } finally {
            guestRunning = false;
        }
    }

    /** True while the guest runs or steps for a command (Ctrl-C stops it rather than the command's output). */
    public boolean guestRunning() { return guestRunning; }

    private RunControl control() {
        target();
        return control;
    }

    /** Records the stop, named for the user: a watch hit by its watchpoint's number. */
    private StopReason stopped(StopReason s) {
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

    /** The breakpoint stop to report at EIP, or null when every condition there is false. */
    private StopReason decideBreakpoint() {
        int eip = target.eip();
        Breakpoint chosen = null;
        List<Breakpoint> here = new ArrayList<>();
        for (Breakpoint b : breakpoints) if (b.address() == eip) here.add(b);
        if (here.isEmpty()) {
            // a breakpoint the machine knows but the session does not (should not happen): report it as is
            return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");
        }
        for (Breakpoint b : here) {
            if (b.condition() != null) {
                try {
                    if (eval(b.condition()) == 0) continue;
                } catch (ExprException | CommandException e) {
                    b.hit();
                    return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint " + b.number()
                            + " (its condition failed: " + e.getMessage() + ")");
                }
            }
            b.hit();
            if (chosen == null) chosen = b;
        }
        if (chosen == null) return null;
        if (chosen.temporary()) deleteBreakpoint(chosen);
        return StopReason.of(StopReason.Kind.BREAKPOINT, (chosen.temporary() ? "temporary breakpoint " : "breakpoint ") + chosen.number());
    }

    /** "0x0010011c (kernel_main+0x1c)", or just the address when no symbol covers it. */
    public String where(int address) {
        String hex = String.format("0x%08x", address);
        String sym = target().describe(address);
        return sym == null || sym.isEmpty() || sym.equalsIgnoreCase(hex) ? hex : hex + " (" + sym + ")";
    }

    /** Prints why and where the guest stopped; after a plain step, the next instruction instead. */
    public void printStop(StopReason s) {
        for (int port : target().newUnknownPorts()) {
            freshLine();
            out.printf("note: I/O port 0x%x was used; no device decodes it (reads give all ones, writes are ignored)%n", port);
        }
        if (s.kind() == StopReason.Kind.STEP) {
            if (interruptEchoed) freshLine();
            if (!s.equals(StopReason.STEPPED)) out.println(s.description()); // "delivered #PF through gate 14"
            printInstructionAt(target().eip());
            return;
        }
        freshLine();
        out.println("Stopped: " + s.description() + " at " + where(target().eip()));
        explainStop(s);
    }

    /** After the stop line: the fault explained, or what a watchpoint caught. */
    private void explainStop(StopReason s) {
        boolean fault = s.kind() == StopReason.Kind.EXCEPTION_CAUGHT || s.kind() == StopReason.Kind.TRIPLE_FAULT && catchTripleFault;
        boolean watch = s.kind() == StopReason.Kind.WATCHPOINT && s.description().startsWith("watchpoint ");
        if (!fault && !watch) return;
        try {
            if (fault) {
                FaultExplanation f = explainFault();
                if (f != null) FaultText.lines(f, this::where, this::instructionText).forEach(out::println);
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
        Disassembler.Decoded insn = t.disassemble(code, 0, address, false);
        return insn.operands().isEmpty() ? insn.mnemonic() : insn.mnemonic() + " " + insn.operands();
    }

    /** Prints the instruction at a linear address in {@code x/i} form, or why it cannot be read. */
    public void printInstructionAt(int address) {
        DebugTarget t = target();
        byte[] code = new byte[MAX_INSTRUCTION];
        String why = new GuestMemory(t).readLinear(address & 0xFFFF_FFFFL, code, code.length);
        if (why != null) {
            out.println(String.format("0x%08x: unable to read memory (%s)", address, why));
            return;
        }
        Disassembler.Decoded insn = t.disassemble(code, 0, address, false);
        for (String line : DisassemblyLine.format(address, code, 0, insn)) out.println(line);
    }
}
