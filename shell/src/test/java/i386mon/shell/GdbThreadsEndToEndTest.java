package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.kernel.KernelImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gdb against the stub on the demo kernel: an {@code -smp 2} guest shows as two threads
 * (the second CPU's registers its own), and reverse-stepi goes back after {@code monitor reverse on}.
 */
class GdbThreadsEndToEndTest {
    @TempDir
    Path dir;

    private static String pc(GdbProcess gdb) throws Exception {
        String text = gdb.command("p/x $pc");
        Matcher m = Pattern.compile("= (0x[0-9a-f]+)").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    private BatchLauncher i386mon;
    private Path elf;
    private int port;

    /** i386mon --batch -S with a stub on a free port on the demo kernel, with {@code options} (-smp 2); skipped when gdb is absent. */
    private CompletableFuture<Integer> start(String... options) throws Exception {
        assumeTrue(GdbProcess.available(), "gdb is not installed (apt-get install gdb): skipped");
        elf = dir.resolve("demo.elf");
        Files.write(elf, KernelImages.bytes(KernelImages.DEFAULT));
        port = GdbEndToEndTest.freePort();
        i386mon = new BatchLauncher(dir);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(options));
        args.addAll(java.util.List.of("--batch", "-S", "-gdb", "tcp::" + port, "--serial", "none", elf.toString()));
        CompletableFuture<Integer> status = i386mon.start(args.toArray(new String[0]));
        i386mon.awaitGdbListening();
        return status;
    }

    @Test
    void eachCpuOfAnSmpGuestIsAThreadWithItsOwnRegisters() throws Exception {
        CompletableFuture<Integer> status = start("-smp", "2");
        try (GdbProcess gdb = new GdbProcess(elf)) {
            gdb.command("target remote 127.0.0.1:" + port);
            String threads = gdb.command("info threads");
            assertTrue(threads.contains("Thread 1 (CPU 0 [running])") && threads.contains("Thread 2 (CPU 1 [waiting for SIPI])"), threads);
            String bsp = pc(gdb);
            assertTrue(gdb.command("thread 2").contains("Switching to thread 2"), gdb.transcript());
            String regs = gdb.command("info registers");
            assertTrue(Pattern.compile("(?m)^eip +0xfff0 ").matcher(regs).find(), "CPU 1 waits at the reset vector: " + regs);
            assertTrue(Pattern.compile("(?m)^cs +0xf000 ").matcher(regs).find(), regs);
            gdb.command("thread 1");
            assertEquals(bsp, pc(gdb), "thread 1 is CPU 0 again");
            gdb.command("kill");
        }
        assertEquals(0, status.get(GdbProcess.TIMEOUT_MS, TimeUnit.MILLISECONDS), i386mon.err());
    }

    @Test
    void reverseStepiBringsThePcBack() throws Exception {
        CompletableFuture<Integer> status = start();
        try (GdbProcess gdb = new GdbProcess(elf)) {
            gdb.command("target remote 127.0.0.1:" + port);
            String refused = gdb.command("reverse-stepi");
            assertTrue(refused.contains("reverse execution is off"), refused);
            assertTrue(gdb.command("monitor reverse on").contains("Recording from instruction"));
            String start = pc(gdb);
            gdb.command("stepi");
            String second = pc(gdb);
            gdb.command("stepi");
            gdb.command("stepi");
            gdb.command("reverse-stepi");
            gdb.command("reverse-stepi");
            assertEquals(second, pc(gdb));
            gdb.command("reverse-stepi");
            assertEquals(start, pc(gdb), gdb.transcript());
            gdb.command("kill");
        }
        assertEquals(0, status.get(GdbProcess.TIMEOUT_MS, TimeUnit.MILLISECONDS), i386mon.err());
    }
}
