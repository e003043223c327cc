package i386mon.shell.session;

import i386mon.shell.expr.ExprContext;
import i386mon.shell.expr.ExprException;
import i386mon.shell.expr.Expression;
import i386mon.shell.format.DisassemblyLine;
import i386mon.shell.format.DisplayFormat;
import i386mon.shell.guest.GuestMemory;
import i386mon.shell.guest.Instruction;
import i386mon.shell.guest.Stop;
import i386mon.shell.guest.Target;
import i386mon.shell.guest.WatchInfo;
import i386mon.shell.guest.WatchReport;
import i386mon.shell.guest.FaultReport;
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
    private Target target;
    private Stop lastStop;
    private volatile boolean stopRequested;
    private volatile RunObserver runObserver;
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
    }

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
    public Target target() {
        if (target == null) throw new CommandException("no kernel is loaded (use: load KERNEL)");
        return target;
    }

    public boolean hasTarget() { return target != null; }

    /** What was booted last, or null. */
    public BootRequest booted() { return booted; }

    /** How the guest last stopped since it was booted, or null when it has not run. */
    public Stop lastStop() { return lastStop; }

    /** Boots a kernel afresh: a new machine, breakpoints carried over, serial output forgotten. */
    public void boot(BootRequest request) {
        serial.unwatch();
        attach(request, loader.boot(request, serial::accept));
    }

    /** Takes over a machine booted from {@code request} elsewhere (the launcher boots in parallel). */
    public void attach(BootRequest request, Target t) {
        serial.unwatch();
        serial.clear();
        target = t;
        booted = request;
        lastStop = null;
        exitStatus.guestReset();
        for (Breakpoint b : breakpoints) t.addBreakpoint(b.address());
        for (int v : catches.keySet()) t.setCatch(v, true);
        for (Watch w : watches) w.setMachineId(t.debugging().watch(w.space(), w.address(), w.length(), w.access()));
        if (historySize > 0) t.debugging().setHistory(historySize);
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

    /** Ends a line of guest output that the monitor's next line would otherwise continue. */
    private void freshLine() {
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
        if (condition != null) eval(condition); // fail now, not at the first hit, on a malformed condition
        Breakpoint b = new Breakpoint(nextBreakpointNumber++, address, what, condition, temporary);
        breakpoints.add(b);
        if (target != null) target.addBreakpoint(address);
        return b;
    }

    public void deleteBreakpoint(Breakpoint b) {
        breakpoints.remove(b);
        if (target != null && breakpoints.stream().noneMatch(o -> o.address() == b.address())) {
            target.removeBreakpoint(b.address());
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
        if (condition != null) eval(condition); // a malformed condition fails now, not at the first exception
        if (on) catches.put(vector, condition); else catches.remove(vector);
        if (target != null) target.setCatch(vector, on);
    }

    /** Whether a triple fault stop prints its explanation (catch triplefault). */
    public boolean catchesTripleFault() { return catchTripleFault; }
    public void setCatchTripleFault(boolean on) { catchTripleFault = on; }

    // ---- watchpoints

    /** The watchpoints in the order they were set. */
    public List<Watch> watches() { return Collections.unmodifiableList(watches); }

    /** Sets a watchpoint, numbered from the breakpoints' sequence. */
    public Watch addWatch(WatchInfo.Space space, long address, int length, WatchInfo.Access access) {
        if (length < 1) throw new CommandException("watch length must be at least 1: " + length);
        Watch w = new Watch(nextBreakpointNumber, space, address, length, access);
        if (target != null) w.setMachineId(target.debugging().watch(space, address, length, access));
        nextBreakpointNumber++;
        watches.add(w);
        return w;
    }

    public void deleteWatch(Watch w) {
        watches.remove(w);
        if (target != null && w.machineId() >= 0) target.debugging().unwatch(w.machineId());
    }

    /** The watchpoint numbered {@code number}, or null. */
    public Watch watch(int number) {
        for (Watch w : watches) if (w.number() == number) return w;
        return null;
    }

    /** The entries a {@code watch pte} covers now (empty for other kinds or without a machine). */
    public WatchInfo watchInfo(Watch w) {
        if (target == null) return null;
        for (WatchInfo i : target.debugging().watchpoints()) if (i.id() == w.machineId()) return i;
        return null;
    }

    // ---- history

    /** Instruction history capacity, 0 when off; kept across boots. */
    public int historySize() { return historySize; }

    public void setHistorySize(int size) {
        if (size < 0) throw new CommandException("history size must not be negative: " + size);
        if (target != null) target.debugging().setHistory(size);
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

    private void deliverKeys(Target t) {
        for (String k; (k = pendingKeys.poll()) != null; ) {
            try {
                t.sendKey(k);
            } catch (CommandException e) {
                // a key the keyboard cannot type: dropped, as a real keyboard would not have it
            }
        }
    }

    /** One free run, in slices with key delivery between them when keys can arrive. */
    private Stop runFor(Target t, long max) {
        if (runObserver == null) return t.run(max);
        long start = t.instructionsRetired();
        while (true) {
            deliverKeys(t);
            serial.flush(); // a prompt or an echoed key need not end its line to be seen
            long left = max - (t.instructionsRetired() - start);
            long slice = Math.min(left, KEY_SLICE);
            Stop s = t.run(slice);
            if (s.kind() != Stop.Kind.BUDGET || slice == left) return s;
        }
    }

    /** Asks the running guest to stop; safe from a signal handler thread. */
    public void requestStop() {
        stopRequested = true;
        Target t = target;
        if (t != null) t.requestStop();
    }

    /**
     * Continues the guest until a stop that concerns the user: a breakpoint whose condition
     * holds, the guest's exit, a triple fault, a dead halt, the budget or a stop request.
     */
    public Stop resume(long maxInstructions) {
        RunObserver o = runObserver;
        if (o != null) o.runStarting();
        try {
            return resumeRunning(maxInstructions);
        } finally {
            pendingKeys.clear();
            if (o != null) o.runEnded();
        }
    }

    private Stop resumeRunning(long maxInstructions) {
        Target t = target();
        stopRequested = false;
        long start = t.instructionsRetired();
        long remaining = maxInstructions;
        while (true) {
            Stop s;
            if (breakpointAt(t.eip())) {
                // step off the breakpoint the guest is sitting on, else it would stop at once
                s = t.step();
                if (s.kind() != Stop.Kind.STEP) {
                    Stop r = screen(t, s);
                    if (r != null) return stopped(r);
                }
                remaining = maxInstructions - (t.instructionsRetired() - start);
                if (remaining <= 0) return stopped(new Stop(Stop.Kind.BUDGET, "instruction budget reached", 0));
                if (stopRequested) return stopped(new Stop(Stop.Kind.STOP_REQUEST, "stopped by user", 0));
                if (breakpointAt(t.eip())) {
                    // the step landed on another breakpoint, which run() would pass over
                    Stop decided = decideBreakpoint(t);
                    if (decided != null) return stopped(decided);
                    continue;
                }
            }
            s = runFor(t, remaining);
            remaining = maxInstructions - (t.instructionsRetired() - start);
            if (s.kind() != Stop.Kind.BREAKPOINT) {
                Stop r = screen(t, s);
                if (r != null) return stopped(r);
            } else {
                Stop decided = decideBreakpoint(t);
                if (decided != null) return stopped(decided);
            }
            if (remaining <= 0) return stopped(new Stop(Stop.Kind.BUDGET, "instruction budget reached", 0));
            if (stopRequested) return stopped(new Stop(Stop.Kind.STOP_REQUEST, "stopped by user", 0));
        }
    }

    /**
     * Single-steps until {@code condition} holds after an instruction (a software watchpoint),
     * stopping early at anything else that stops the guest or after {@code maxInstructions}.
     */
    public Stop runUntil(String condition, long maxInstructions) {
        Target t = target();
        eval(condition); // a malformed condition fails before the guest moves
        stopRequested = false;
        for (long i = 0; i < maxInstructions; i++) {
            Stop s = t.step();
            if (s.kind() != Stop.Kind.STEP) {
                Stop r = screen(t, s);
                if (r != null) return stopped(r);
                continue;
            }
            if (breakpointAt(t.eip())) {
                Stop decided = decideBreakpoint(t);
                if (decided != null) return stopped(decided);
            }
            if (eval(condition) != 0) return stopped(new Stop(Stop.Kind.WATCH, "condition " + condition + " became true", 0));
            if (stopRequested) return stopped(new Stop(Stop.Kind.STOP_REQUEST, "stopped by user", 0));
        }
        return stopped(new Stop(Stop.Kind.BUDGET, "instruction budget reached", 0));
    }

    /** Executes up to {@code n} instructions, stopping early at anything but a plain step. */
    public Stop step(long n) {
        Target t = target();
        stopRequested = false;
        Stop s = new Stop(Stop.Kind.STEP, "step", 0);
        for (long i = 0; i < n; i++) {
            s = t.step();
            if (s.kind() != Stop.Kind.STEP) {
                Stop r = screen(t, s);
                if (r != null) return stopped(r);
                s = new Stop(Stop.Kind.STEP, "step", 0);
            }
            if (stopRequested) return stopped(new Stop(Stop.Kind.STOP_REQUEST, "stopped by user", 0));
        }
        return stopped(s);
    }

    private Stop stopped(Stop s) {
        lastStop = s;
        exitStatus.guestStopped(s);
        serial.flush();
        return s;
    }

    /**
     * The stop to report for what the machine returned: a watch hit named by its number, or null
     * when a catchpoint's condition is false (the run goes on and the exception is delivered).
     */
    private Stop screen(Target t, Stop s) {
        if (s.kind() == Stop.Kind.EXCEPTION_CAUGHT && catches.values().stream().anyMatch(java.util.Objects::nonNull)) {
            FaultReport f = t.debugging().explainFault();
            String condition = f == null ? null : catches.get(f.vector());
            if (condition != null) {
                try {
                    if (eval(condition) == 0) return null;
                } catch (ExprException e) {
                    return new Stop(s.kind(), s.description() + " (its condition failed: " + e.getMessage() + ")", 0);
                }
            }
        }
        if (s.kind() == Stop.Kind.WATCH) {
            WatchReport h = t.debugging().lastWatchHit();
            for (Watch w : watches) {
                if (h != null && w.machineId() == h.id()) {
                    w.hit();
                    return new Stop(Stop.Kind.WATCH, "watchpoint " + w.number() + " (" + WatchText.what(w.space(), w.address(), w.length()) + ")", 0);
                }
            }
        }
        return s;
    }

    private boolean breakpointAt(int eip) {
        for (Breakpoint b : breakpoints) if (b.address() == eip) return true;
        return false;
    }

    /** The breakpoint stop to report at EIP, or null when every condition there is false. */
    private Stop decideBreakpoint(Target t) {
        int eip = t.eip();
        Breakpoint chosen = null;
        List<Breakpoint> here = new ArrayList<>();
        for (Breakpoint b : breakpoints) if (b.address() == eip) here.add(b);
        if (here.isEmpty()) {
            // a breakpoint the machine knows but the session does not (should not happen): report it as is
            return new Stop(Stop.Kind.BREAKPOINT, "breakpoint", 0);
        }
        for (Breakpoint b : here) {
            if (b.condition() != null) {
                try {
                    if (eval(b.condition()) == 0) continue;
                } catch (ExprException e) {
                    b.hit();
                    return new Stop(Stop.Kind.BREAKPOINT, "breakpoint " + b.number()
                            + " (its condition failed: " + e.getMessage() + ")", 0);
                }
            }
            b.hit();
            if (chosen == null) chosen = b;
        }
        if (chosen == null) return null;
        if (chosen.temporary()) deleteBreakpoint(chosen);
        return new Stop(Stop.Kind.BREAKPOINT, (chosen.temporary() ? "temporary breakpoint " : "breakpoint ") + chosen.number(), 0);
    }

    /** "0x0010011c (kernel_main+0x1c)", or just the address when no symbol covers it. */
    public String where(int address) {
        String hex = String.format("0x%08x", address);
        String sym = target().describe(address);
        return sym == null || sym.isEmpty() || sym.equalsIgnoreCase(hex) ? hex : hex + " (" + sym + ")";
    }

    /** Prints why and where the guest stopped; after a plain step, the next instruction instead. */
    public void printStop(Stop s) {
        for (int port : target().newUnknownPorts()) {
            freshLine();
            out.printf("note: I/O port 0x%x was used; no device decodes it (reads give all ones, writes are ignored)%n", port);
        }
        if (s.kind() == Stop.Kind.STEP) {
            printInstructionAt(target().eip());
            return;
        }
        freshLine();
        out.println("Stopped: " + s.description() + " at " + where(target().eip()));
        explainStop(s);
    }

    /** After the stop line: the fault explained, or what a watchpoint caught. */
    private void explainStop(Stop s) {
        Target t = target();
        boolean fault = s.kind() == Stop.Kind.EXCEPTION_CAUGHT || s.kind() == Stop.Kind.TRIPLE_FAULT && catchTripleFault;
        boolean watch = s.kind() == Stop.Kind.WATCH && s.description().startsWith("watchpoint ");
        if (!fault && !watch) return;
        try {
            if (fault) {
                FaultReport f = t.debugging().explainFault();
                if (f != null) FaultText.lines(f, this::where, this::instructionText).forEach(out::println);
                return;
            }
            WatchReport h = t.debugging().lastWatchHit();
            for (Watch w : watches) {
                if (h != null && w.machineId() == h.id()) {
                    WatchText.hit(h, w.space(), w.address(), this::where, this::instructionText).forEach(out::println);
                }
            }
        } catch (CommandException e) {
            // a machine without a debugger: the stop line alone
        }
    }

    /** The instruction at a linear address as "mnemonic operands", or why it cannot be read. */
    public String instructionText(int address) {
        Target t = target();
        byte[] code = new byte[MAX_INSTRUCTION];
        String why = new GuestMemory(t).readLinear(address & 0xFFFF_FFFFL, code, code.length);
        if (why != null) return "(unable to read memory: " + why + ")";
        Instruction insn = t.disassemble(code, 0, address, false);
        return insn.operands().isEmpty() ? insn.mnemonic() : insn.mnemonic() + " " + insn.operands();
    }

    /** Prints the instruction at a linear address in {@code x/i} form, or why it cannot be read. */
    public void printInstructionAt(int address) {
        Target t = target();
        byte[] code = new byte[MAX_INSTRUCTION];
        String why = new GuestMemory(t).readLinear(address & 0xFFFF_FFFFL, code, code.length);
        if (why != null) {
            out.println(String.format("0x%08x: unable to read memory (%s)", address, why));
            return;
        }
        Instruction insn = t.disassemble(code, 0, address, false);
        for (String line : DisassemblyLine.format(address, code, 0, insn)) out.println(line);
    }
}
