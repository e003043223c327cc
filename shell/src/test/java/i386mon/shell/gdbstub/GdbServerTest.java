package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.debug.DebugTarget;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.Outcome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stub over a real socket: one client at a time, run control, Ctrl-C, stops as signals, the monitor alongside. */
class GdbServerTest {
    private DemoMachine m;
    private GdbServer server;

    private RawClient attach(String cmdline) throws IOException {
        m = new DemoMachine(cmdline);
        server = GdbServer.start(m.session, m.dispatcher, "tcp::0", false);
        return new RawClient(server.address());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (m != null) assertTrue(!m.console.toString().contains("internal error"), m.console.toString());
    }

    private DebugTarget target() {
        return m.session.target();
    }

    /** Runs a monitor command as the REPL thread would; fails the test if it failed. */
    private String monitor(String line) {
        int mark = m.console.getBuffer().length();
        Outcome o = m.dispatcher.execute(line);
        assertTrue(o.ok(), line + ": " + o.message());
        return m.console.getBuffer().substring(mark);
    }

    /** gdb's continue, once the stub has started it: a monitor command from now on comes after it. */
    private void continueAndAwaitTheRun(RawClient c) throws Exception {
        c.send("c");
        for (int i = 0; i < RawClient.TIMEOUT_MS / 10 && !server.clientRunning(); i++) Thread.sleep(10);
        assertTrue(server.clientRunning(), "the stub started the run");
        assertEquals(-2, c.nextByte(100), "no stop yet");
    }

    private void awaitConsole(String text) throws InterruptedException {
        for (int i = 0; i < RawClient.TIMEOUT_MS / 50 && !m.console.toString().contains(text); i++) Thread.sleep(50);
        assertTrue(m.console.toString().contains(text), m.console.toString());
    }

    @Test
    void listensOnLoopbackByDefault() throws IOException {
        try (RawClient c = attach("")) {
            assertTrue(server.address().startsWith("tcp:127.0.0.1:"), server.address());
        }
    }

    @Test
    void aClientFindsTheGuestStoppedAtItsEntry() throws IOException {
        try (RawClient c = attach("")) {
            int eip = target().eip();
            assertEquals("T05thread:1;", c.ask("?"));
            assertEquals(Hex.littleEndian(eip, 4), c.ask("p8"));
        }
    }

    @Test
    void aSecondClientIsRefusedWithAReason() throws IOException {
        try (RawClient first = attach(""); RawClient second = new RawClient(server.address())) {
            assertEquals("T05thread:1;", first.ask("?"));
            assertEquals("E.another debugger is attached to this i386mon (one client at a time)", second.ask("qSupported"));
            assertEquals("OK", first.ask("Hg0"), "the first client is still served");
        }
    }

    @Test
    void aClientVanishingMidPacketLeavesTheStubServing() throws Exception {
        try (RawClient first = attach("")) {
            first.sendRaw("$m100000,4");
        }
        awaitConsole("gdb: client detached");
        try (RawClient next = new RawClient(server.address())) {
            assertEquals("T05thread:1;", next.ask("?"));
        }
        monitor("info registers");
    }

    @Test
    void aBadChecksumIsNackedAndTheResentPacketAnswered() throws IOException {
        try (RawClient c = attach("")) {
            c.sendRaw("$qC#00");
            assertEquals('-', c.nextByte(RawClient.TIMEOUT_MS));
            assertEquals("QC1", c.ask("qC"));
        }
    }

    @Test
    void anOversizedPacketIsAnsweredWithAnError() throws IOException {
        try (RawClient c = attach("")) {
            c.send("M100000,1:" + "a".repeat(PacketReader.MAX_BODY));
            assertEquals("E22", c.reply());
            assertEquals("QC1", c.ask("qC"));
        }
    }

    @Test
    void noAckModeStopsTheAcks() throws IOException {
        try (RawClient c = attach("")) {
            assertEquals("OK", c.ask("QStartNoAckMode"));
            c.noAck();
            c.send("qC");
            assertEquals('$', c.nextByte(RawClient.TIMEOUT_MS), "the reply comes with no '+' before it");
        }
    }

    @Test
    void aBreakpointStopsTheGuestAsSigtrap() throws IOException {
        try (RawClient c = attach("")) {
            int kmain = m.symbol("kmain");
            assertEquals("OK", c.ask(String.format("Z0,%x,1", kmain)));
            assertEquals("T05thread:1;", c.ask("vCont;c"));
            assertEquals(kmain, target().eip());
            assertEquals("", m.console.toString().replaceAll("gdb: client attached.*\n", ""), "gdb's own stop is not printed on the monitor");
        }
    }

    @Test
    void stepExecutesOneInstruction() throws IOException {
        try (RawClient c = attach("")) {
            long before = target().instructionsRetired();
            assertEquals("T05thread:1;", c.ask("vCont;s:1"));
            assertEquals(before + 1, target().instructionsRetired());
        }
    }

