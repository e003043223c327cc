package i386mon.shell.gdbstub;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.RunControl;
import i386mon.machine.debug.StopReason;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.LineExecutor;
import i386mon.shell.session.RemoteDebugger;
import i386mon.shell.session.Session;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The GDB stub of one session: listens (loopback unless told otherwise), serves one client at a
 * time (a second is refused with a clear error), and runs the guest for it on the stub thread in
 * slices, holding the session's gate for each slice only, so the monitor's commands get in
 * between (they pause the run and it goes on after them; if they ran or replaced the guest, gdb
 * hears SIGINT, as from QEMU when its monitor stops the VM). A client that leaves, detaches or
 * kills leaves the guest stopped and the monitor usable. Stops the monitor knows (catchpoints, its
 * watchpoints and breakpoints, triple fault, exit, dead halt, reset) are printed on its console as
 * today.
 */
public final class GdbServer implements RemoteDebugger {
    /** The packet size offered in qSupported. */
    static final int PACKET_SIZE = 0x4000;
    /** Instructions per slice: the monitor's commands and gdb's Ctrl-C wait at most one slice. */
    static final long SLICE = 1_000_000;
    private static final int THREAD = 1;

    private enum RunMode { STOPPED, CONTINUE, STEP }

    private final Session session;
    private final ServerSocketChannel listener;
    private final GdbAddress address;
    private final String where;
    private final GdbBreakpoints breakpoints;
    private final PacketHandler handler;
    private final BlockingQueue<GdbClient.Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch served = new CountDownLatch(1);
    private final Thread stubThread;
    private volatile GdbClient client;
    private volatile RunControl running;
    private volatile boolean interruptRequested;
    private volatile boolean closed;
    private volatile RunMode mode = RunMode.STOPPED;
    private DebugTarget lastTarget;
    private long lastRetired;

