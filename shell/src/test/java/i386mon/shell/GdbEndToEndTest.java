package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.kernel.KernelImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gdb against {@code i386mon --batch -S -gdb tcp::PORT} on the demo kernel built with -g:
 * source-level breakpoints, backtrace, registers, memory, variables, list, finish, a hardware
 * watchpoint, stepi, i386mon's commands through monitor, a catchpoint arriving as SIGSEGV, Ctrl-C
 * of a running guest, detach and attach again, kill ending the batch run.
 */
class GdbEndToEndTest {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String hexOf(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in: " + text);
        return m.group(1);
    }

    @Test
    void gdbDebugsTheDemoKernelThroughTheStub() throws Exception {
        assumeTrue(GdbProcess.available(), "gdb is not installed (apt-get install gdb): skipped");
        Path elf = dir.resolve("demo.elf");
        Files.write(elf, KernelImages.bytes(KernelImages.DEFAULT));
        int port = freePort();
        BatchLauncher i386mon = new BatchLauncher(dir);
        CompletableFuture<Integer> status = i386mon.start("--batch", "-S", "-gdb", "tcp::" + port, "--serial", "none",
                "-a", "scenario=identity,user", elf.toString());
        i386mon.awaitGdbListening();
        try (GdbProcess gdb = new GdbProcess(elf)) {
            String target = "target remote 127.0.0.1:" + port;
            assertTrue(gdb.command(target).contains("_start ()"), gdb.transcript());

            assertTrue(gdb.command("break kmain").contains("Breakpoint 1 at"));
            String stop = gdb.command("continue");
            assertTrue(stop.contains("Breakpoint 1, kmain (magic=732803074, mbi_phys="), stop);
            String bt = gdb.command("bt");
            assertTrue(bt.contains("#0  kmain (") && bt.contains("#1  0x") && bt.contains("in _start ()"), bt);
            String regs = gdb.command("info registers");
            for (String r : new String[] {"eax", "eip", "eflags", "cs", "fs_base", "cr0", "cr3", "efer", "mxcsr"}) {
                assertTrue(Pattern.compile("(?m)^" + r + " +0x").matcher(regs).find(), r + " in: " + regs);
            }
            String returnAddress = hexOf(gdb.command("bt"), "#1  (0x[0-9a-f]+) in _start");
            String words = gdb.command("x/4x $esp");
            String word = String.format("0x%08x", Long.parseLong(returnAddress.substring(2), 16));
            assertTrue(words.contains(word + "\t0x2badb002"), "return address and magic on the stack: " + words);
            assertEquals("$1 = 732803074", gdb.command("p magic"));
            assertEquals("$2 = 0", gdb.command("p ticks"));
            assertTrue(gdb.command("list").contains("void kmain(uint32_t magic, uint32_t mbi_phys)"));

            gdb.command("break gdt_init");
            assertTrue(gdb.command("continue").contains("gdt_init () at src/main/c/gdt.c"));
            String fin = gdb.command("finish");
            assertTrue(fin.contains("Run till exit from #0  gdt_init ()") && fin.contains("kmain ("), fin);

            assertTrue(gdb.command("monitor catch pf").contains("Catchpoint on #PF"));
            String segv = gdb.command("continue");
            assertTrue(segv.contains("Program received signal SIGSEGV, Segmentation fault."), segv);
            String translate = gdb.command("monitor translate $cr2");
            assertTrue(translate.contains("page fault") && translate.contains("not present"), translate);
            assertTrue(gdb.command("monitor info tlb").length() > 0);
            gdb.command("monitor catch --delete pf");

            gdb.command("delete");
            assertTrue(gdb.command("watch ticks").contains("Hardware watchpoint"));
            String watch = gdb.command("continue");
            assertTrue(watch.contains("Old value = 0") && watch.contains("New value = 1"), watch);
            gdb.command("delete");

            String pc = hexOf(gdb.command("p/x $pc"), "= (0x[0-9a-f]+)");
            gdb.command("stepi");
            String next = hexOf(gdb.command("p/x $pc"), "= (0x[0-9a-f]+)");
            assertTrue(!pc.equals(next), pc + " -> " + next);

            gdb.command("continue &");
            Thread.sleep(500);
            gdb.send("interrupt\n");
            String sigint = gdb.until("received signal SIGINT");
            assertTrue(sigint.contains("Program received signal SIGINT"), sigint);
            String stoppedAt = hexOf(gdb.command("p/x $pc"), "= (0x[0-9a-f]+)");

            assertTrue(gdb.command("detach").contains("detached"), gdb.transcript());
            assertTrue(gdb.command(target).length() > 0);
            assertEquals(stoppedAt, hexOf(gdb.command("p/x $pc"), "= (0x[0-9a-f]+)"), "the guest stayed where gdb left it");
            gdb.command("kill");
        }
        assertEquals(0, status.get(GdbProcess.TIMEOUT_MS, TimeUnit.MILLISECONDS), i386mon.err());
        String console = i386mon.err(); // a --batch run without commands keeps stdout for serial output: the monitor speaks on stderr
        assertTrue(console.contains("Stopped: caught #PF"), "the monitor explains the caught fault as it does today: " + console);
    }
}
