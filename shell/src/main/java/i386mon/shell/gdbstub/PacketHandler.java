package i386mon.shell.gdbstub;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.StopReason;
import i386mon.machine.mmu.InspectResult;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.LineExecutor;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one packet while the guest is stopped: registers, memory, breakpoints, queries,
 * {@code monitor} commands, or the request to resume, detach or kill that the server carries out.
 * Malformed packets get "E22", unreadable memory "E14", packets we do not know the empty reply;
 * a register load or reverse run the machine refuses gets "E.reason", which gdb prints. Each CPU
 * is a thread (1..N): Hg picks whose registers g/G/p/P see, Hc whose steps s/S take.
 * The caller holds the session's gate.
 */
final class PacketHandler {
    /** What the server does after a packet. */
    enum Kind { REPLY, CONTINUE, STEP, DETACH, KILL, NO_ACK }

    /** The replies to send (in order) and what to do next. */
    record Action(Kind kind, List<String> replies) {
        static Action reply(String r) { return new Action(Kind.REPLY, List.of(r)); }
    }

    static final String MALFORMED = "E22";
    static final String BAD_ADDRESS = "E14";
    /** The most memory one m packet reads: its hex must fit in a packet. */
    static final int MAX_MEMORY = (GdbServer.PACKET_SIZE - 16) / 2;

    private final Session session;
    private final LineExecutor monitor;
    private final GdbBreakpoints breakpoints;
    private boolean physicalMemory;
    /** Hg's thread (registers) and Hc's (steps): a CPU's index + 1, or 0 for "the monitor's selected CPU". */
    private int registerThread, stepThread;
    private String lastStop = "T05thread:1;";

    PacketHandler(Session session, LineExecutor monitor, GdbBreakpoints breakpoints) {
        this.session = session;
        this.monitor = monitor;
        this.breakpoints = breakpoints;
    }

    /** A new client starts with virtual memory accesses, as QEMU's stub does. */
    void newClient() {
        physicalMemory = false;
        registerThread = 0;
        stepThread = 0;
    }

    /** The reply {@code ?} gives: how the guest last stopped for the client. */
    void stoppedWith(String reply) {
        this.lastStop = reply;
    }

    Action handle(String p) {
        try {
            return dispatch(p);
        } catch (CommandException e) {
            return Action.reply("E01"); // no machine is booted
        } catch (RuntimeException e) {
            // a bug of ours must not end the connection
            return Action.reply("E01");
        }
    }

    private Action dispatch(String p) {
        if (p.isEmpty()) return Action.reply("");
        String rest = p.substring(1);
        switch (p.charAt(0)) {
            case '?': return Action.reply(lastStop);
            case 'g': return Action.reply(onRegisterCpu(() -> GdbRegisters.readAll(target())));
            case 'G': return Action.reply(onRegisterCpu(() -> writeAllRegisters(rest)));
            case 'p': return Action.reply(onRegisterCpu(() -> readRegister(rest)));
            case 'P': return Action.reply(onRegisterCpu(() -> writeRegister(rest)));
            case 'm': return Action.reply(readMemory(rest));
            case 'M': return Action.reply(writeMemory(rest, false));
            case 'X': return Action.reply(writeMemory(rest, true));
            case 'c': return resume(Kind.CONTINUE, rest, stepThread);
            case 's': return resume(Kind.STEP, rest, stepThread);
            case 'C': return resume(Kind.CONTINUE, afterSignal(rest), stepThread);
            case 'S': return resume(Kind.STEP, afterSignal(rest), stepThread);
            case 'D': return new Action(Kind.DETACH, List.of("OK"));
            case 'k': return new Action(Kind.KILL, List.of());
            case 'H': return Action.reply(selectThread(rest));
            case 'T': return Action.reply(knownThread(rest, false) ? "OK" : "E01");
            case 'Z': return Action.reply(breakpoint(rest, true));
            case 'z': return Action.reply(breakpoint(rest, false));
            case 'b': return Action.reply(reverse(rest));
            case 'v': return verbose(p);
            case 'q': return query(p);
            case 'Q': return set(p);
            default: return Action.reply("");
        }
    }

    private DebugTarget target() {
        return session.target();
    }

