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

/** A batch run as CI does it: a separate JVM, an empty HOME, no terminal, stdin closed. */
class CiLikeRunTest {
    @TempDir Path home;

    @Test
    void kernelCiScriptExitsWithTheGuestStatusAndLeavesHomeEmpty() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "i386mon.shell.Main",
                "--batch", "--serial", "none", "-x", Path.of("..", "scripts", "kernel-ci.mon").toString()));
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("TERM");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run should end by itself");
        assertEquals(33, p.exitValue(), out);
        assertTrue(out.contains("Stopped: guest exit: wrote 0x10 to port 0xf4 (status 33)"), out);
        try (var files = Files.list(home)) {
            assertEquals(0, files.count(), "a batch run writes nothing to HOME");
        }
    }
}
