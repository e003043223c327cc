package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** i386mon in place of qemu-system-i386 in a Makefile's test rule (#18): same options, same streams, same status. */
class QemuDropInTest {
    @TempDir Path dir;

    @Test
    void aMakefileTestRuleRunsWithI386monInPlaceOfQemu() throws Exception {
        Path kernel = Path.of("..", "kernel", "target", "classes", "i386mon", "kernel", "demo.elf").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String qemu = String.format("%s -cp '%s' i386mon.shell.Main", java, System.getProperty("java.class.path"));
        // as a Makefile writes it: $(QEMU) -kernel $< -append ... -serial stdio -display none ... > $@
        Files.writeString(dir.resolve("Makefile"), "QEMU = " + qemu + "\n"
                + "test.log: " + kernel + "\n"
                + "\t$(QEMU) -kernel $< -append 'scenario=identity exit' -m 128 -serial stdio -display none -no-reboot \\\n"
                + "\t  -device isa-debug-exit,iobase=0xf4,iosize=0x04 > $@ 2> monitor.txt; test $$? -eq 33\n");
        ProcessBuilder pb = new ProcessBuilder(List.of("make", "-s", "test.log")).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("TERM");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String make = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "make should end by itself");
        assertEquals(0, p.exitValue(), make + (Files.exists(dir.resolve("monitor.txt")) ? Files.readString(dir.resolve("monitor.txt")) : ""));
        String log = Files.readString(dir.resolve("test.log"));
        assertTrue(log.contains("done: all scenarios passed"), log);
        assertTrue(!log.contains("Stopped:"), "stdout is the serial output alone: " + log);
        assertTrue(Files.readString(dir.resolve("monitor.txt")).startsWith("Stopped: guest exit"), Files.readString(dir.resolve("monitor.txt")));
    }
}