    /**
     * Runs {@code work} on Hg's CPU: the registers gdb reads and writes are that CPU's, and the
     * monitor's selected CPU is restored afterwards (gdb's thread does not move the prompt's CPU).
     */
    private String onRegisterCpu(java.util.function.Supplier<String> work) {
        DebugTarget t = target();
        int selected = t.selectedCpu();
        if (registerThread == 0 || registerThread - 1 == selected) return work.get();
        t.selectCpu(registerThread - 1);
        try {
            return work.get();
        } finally {
            t.selectCpu(selected);
        }
    }

    // ---- registers

    private String writeAllRegisters(String hex) {
        byte[] b = Hex.bytes(hex);
        if (b == null || b.length < GdbRegisters.totalBytes()) return MALFORMED;
        String refused = null;
        int off = 0;
        for (int i = 0; i < GdbRegisters.ALL.size(); i++) {
            String r = GdbRegisters.write(target(), i, b, off);
            if (refused == null) refused = r;
            off += GdbRegisters.ALL.get(i).bytes();
        }
        return refusal(refused);
    }

    private String readRegister(String s) {
        long n = Hex.number(s, 8);
        if (n < 0) return MALFORMED;
        if (n >= GdbRegisters.ALL.size()) return BAD_ADDRESS; // as QEMU answers an unknown register
        return GdbRegisters.read(target(), (int) n);
    }

    private String writeRegister(String s) {
        int eq = s.indexOf('=');
        if (eq < 0) return MALFORMED;
        long n = Hex.number(s.substring(0, eq), 8);
        byte[] v = Hex.bytes(s.substring(eq + 1));
        if (n < 0 || v == null) return MALFORMED;
        if (n >= GdbRegisters.ALL.size()) return BAD_ADDRESS;
        if (v.length != GdbRegisters.ALL.get((int) n).bytes()) return MALFORMED;
        return refusal(GdbRegisters.write(target(), (int) n, v, 0));
    }

    /**
     * OK, or why a register write was refused: E22 for a register we cannot write, "E.reason" for
     * a load the CPU refused (gdb shows the text: "#GP(error code 0x28)").
     */
    private static String refusal(String reason) {
        if (reason == null) return "OK";
        return reason.equals(GdbRegisters.READ_ONLY) ? MALFORMED : "E." + reason;
    }

    // ---- memory

    /** "ADDR,LEN" as {address, length}, or null. Addresses are 32-bit linear (physical in PhyMemMode). */
    private long[] addressAndLength(String s) {
        int comma = s.indexOf(',');
        if (comma < 0) return null;
        long a = Hex.number(s.substring(0, comma), physicalMemory ? 9 : 8);
        long n = Hex.number(s.substring(comma + 1), 8);
        if (a < 0 || n < 0) return null;
        return new long[] {a, n};
    }

    private String readMemory(String s) {
        long[] al = addressAndLength(s);
        if (al == null) return MALFORMED;
        int len = (int) Math.min(al[1], MAX_MEMORY); // a reply may be shorter than asked
        byte[] b = new byte[len];
        InspectResult r = physicalMemory ? target().readPhysical(al[0], b, 0, len) : target().readLinear((int) al[0], b, 0, len);
        return r.ok() ? Hex.of(b, 0, len) : BAD_ADDRESS;
    }

    private String writeMemory(String s, boolean binary) {
        int colon = s.indexOf(':');
        if (colon < 0) return MALFORMED;
        long[] al = addressAndLength(s.substring(0, colon));
        if (al == null) return MALFORMED;
        String data = s.substring(colon + 1);
        byte[] b = binary ? data.getBytes(StandardCharsets.ISO_8859_1) : Hex.bytes(data);
        if (b == null || b.length != al[1]) return MALFORMED;
        if (b.length == 0) return "OK"; // gdb probes X support with an empty write
        InspectResult r = physicalMemory ? target().writePhysical(al[0], b, 0, b.length) : target().writeLinear((int) al[0], b, 0, b.length);
        return r.ok() ? "OK" : BAD_ADDRESS;
    }

    // ---- execution

    /**
     * c/s with an optional new EIP. A step on thread N (0: the selected CPU) selects CPU N-1 and
     * steps it alone, as the monitor's step does; a continue runs all CPUs.
     */
    private Action resume(Kind kind, String address, int thread) {
        if (address == null) return Action.reply(MALFORMED);
        if (kind == Kind.STEP && thread > 0) target().selectCpu(thread - 1);
        if (!address.isEmpty()) {
            long a = Hex.number(address, 8);
            if (a < 0) return Action.reply(MALFORMED);
            target().setEip((int) a);
        }
        return new Action(kind, List.of());
    }