    @Test
    void aStepOfTheSecondCpuStopsNamingItsThread() throws IOException {
        m = new DemoMachine("", 2);
        server = GdbServer.start(m.session, m.dispatcher, "tcp::0", false);
        try (RawClient c = new RawClient(server.address())) {
            long cpu0 = target().instructionsRetired(0);
            assertEquals("T05thread:2;", c.ask("vCont;s:2"));
            assertEquals("T05thread:2;", c.ask("?"));
            assertEquals(cpu0, target().instructionsRetired(0), "CPU 0 did not run");
            assertEquals("T05thread:1;", c.ask("vCont;s:1"));
            assertEquals(cpu0 + 1, target().instructionsRetired(0));
        }
    }

    @Test
    void aWatchpointStopNamesItsAddress() throws IOException {
        try (RawClient c = attach("")) {
            int ticks = m.symbol("ticks");
            assertEquals("OK", c.ask(String.format("Z2,%x,4", ticks)));
            assertEquals(String.format("T05thread:1;watch:%x;", ticks), c.ask("c"));
        }
    }

    @Test
    void ctrlCInterruptsARunningGuestAsSigint() throws Exception {
        try (RawClient c = attach("")) {
            c.send("c");
            assertEquals(-2, c.nextByte(500), "the guest idles: no stop yet");
            c.sendRaw("\u0003");
            assertEquals("T02thread:1;", c.reply());
            long at = target().instructionsRetired();
            Thread.sleep(200);
            assertEquals(at, target().instructionsRetired(), "the guest stays stopped");
        }
    }

    @Test
    void aCtrlCThatComesBeforeTheStubStartedTheContinueStopsIt() throws Exception {
        try (RawClient c = attach("")) {
            m.session.gate().enter(); // the stub cannot start the continue until we let it
            try {
                c.send("c");
                c.sendRaw("\u0003");
                Thread.sleep(200); // the stub's reader takes the Ctrl-C meanwhile
            } finally {
                m.session.gate().exit();
            }
            assertEquals("T02thread:1;", c.reply());
            assertTrue(!server.clientRunning(), "the run is over");
        }
    }

    @Test
    void aCaughtPageFaultArrivesAsSigsegvAndTheMonitorExplainsIt() throws IOException {
        try (RawClient c = attach("")) {
            monitor("catch pf");
            assertEquals("T0bthread:1;", c.ask("c"));
            String console = m.console.toString();
            assertTrue(console.contains("Stopped: caught #PF"), console);
            assertTrue(console.contains("  walk:"), console);
        }
    }

    @Test
    void monitorCatchThroughQRcmdStopsAsSigsegvToo() throws IOException {
        try (RawClient c = attach("")) {
            c.send("qRcmd," + Hex.of("catch pf"));
            assertTrue(c.reply().startsWith("O"));
            assertEquals("OK", c.reply());
            assertEquals("T0bthread:1;", c.ask("c"));
        }
    }

    @Test
    void aMonitorWatchOnPageEntriesStopsGdbAsSigtrapNamingTheEntry() throws IOException {
        try (RawClient c = attach("scenario=stale-tlb exit")) {
            monitor("watch pte 0xd0400000"); // the scenario creates the page table: its directory entry is written first
            String stop = c.ask("c");
            assertTrue(stop.matches("T05thread:1;watch:[0-9a-f]+;"), stop);
            String console = m.console.toString();
            assertTrue(console.contains("Stopped: watchpoint 1 (pte 0xd0400000) at "), console);
            assertTrue(console.contains("write of 4 bytes to the PDE of 0xd0400000 at physical 0x00132d04"), console);
            assertTrue(stop.equals("T05thread:1;watch:132d04;"), "the T reply names the entry written: " + stop);
        }
    }

    @Test
    void aGuestExitEndsTheProcessWithQemusStatus() throws IOException {
        try (RawClient c = attach("exit")) {
            assertEquals("W21", c.ask("c"), "selftest passed: 0x10 -> (0x10 << 1) | 1");
        }
    }

    @Test
    void theMonitorWorksWhileGdbRunsTheGuest() throws Exception {
        try (RawClient c = attach("")) {
            continueAndAwaitTheRun(c);
            CompletableFuture<String> regs = CompletableFuture.supplyAsync(() -> monitor("info registers"));
            assertTrue(regs.get(RawClient.TIMEOUT_MS, TimeUnit.MILLISECONDS).contains("EIP="));
            long at = target().instructionsRetired();
            for (int i = 0; i < RawClient.TIMEOUT_MS / 50 && target().instructionsRetired() == at; i++) Thread.sleep(50);
            assertNotEquals(at, target().instructionsRetired(), "the guest goes on after the command");
            assertEquals(-2, c.nextByte(100), "no stop for gdb");
            c.sendRaw("\u0003");
            assertEquals("T02thread:1;", c.reply());
        }
    }

