package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.kernel.KernelImages;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import i386mon.shell.session.EmulatorLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging commands on the bundled demo kernel, booted on a real machine. */
class DemoKernelTest {
    private final StringWriter out = new StringWriter();
    private final ByteArrayOutputStream serial = new ByteArrayOutputStream();
    private final Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(serial), new PrintWriter(out, true), new PrintWriter(out, true));
    private final CommandDispatcher dispatcher = new CommandDispatcher(session);

    private void boot(String cmdline) {
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), cmdline, List.of(), 64 << 20));
    }

    private String ok(String line) {
        int mark = out.getBuffer().length();
        var o = dispatcher.execute(line);
        if (!o.ok()) throw new AssertionError(line + ": " + o.message());
        return out.getBuffer().substring(mark);
    }

    @Test
    void infoTlbMatchesQemuForFourMegabyteIdentityPaging() {
        boot("scenario=identity-4m exit");
        ok("cont");
        String tlb = ok("info tlb");
        assertTrue(tlb.startsWith("0000000000000000: 0000000000000000 --PDA---W\n0000000000400000: 0000000000400000 --P-----W\n"), tlb);
        assertTrue(ok("info mem").startsWith("0000000000000000-0000000001000000 0000000001000000 -rw\n"));
    }

    @Test
    void translateExplainsAFaultingWrite() {
        boot("scenario=identity-4m exit");
        ok("cont");
        String t = ok("translate 0xf0000000 --write");
        assertTrue(t.contains("  PDE   0x3c0 at "), t);
        assertTrue(t.endsWith("  -> page fault: PDE 0x3c0 not present; error code 0x2 (not present, write, supervisor)\n"), t);
        assertEquals("f0000000: Cannot access memory (PDE 0x3c0 not present)\n", ok("x/4x 0xf0000000"));
    }

    @Test
    void catchpointStopsAtThePageFault() {
        boot("scenario=identity,fault=0xC0000000,write exit");
        ok("catch pagefault");
        String stop = ok("cont");
        assertTrue(stop.startsWith("Stopped: caught #PF"), stop);
        ok("expect stop pagefault");
        ok("expect ($errcode & 1) == 0"); // not present
        String cr2 = ok("print/x $cr2").strip();
        assertTrue(stop.contains(String.format("at 0x%08x", Long.decode(cr2))), stop + " vs CR2 " + cr2);
    }

    @Test
    void expectSerialSeesTheKernelsConsole() {
        boot("exit");
        ok("expect serial \"selftest: ok\"");
        ok("expect stop exit");
        assertEquals(33, session.exitStatus().value());
    }
}