    /** "SIG[;ADDR]" of C/S: the address part; the signal is not delivered (as QEMU). Null when malformed. */
    private static String afterSignal(String s) {
        int semi = s.indexOf(';');
        String sig = semi < 0 ? s : s.substring(0, semi);
        if (Hex.number(sig, 2) < 0) return null;
        return semi < 0 ? "" : s.substring(semi + 1);
    }

    /**
     * vCont;ACTION[:TID]...: a step of one thread steps that CPU alone (gdb's "s:2;c" steps thread
     * 2 and lets the others run, but the monitor's step runs one CPU only, and so does ours); else
     * the first continue runs them all.
     */
    private Action vCont(String actions) {
        Action run = null;
        for (String a : actions.split(";")) {
            if (a.isEmpty()) continue;
            int colon = a.indexOf(':');
            String what = colon < 0 ? a : a.substring(0, colon);
            String id = colon < 0 ? "-1" : a.substring(colon + 1);
            if (!knownThread(id, true)) continue;
            char c = what.charAt(0);
            if ((c == 'C' || c == 'S') && Hex.number(what.substring(1), 2) < 0) return Action.reply(MALFORMED);
            if (c == 's' || c == 'S') return resume(Kind.STEP, "", threadNumber(id));
            if (c != 'c' && c != 'C') return Action.reply(MALFORMED);
            if (run == null) run = new Action(Kind.CONTINUE, List.of());
        }
        return run == null ? Action.reply(MALFORMED) : run;
    }

    /**
     * bs / bc: one instruction back, or back to the previous breakpoint, watchpoint or catchpoint
     * hit, by replay (the monitor's reverse-stepi and reverse-continue); the start of the history
     * is gdb's "replaylog:begin". Recording must be on (monitor reverse on): else an E reply says so.
     */
    private String reverse(String what) {
        if (!what.equals("s") && !what.equals("c")) return "";
        DebugTarget t = target();
        if (t.timeline() == null) return "E.this machine cannot execute in reverse";
        if (!t.timeline().on()) return "E.reverse execution is off: start recording with monitor reverse on";
        StopReason s;
        try {
            s = what.equals("s") ? session.reverseStep(1) : session.reverseContinue();
        } catch (CommandException e) {
            return "E." + e.getMessage(); // the reason the monitor's reverse-stepi would print
        }
        int thread = t.selectedCpu() + 1;
        String reply = s.kind() == StopReason.Kind.BUDGET // a reverse run's only budget: the start of the history
                ? StopReplies.signalled(StopReplies.SIGTRAP, thread) + "replaylog:begin;"
                : StopReplies.reply(s, t, thread);
        lastStop = reply;
        return reply;
    }

    // ---- threads: one per CPU, numbered from 1

    /** Hg/Hc THREAD: the CPU for registers or for steps and continues. */
    private String selectThread(String s) {
        if (s.length() < 2 || (s.charAt(0) != 'g' && s.charAt(0) != 'c')) return MALFORMED;
        String id = s.substring(1);
        if (!knownThread(id, true)) return MALFORMED;
        if (s.charAt(0) == 'g') registerThread = threadNumber(id);
        else stepThread = threadNumber(id);
        return "OK";
    }

    /** A known thread id as 1..CPUs, or 0 for any/all. */
    private static int threadNumber(String id) {
        return id.equals("0") || id.equals("-1") ? 0 : (int) Hex.number(id, 8);
    }

    /** A thread id we have: 1..CPUs, or 0 / -1 (any, all) where {@code anyAllowed}. */
    private boolean knownThread(String id, boolean anyAllowed) {
        if (anyAllowed && (id.equals("0") || id.equals("-1"))) return true;
        long n = Hex.number(id, 8);
        return n >= 1 && n <= cpus();
    }

    /** The machine's CPUs, one thread each. */
    private int cpus() {
        return target().cpuCount();
    }

    private String threadList() {
        StringBuilder sb = new StringBuilder("m");
        for (int i = 1; i <= cpus(); i++) sb.append(i == 1 ? "" : ",").append(Integer.toHexString(i));
        return sb.toString();
    }

    // ---- breakpoints