    private GdbServer(Session session, LineExecutor monitor, GdbAddress address) throws IOException {
        this.session = session;
        this.address = address;
        this.breakpoints = new GdbBreakpoints(session);
        this.handler = new PacketHandler(session, monitor, breakpoints);
        this.listener = address.family() == StandardProtocolFamily.UNIX
                ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        try {
            listener.bind(address.socketAddress());
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        this.where = address.describe(listener.getLocalAddress());
        this.stubThread = new Thread(this::stubLoop, "i386mon-gdbstub");
        stubThread.setDaemon(true);
    }

    /**
     * Listens on {@code spec} (see {@link GdbAddress}); {@code monitor} runs monitor commands. With
     * {@code runGuest} the guest starts running at once (QEMU without -S): a client that attaches stops it.
     */
    public static GdbServer start(Session session, LineExecutor monitor, String spec, boolean runGuest) {
        GdbAddress a = GdbAddress.parse(spec);
        GdbServer s;
        try {
            s = new GdbServer(session, monitor, a);
        } catch (IOException | RuntimeException e) {
            throw new CommandException("gdbserver: cannot listen on " + spec + ": " + e.getMessage());
        }
        if (runGuest) s.startRun(RunMode.CONTINUE);
        s.stubThread.start();
        Thread acceptor = new Thread(s::acceptLoop, "i386mon-gdb-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return s;
    }

    /** Where it listens, e.g. tcp:127.0.0.1:1234. */
    public String address() { return where; }

    @Override
    public String describe() {
        GdbClient c = client;
        return "gdbserver on " + where + (c == null ? ", no client attached" : ", client attached from " + c.peer());
    }

    /**
     * Waits until a client kills the target (gdb's kill; detaching or disconnecting leaves the stub
     * waiting for the next client, as QEMU), or a guest run with no client attached has ended: what
     * a batch run with a stub waits for before it exits.
     */
    public void awaitServed() throws InterruptedException {
        served.await();
    }

    /** Like {@link #awaitServed()} with a time limit; true when served. */
    public boolean awaitServed(long millis) throws InterruptedException {
        return served.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing: nothing to do about it
        }
        GdbClient c = client;
        if (c != null) c.close();
        stubThread.interrupt();
        if (address.family() == StandardProtocolFamily.UNIX) {
            try {
                Files.deleteIfExists(address.path());
            } catch (IOException e) {
                // a socket file left behind is harmless: the next bind reports it
            }
        }
    }

    // ---- accepting

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            String peer = peerOf(ch);
            GdbClient c = new GdbClient(ch, peer);
            if (client != null) {
                refuse(c);
                continue;
            }
            client = c;
            // before its first packet can arrive
            events.add(new GdbClient.Event(c, GdbClient.Event.Type.CONNECTED, null));
            c.start(events::add, this::interrupt);
        }
    }

    private static String peerOf(SocketChannel ch) {
        try {
            Object a = ch.getRemoteAddress();
            return a == null || a.toString().isEmpty() ? "a local socket" : a.toString().replaceFirst("^/", "");
        } catch (IOException e) {
            return "?";
        }
    }

    /** A second client: its first packet is answered with an error that says why, then it is closed. */
    private void refuse(GdbClient c) {
        Thread t = new Thread(() -> {
            java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
            c.start(e -> {
                if (e.type() == GdbClient.Event.Type.PACKET && answered.compareAndSet(false, true)) {
                    c.writer().send("E.another debugger is attached to this i386mon (one client at a time)");
                    c.finish();
                }
            }, () -> { });
        }, "i386mon-gdb-refuse");
        t.setDaemon(true);
        t.start();
    }

    /** Ctrl-C from the client (its reading thread) or the monitor's stop: stops a running guest at once. */
    @Override
    public void interrupt() {
        interruptRequested = true;
        RunControl rc = running;
        if (rc != null) rc.requestStop();
    }

    // ---- the stub thread

    private void stubLoop() {
        try {
            while (!closed) {
                GdbClient.Event e = mode == RunMode.STOPPED ? events.take() : events.poll();
                try {
                    if (e == null) runSlice();
                    else handle(e);
                } catch (RuntimeException bug) {
                    // a bug of ours must not end the stub: the run stops, the client hears SIGABRT
                    console("gdb: internal error in the stub: " + bug);
                    if (mode != RunMode.STOPPED) {
                        mode = RunMode.STOPPED;
                        GdbClient c = client;
                        if (c != null) c.writer().send(StopReplies.signalled(StopReplies.SIGABRT, THREAD));
                    } else if (e != null && e.type() == GdbClient.Event.Type.PACKET && e.client() == client) {
                        e.client().writer().send("E01");
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void handle(GdbClient.Event e) {
        switch (e.type()) {
            case CONNECTED: connected(e.client()); break;
            case GONE: gone(e.client()); break;
            case OVERSIZED: if (e.client() == client) e.client().writer().send(PacketHandler.MALFORMED); break;
            case INTERRUPT: if (e.client() == client && mode != RunMode.STOPPED) interruptRequested = true; break; // the next slice stops
            default: if (e.client() == client) packet(e.client(), e.packet()); break;
        }
    }

    private void connected(GdbClient c) {
        // as QEMU: a debugger that attaches finds the guest stopped
        mode = RunMode.STOPPED;
        handler.newClient();
        int[] thread = {THREAD};
        withGate(() -> thread[0] = session.hasTarget() ? session.target().selectedCpu() + 1 : THREAD);
        handler.stoppedWith(StopReplies.signalled(StopReplies.SIGTRAP, thread[0]));
        console("gdb: client attached from " + c.peer());
    }

    private void gone(GdbClient c) {
        if (c == client) leave(c, false);
    }

    /** The client is done (detached, killed, vanished): ours removed, the guest left stopped, the next client welcome. */
    private void leave(GdbClient c, boolean killed) {
        mode = RunMode.STOPPED;
        client = null;
        withGate(() -> {
            if (session.hasTarget()) breakpoints.clear();
            printLine(session.hasTarget() ? "gdb: client detached; the guest is stopped at " + session.where(session.target().eip())
                    : "gdb: client detached");
        });
        if (killed) served.countDown();
    }

    private void packet(GdbClient c, String p) {
        PacketHandler.Action[] action = new PacketHandler.Action[1];
        withGate(() -> {
            if (session.hasTarget()) breakpoints.follow();
            action[0] = handler.handle(p);
        });
        PacketHandler.Action a = action[0];
        // a client that detaches may reconnect at once: it must find the stub free
        if (a.kind() == PacketHandler.Kind.DETACH || a.kind() == PacketHandler.Kind.KILL) leave(c, a.kind() == PacketHandler.Kind.KILL);
        for (String r : a.replies()) c.writer().send(r);
        switch (a.kind()) {
            case CONTINUE: startRun(RunMode.CONTINUE); break;
            case STEP: startRun(RunMode.STEP); break;
            case NO_ACK: c.writer().noAckMode(); break;
            case DETACH:
            case KILL:
                c.finish(); // the reader ends and reports the client gone
                break;
            default: break;
        }
    }

    private void startRun(RunMode m) {
        interruptRequested = false;
        withGate(() -> {
            lastTarget = session.hasTarget() ? session.target() : null;
            lastRetired = lastTarget == null ? 0 : lastTarget.instructionsRetired();
        });
        mode = m; // once its start is recorded: a monitor command that runs the guest from now on stops this run
    }

    /** Whether the client's continue or step is under way (its start recorded): for tests. */
    boolean clientRunning() {
        return mode != RunMode.STOPPED;
    }

    /** One slice of the client's run (a single step is one slice); it waits for a monitor command, never stops one. */
    private void runSlice() {
        withGate(null, () -> {
            if (closed) {
                mode = RunMode.STOPPED;
                return;
            }
            if (!session.hasTarget()) {
                finish(StopReason.of(StopReason.Kind.STOP_REQUEST, "no machine"), null);
                return;
            }
            DebugTarget t = session.target();
            if (t != lastTarget || t.instructionsRetired() != lastRetired || interruptRequested) {
                // gdb's Ctrl-C or the monitor's stop between slices, or the monitor ran or replaced
                // the guest (its own stop stays the session's record): gdb hears SIGINT
                interruptRequested = false;
                finish(StopReason.of(StopReason.Kind.STOP_REQUEST, "stopped"), null);
                return;
            }
            breakpoints.follow();
            RunControl rc = session.runControl();
            running = rc;
            session.gate().runningUntilPaused(rc::requestStop);
            StopReason s;
            try {
                s = mode == RunMode.STEP ? rc.step(1) : rc.resume(SLICE);
            } finally {
                session.gate().runningUntilPaused(null);
                running = null;
            }
            lastRetired = t.instructionsRetired();
            if (s.kind() == StopReason.Kind.BUDGET) return;
            if (s.kind() == StopReason.Kind.STOP_REQUEST && !interruptRequested) return; // paused for the monitor
            interruptRequested = false;
            finish(s, t);
        });
    }

    /** Reports a stop to the client (and the monitor's own stops on its console). Holds the gate. */
    private void finish(StopReason s, DebugTarget t) {
        mode = RunMode.STOPPED;
        String reply;
        if (t == null) {
            reply = StopReplies.reply(s, -1, null, THREAD);
        } else {
            s = session.stopped(s);
            if (monitorKnows(s, t)) session.printStop(s);
            session.out().flush();
            // the CPU that stopped (StopReason.cpu()) is the selected one now; a step's stop is the stepped CPU's
            reply = StopReplies.reply(s, t, t.selectedCpu() + 1);
        }
        handler.stoppedWith(reply);
        GdbClient c = client;
        if (c != null) c.writer().send(reply);
        else served.countDown(); // a run nobody attached to has ended
    }

    /** Stops gdb's own breakpoints, steps and interrupts do not concern the monitor's console. */
    private boolean monitorKnows(StopReason s, DebugTarget t) {
        switch (s.kind()) {
            case STEP: case STOP_REQUEST: case BUDGET: return false;
            case BREAKPOINT: return !breakpoints.hasCode(session.pc());
            case WATCHPOINT: return !breakpoints.owns(t.debugger() == null ? null : t.debugger().watchpoints().lastHit());
            default: return true;
        }
    }

    private void console(String line) {
        withGate(() -> printLine(line));
    }

    private void printLine(String line) {
        session.out().println(line);
        session.out().flush();
    }

    /** Runs {@code work} holding the session's gate; a command the monitor is running the guest for is stopped first. */
    private void withGate(Runnable work) {
        withGate(session::requestStop, work);
    }

    /** Runs {@code work} holding the session's gate, running {@code stopMonitorRun} (when not null) while the monitor holds it. */
    private void withGate(Runnable stopMonitorRun, Runnable work) {
        session.gate().enter(stopMonitorRun);
        try {
            work.run();
        } finally {
            session.gate().exit();
        }
    }
}
