package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.FakeKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeKernel kernel = new FakeKernel();
    private Path kernelFile;

    @BeforeEach
    void writeKernel() throws Exception {
        kernelFile = Files.write(dir.resolve("k.elf"), new byte[] {0x7f, 'E', 'L', 'F'});
    }

    private int run(String... args) {
        Launcher l = new Launcher(kernel, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", dir.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                });
        return l.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownOptionIsOneLinePlusUsageAndStatusTwo() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err().startsWith("Unknown option: '--frobnicate'\nUsage: i386mon"), err());
    }

    @Test
    void smpZeroIsAUsageError() {
        assertEquals(2, run("--batch", "-smp", "0", kernelFile.toString()));
        assertTrue(err().startsWith("-smp 0: the number of CPUs must be between 1 and 8, not 0\nUsage:"), err());
    }

    @Test
    void smpAboveEightIsAUsageError() {
        assertEquals(2, run("--batch", "-smp", "99", kernelFile.toString()));
        assertTrue(err().startsWith("-smp 99: the number of CPUs must be between 1 and 8, not 99\nUsage:"), err());
    }

    @Test
    void smpWithMoreCoresThanOnePerSocketIsAUsageError() {
        assertEquals(2, run("--batch", "-smp", "4,sockets=2", kernelFile.toString()));
        assertTrue(err().startsWith("-smp 4,sockets=2: i386mon's board has one core per socket: use -smp 4,sockets=4\nUsage:"), err());
    }

    @Test
    void smpInQemusSpellingIsAccepted() {
        assertEquals(0, run("--batch", "-smp", "4,sockets=4", "-c", "info status", kernelFile.toString()), err());
        assertEquals(4, kernel.lastRequest.cpus());
    }

    @Test
    void smpQuantumZeroIsAUsageError() {
        assertEquals(2, run("--batch", "--smp-quantum", "0", kernelFile.toString()));
        assertTrue(err().startsWith("--smp-quantum 0: must be between 1 and 1000000000 instructions\nUsage:"), err());
    }

    @Test
    void badMemorySizeIsAUsageError() {
        assertEquals(2, run("--batch", "-m", "lots", kernelFile.toString()));
        assertTrue(err().startsWith("bad memory size: lots (e.g. 64M or 1G)\nUsage:"), err());
    }

    @Test
    void memoryAboveThreeGibIsAUsageError() {
        assertEquals(2, run("--batch", "-m", "4G", kernelFile.toString()));
        assertTrue(err().startsWith("memory size out of range: 4G (2M to 3G)\nUsage:"), err());
    }

    private int runReal(String... args) {
        Launcher l = new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                });
        return l.run(args);
    }

    @Test
    void rtcShowsAFixedDateByDefault() {
        assertEquals(0, runReal("--batch", "--serial", "none", "-c", "info cmos"));
        assertTrue(out().contains("RTC: 2000-01-01 00:00:00"), out());
    }

    @Test
    void rtcHostStartsTheClockAtTheHostsDate() {
        assertEquals(0, runReal("--batch", "--serial", "none", "--rtc-host", "-c", "info cmos"));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        assertTrue(out().contains("RTC: " + today) || out().contains("RTC: " + yesterday), out());
    }

    @Test
    void pacedMachineStillRunsCommands() {
        assertEquals(0, runReal("--batch", "--serial", "none", "--pace", "-m", "64M", "-c", "step 1000", "-c", "print $eip"));
    }

    @Test
    void badSerialIsAUsageError() {
        assertEquals(2, run("--batch", "--serial", "tcp:1234", kernelFile.toString()));
        assertTrue(err().startsWith("bad --serial value: tcp:1234 (stdio, none or file:PATH)\n"), err());
    }

    @Test
    void helpDocumentsTheExitStatuses() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("(v<<1)|1 the guest wrote v to port 0xf4"), out());
        assertTrue(out().contains("4        an expect failed"), out());
    }

    @Test
    void versionPrintsTheName() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("i386mon "), out());
    }

    @Test
    void batchWithoutCommandsRunsTheGuestAndExitsWithItsStatus() {
        assertEquals((3 << 1) | 1, run("--batch", kernelFile.toString()));
        // stdout carries the serial output alone, as qemu-system-i386 -serial stdio; the monitor's words go to stderr (#18)
        assertEquals("Hi\n", out());
        assertEquals("Stopped: guest exit with status 3 at 0x00100015 (kernel_main+0x15)\n", err());
    }

    @Test
    void batchRunsCommandsAndScriptsInCommandLineOrder() throws Exception {
        Path script = Files.writeString(dir.resolve("s.mon"), "print/x 2\n");
        assertEquals(0, run("--batch", "-c", "print/x 1", "-x", script.toString(), "--command=print/x 3", kernelFile.toString()));
        assertEquals("0x1\n0x2\n0x3\n", out());
    }

    @Test
    void failingCommandGivesStatusTwo() {
        assertEquals(2, run("--batch", "-c", "nosuch", "-c", "print 1", kernelFile.toString()));
        assertEquals("unknown command: nosuch (type help for the list)\n", err());
        assertEquals("0x1\n", out());
    }

    @Test
    void failedExpectGivesStatusFour() {
        assertEquals(4, run("--batch", "-c", "expect $eax == 0", "-c", "nosuch", kernelFile.toString()));
    }

    @Test
    void tripleFaultGivesStatusSix() {
        assertEquals(6, run("--batch", "-c", "regs eip=crash", "-c", "cont", kernelFile.toString()));
    }

    @Test
    void serialNoneDropsGuestOutput() {
        run("--batch", "--serial", "none", kernelFile.toString());
        assertEquals("", out()); // without commands, stdout is the serial port's alone (#18)
        assertEquals("Stopped: guest exit with status 3 at 0x00100015 (kernel_main+0x15)\n", err());
    }

    @Test
    void serialFileWritesGuestOutputThere() throws Exception {
        Path log = dir.resolve("serial.log");
        run("--batch", "--serial", "file:" + log, kernelFile.toString());
        assertEquals("Hi\n", Files.readString(log));
    }

    @Test
    void missingKernelFileFailsTheBatch() {
        assertEquals(2, run("--batch", dir.resolve("none.elf").toString()));
        assertTrue(err().startsWith("no such kernel file: "), err());
    }

    @Test
    void withoutKernelTheDemoKernelIsUsedOrItsAbsenceExplained() {
        int status = run("--batch", "-c", "print 1");
        if (getClass().getClassLoader().getResource(KernelFiles.DEMO_RESOURCE) == null) {
            assertEquals(2, status);
            assertTrue(err().startsWith("the bundled kernel demo.elf is not available"), err());
        } else {
            assertEquals(0, status);
        }
    }

    @Test
    void memorySizeReachesTheMachine() {
        run("--batch", "-m", "2M", "-c", "print 1", kernelFile.toString());
        assertEquals(2 << 20, kernel.last.ram.length);
    }

    @Test
    void missingModuleIsAUsageError() {
        assertEquals(2, run("--batch", "--module", dir.resolve("nope.bin") + "=initrd", kernelFile.toString()));
        assertTrue(err().startsWith("no such module file: "), err());
    }

    @Test
    void aDeviceAsKernelEndsTheBatchWithOneLine() {
        int status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> run("--batch", "/dev/zero"));
        assertEquals(2, status);
        assertEquals("not a regular file: /dev/zero (a kernel must be a file)\n", err());
    }

    @Test
    void aModuleLargerThanTheGuestsRamIsAUsageError() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[(2 << 20) + 1]);
        assertEquals(2, run("--batch", "-m", "2M", "--module", big + "=initrd", kernelFile.toString()));
        assertTrue(err().startsWith(big + " is too large for a module: 2.0 MiB (at most 2 MiB, the guest's RAM)\n"), err());
    }

    @Test
    void aGuestThatDoesNotFitInTheHeapIsRefusedWithOneLine() {
        Launcher l = new Launcher(kernel, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", dir.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                }, () -> 2L << 30);
        assertEquals(2, l.run(new String[] {"--batch", "-m", "3G", kernelFile.toString()}));
        assertEquals("i386mon: a guest with 3072 MiB of RAM does not fit in this JVM's 2048 MiB heap "
                + "(scripts/i386mon sizes the heap from -m; else give java -Xmx3136m)\n", err());
        assertEquals(0, kernel.boots);
    }

    @Test
    void qemuSpellingsOfAMakefileRunWork() {
        assertEquals((3 << 1) | 1, run("-kernel", kernelFile.toString(), "-serial", "stdio", "-display", "none", "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-m", "128", "-nographic", "-no-shutdown"));
        assertEquals("Hi\n", out());
    }

    @Test
    void anUnknownQemuOptionIsOneLine() {
        assertEquals(2, run("-kernel", kernelFile.toString(), "-icount", "2"));
        assertEquals("not supported: -icount\n", err());
    }

    @Test
    void aDeviceOtherThanDebugExitIsOneLine() {
        assertEquals(2, run("-kernel", kernelFile.toString(), "-device", "e1000"));
        assertEquals("not supported: -device e1000 (only isa-debug-exit,iobase=0xf4,iosize=0x04)\n", err());
    }

    @Test
    void timeoutEndsABatchRunOfAnIdleGuestWithItsOwnStatus() {
        // the demo kernel idles forever after its scenarios
        assertEquals(8, runReal("--batch", "--serial", "none", "--timeout", "3"));
        assertTrue(err().startsWith("Stopped: timeout: 3 s of wall time elapsed (--timeout) at 0x"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void maxInstructionsEndsABatchRunWithItsOwnStatus() {
        assertEquals(10, runReal("--batch", "--serial", "none", "--max-instructions", "2000000"));
        assertTrue(err().startsWith("Stopped: instruction limit reached: 2000000 instructions (--max-instructions) at 0x"), err());
    }

    @Test
    void maxInstructionsCoversTheWholeRunOfCommands() {
        assertEquals(10, runReal("--batch", "--serial", "none", "--max-instructions", "5000", "-c", "step 3000", "-c", "step 3000", "-c", "print 1"));
        assertTrue(out().contains("Stopped: instruction limit reached: 5000 instructions (--max-instructions) at 0x"), out());
        assertTrue(!out().contains("\n1\n") && !out().endsWith("0x1\n"), "the run ended at the limit: " + out());
    }

    @Test
    void anInteractiveStartPrintsATwoLineBanner() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Launcher l = new Launcher(kernel, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", dir.toString()), () -> {
                    try {
                        // written in place: a terminal over a pty (what TerminalBuilder makes of two streams)
                        // copies its output on a thread of its own, which closing it may cut short
                        return new org.jline.terminal.impl.DumbTerminal("t", "dumb",
                                new java.io.ByteArrayInputStream("quit\n".getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertEquals(0, l.run(new String[] {"-a", "verbose", kernelFile.toString()}));
        String s = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        int banner = s.indexOf("i386mon: " + kernelFile + " in 128 MiB, command line \"verbose\"; stopped at 0x");
        assertTrue(banner >= 0, s);
        assertTrue(s.indexOf("\nType help for the commands, help CMD for one; cont runs the guest, Ctrl-C stops it, Ctrl-D quits.\n") > banner, s);
    }

    @Test
    void theBannerNamesTheSourceLineOfTheDemoKernelsEntry() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Launcher l = new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), () -> {
                    try {
                        return new org.jline.terminal.impl.DumbTerminal("t", "dumb",
                                new java.io.ByteArrayInputStream("quit\n".getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertEquals(0, l.run(new String[0]));
        String s = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(java.util.regex.Pattern.compile("(?m)^i386mon: demo\\.elf in 128 MiB; stopped at 0x0010000c \\(_start at boot\\.S:\\d+\\)\\.$")
                .matcher(s).find(), s);
    }

    @Test
    void helpFitsEightyColumnsWithoutSplittingAnOptionsLabel() {
        assertEquals(0, run("--help"));
        for (String line : out().split("\n")) assertTrue(line.length() <= 80, line);
        assertTrue(out().contains("[-initrd=FILE[ ARGS][,FILE...]]"), out());
    }

    @Test
    void dIntLogsEachPageFaultAsQemuDoes() throws Exception {
        Path log = dir.resolve("int.log");
        // the demo kernel's default scenarios take two page faults, then it exits
        runReal("--batch", "--serial", "none", "-append", "exit", "-d", "int", "-D", log.toString());
        String text = Files.readString(log);
        assertTrue(text.contains("check_exception old: 0xffffffff new 0xe\n"), text.substring(0, Math.min(text.length(), 3000)));
        assertTrue(java.util.regex.Pattern.compile("(?m)^ +\\d+: v=0e e=0000 i=0 cpl=0 IP=0008:[0-9a-f]{8} pc=[0-9a-f]{8} SP=0010:[0-9a-f]{8} CR2=01000000\nEAX=")
                .matcher(text).find(), text.substring(0, Math.min(text.length(), 3000)));
    }

    @Test
    void dIntLogsTimerInterruptsAsQemuDoes() throws Exception {
        Path log = dir.resolve("int.log");
        // after its scenarios the demo kernel idles in hlt, woken by the timer
        runReal("--batch", "--serial", "none", "--max-instructions", "3000000", "-d", "int", "-D", log.toString());
        String text = Files.readString(log);
        assertTrue(java.util.regex.Pattern.compile("(?m)^Servicing hardware INT=0x20\n +\\d+: v=20 e=0000 i=0 cpl=0 IP=0008:[0-9a-f]{8} "
                + "pc=[0-9a-f]{8} SP=0010:[0-9a-f]{8} env->regs\\[R_EAX\\]=[0-9a-f]{8}$").matcher(text).find(),
                text.substring(0, Math.min(text.length(), 3000)));
    }

    @Test
    void dIntIsTheSameOnEveryRun() throws Exception {
        Path a = dir.resolve("a.log"), b = dir.resolve("b.log");
        runReal("--batch", "--serial", "none", "-append", "exit", "-d", "int", "-D", a.toString());
        runReal("--batch", "--serial", "none", "-append", "exit", "-d", "int", "-D", b.toString());
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void dGoesToStderrWithoutD() {
        runReal("--batch", "--serial", "none", "-append", "exit", "-d", "int");
        assertTrue(err().contains("check_exception old: 0xffffffff new 0xe"), err().substring(0, Math.min(err().length(), 2000)));
        assertEquals("", out());
    }

    @Test
    void dCpuResetLogsTheStateBeforeAReset() {
        assertEquals(0, runReal("--batch", "--serial", "none", "-d", "cpu_reset", "-c", "step 3", "-c", "system_reset"));
        assertTrue(err().startsWith("CPU Reset (CPU 0)\nEAX="), err());
    }

    @Test
    void dGuestErrorsLogsAPortNoDeviceDecodes() {
        assertEquals(0, runReal("--batch", "--serial", "none", "-d", "guest_errors", "-c", "regs eax=0 edx=0x3e8", "-c", "set/b $eip = 0xee",
                "-c", "step"));
        assertTrue(err().contains("I/O port 0x3e8 was used; no device decodes it"), err());
    }

    @Test
    void dWithAnItemWeCannotLogIsOneLine() {
        assertEquals(2, run("-kernel", kernelFile.toString(), "-d", "in_asm"));
        assertEquals("not supported: -d in_asm; i386mon logs: int,cpu_reset,guest_errors\n", err());
    }

    @Test
    void dHelpListsTheItems() {
        assertEquals(0, run("-d", "help"));
        assertEquals("Log items (comma separated): int,cpu_reset,guest_errors\n", out());
    }

    @Test
    void anUnknownQemuOptionStartingWithDIsNotTakenForD() {
        assertEquals(2, run("-kernel", kernelFile.toString(), "-dtb", "board.dtb"));
        assertEquals("not supported: -dtb\n", err());
    }

    @Test
    void dIntWithSeveralCpusIsOneLine() {
        assertEquals(2, run("-kernel", kernelFile.toString(), "-smp", "2", "-d", "int"));
        assertEquals("not supported: -d int with -smp 2 (the log follows one CPU)\n", err());
    }
}