    private String breakpoint(String s, boolean insert) {
        String[] f = s.split(",", -1);
        if (f.length < 3) return MALFORMED;
        long type = Hex.number(f[0], 1), address = Hex.number(f[1], 8);
        int semi = f[2].indexOf(';'); // conditions and commands after ';' are not evaluated here
        long kind = Hex.number(semi < 0 ? f[2] : f[2].substring(0, semi), 8);
        if (type < 0 || address < 0 || kind < 0) return MALFORMED;
        if (type >= 2 && (kind < 1 || kind > 0x1000)) return MALFORMED;
        return insert ? breakpoints.insert((int) type, address, (int) kind) : breakpoints.remove((int) type, address, (int) kind);
    }

    // ---- v, q and Q packets

    private Action verbose(String p) {
        if (p.equals("vCont?")) return Action.reply("vCont;c;C;s;S");
        if (p.startsWith("vCont;")) return vCont(p.substring(6));
        if (p.startsWith("vKill")) return new Action(Kind.KILL, List.of("OK"));
        return Action.reply(""); // vMustReplyEmpty and all we do not support
    }

    private Action query(String p) {
        if (p.startsWith("qSupported")) {
            return Action.reply(String.format("PacketSize=%x;qXfer:features:read+;vContSupported+;QStartNoAckMode+;ReverseStep+;ReverseContinue+", GdbServer.PACKET_SIZE));
        }
        if (p.startsWith("qXfer:features:read:")) return Action.reply(TargetDescription.read(p.substring("qXfer:features:read:".length())));
        if (p.equals("qC")) return Action.reply("QC" + Integer.toHexString(target().selectedCpu() + 1));
        if (p.equals("qfThreadInfo")) return Action.reply(threadList());
        if (p.equals("qsThreadInfo")) return Action.reply("l");
        if (p.startsWith("qAttached")) return Action.reply("1");
        if (p.equals("qOffsets")) return Action.reply("Text=0;Data=0;Bss=0");
        if (p.startsWith("qSymbol")) return Action.reply("OK");
        if (p.startsWith("qThreadExtraInfo,")) {
            String id = p.substring("qThreadExtraInfo,".length());
            if (!knownThread(id, false)) return Action.reply("E01");
            long n = Hex.number(id, 8);
            return Action.reply(Hex.of(threadState((int) n - 1)));
        }
        if (p.equals("qqemu.PhyMemMode")) return Action.reply(physicalMemory ? "1" : "0");
        if (p.startsWith("qRcmd,")) return monitorCommand(p.substring(6));
        return Action.reply("");
    }

    /** qThreadExtraInfo's text, as {@code info threads} shows it: "CPU 1 [halted]". */
    private String threadState(int cpu) {
        DebugTarget t = target();
        String state = t.cpuWaitingForStartup(cpu) ? "waiting for SIPI" : t.cpuHalted(cpu) ? "halted" : "running";
        return String.format("CPU %d [%s]", cpu, state);
    }

    private Action set(String p) {
        if (p.equals("QStartNoAckMode")) return new Action(Kind.NO_ACK, List.of("OK"));
        if (p.startsWith("Qqemu.PhyMemMode:")) {
            String v = p.substring("Qqemu.PhyMemMode:".length());
            if (!v.equals("0") && !v.equals("1")) return Action.reply(MALFORMED);
            physicalMemory = v.equals("1");
            return Action.reply("OK");
        }
        return Action.reply("");
    }

    /**
     * monitor CMD: runs an i386mon command through the shell's dispatcher, its output and errors
     * sent as console output ('O' packets) before "OK".
     */
    private Action monitorCommand(String hex) {
        byte[] cmd = Hex.bytes(hex);
        if (cmd == null) return Action.reply(MALFORMED);
        String line = new String(cmd, StandardCharsets.UTF_8);
        StringWriter text = new StringWriter();
        PrintWriter capture = new PrintWriter(text, true);
        PrintWriter out = session.out(), err = session.err();
        session.setConsole(capture, capture);
        Outcome o;
        try {
            o = monitor.execute(line);
        } finally {
            session.setConsole(out, err);
        }
        capture.flush();
        String all = text.toString();
        if (!o.ok()) all += o.message() + "\n";
        // chunks of bytes, not characters: a line drawing character is three bytes of UTF-8
        byte[] b = all.getBytes(StandardCharsets.UTF_8);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < b.length; i += MAX_MEMORY) replies.add("O" + Hex.of(b, i, Math.min(b.length - i, MAX_MEMORY)));
        replies.add("OK");
        return new Action(Kind.REPLY, replies);
    }
}