    @Test
    void aMonitorCommandThatRunsTheGuestStopsGdbsRunWithSigint() throws Exception {
        try (RawClient c = attach("")) {
            continueAndAwaitTheRun(c);
            CompletableFuture.runAsync(() -> monitor("step")).get(RawClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals("T02thread:1;", c.reply());
        }
    }

    @Test
    void theMonitorsStopStopsGdbsRunWithSigint() throws Exception {
        try (RawClient c = attach("")) {
            m.session.setRemoteDebugger(server);
            continueAndAwaitTheRun(c);
            CompletableFuture.runAsync(() -> monitor("stop")).get(RawClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals("T02thread:1;", c.reply());
        }
    }

    @Test
    void detachLeavesTheGuestStoppedAndTheMonitorUsable() throws Exception {
        try (RawClient c = attach("")) {
            assertEquals("OK", c.ask("D"));
            assertEquals(-1, c.nextByte(RawClient.TIMEOUT_MS), "the stub ends the conversation");
        }
        awaitConsole("gdb: client detached; the guest is stopped at ");
        assertTrue(!server.awaitServed(100), "a batch run would wait for the next client");
        long at = target().instructionsRetired();
        Thread.sleep(200);
        assertEquals(at, target().instructionsRetired());
        assertTrue(monitor("step").contains("0x"));
    }

    @Test
    void aClientCanAttachAgainAfterDetaching() throws IOException {
        try (RawClient c = attach("")) {
            assertEquals("OK", c.ask("D"));
        }
        try (RawClient again = new RawClient(server.address())) {
            assertEquals("T05thread:1;", again.ask("?"));
        }
    }

    @Test
    void theNextClientStartsWithVirtualMemoryAccesses() throws IOException {
        try (RawClient c = attach("")) {
            assertEquals("OK", c.ask("Qqemu.PhyMemMode:1"));
            assertEquals("OK", c.ask("D"));
        }
        try (RawClient again = new RawClient(server.address())) {
            assertEquals("0", again.ask("qqemu.PhyMemMode"));
        }
    }

    @Test
    void killEndsTheConnectionAndKeepsTheGuest() throws Exception {
        try (RawClient c = attach("")) {
            c.send("k");
            assertEquals(-1, c.nextByte(RawClient.TIMEOUT_MS));
        }
        assertTrue(server.awaitServed(RawClient.TIMEOUT_MS), "a batch run ends when gdb kills the target");
        monitor("info registers");
    }

    @Test
    void withoutWaitingTheGuestRunsUntilAClientAttaches() throws Exception {
        m = new DemoMachine("");
        server = GdbServer.start(m.session, m.dispatcher, "tcp::0", true);
        long start = m.session.target().instructionsRetired();
        for (int i = 0; i < 600 && target().instructionsRetired() == start; i++) Thread.sleep(100);
        assertNotEquals(start, target().instructionsRetired(), "the guest ran with no client");
        try (RawClient c = new RawClient(server.address())) {
            assertEquals("T05thread:1;", c.ask("?"));
            long at = target().instructionsRetired();
            Thread.sleep(200);
            assertEquals(at, target().instructionsRetired(), "attaching stopped it");
        }
    }

    @Test
    void aUnixSocketServesTheSameProtocol() throws Exception {
        Path dir = Files.createTempDirectory("gdbstub");
        Path sock = dir.resolve("gdb.sock");
        m = new DemoMachine("");
        server = GdbServer.start(m.session, m.dispatcher, "unix:" + sock, false);
        assertEquals("unix:" + sock, server.address());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap(PacketWriter.frame("qC")));
            ByteBuffer b = ByteBuffer.allocate(64);
            String got = "";
            while (!got.contains("#")) {
                ch.read(b);
                got = new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
            }
            assertEquals("+$QC1#", got.substring(0, 6));
        }
        server.close();
        assertTrue(Files.notExists(sock), "the socket file is removed");
        Files.deleteIfExists(dir);
    }

    @Test
    void aBadAddressIsOneClearLine() {
        m = new DemoMachine("");
        CommandException e = assertThrows(CommandException.class, () -> GdbServer.start(m.session, m.dispatcher, "tcp:nohost", false));
        assertEquals("bad gdb address: tcp:nohost (tcp::PORT, tcp:HOST:PORT, unix:PATH or PORT)", e.getMessage());
    }

    @Test
    void aPortInUseIsOneClearLine() throws IOException {
        try (RawClient c = attach("")) {
            String port = server.address().substring(server.address().lastIndexOf(':') + 1);
            CommandException e = assertThrows(CommandException.class, () -> GdbServer.start(m.session, m.dispatcher, "tcp::" + port, false));
            assertTrue(e.getMessage().startsWith("gdbserver: cannot listen on tcp::" + port + ": "), e.getMessage());
        }
    }
}
