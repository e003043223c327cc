package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/i386mon run in a copy of the project whose jar is already built, with a {@code java}
 * on PATH that records each invocation (its HOME and arguments) instead of starting a JVM.
 */
class LauncherScriptTest {
    @TempDir Path dir;
    private Path root;
    private Path home;
    private Path log;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void fakeProject() throws Exception {
        root = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(Path.of("..", "scripts", "i386mon"), root.resolve("scripts/i386mon"));
        Files.createDirectories(root.resolve("shell/target/lib"));
        Files.write(root.resolve("shell/target/i386mon-shell-0.jar"), new byte[0]);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("java.log");
        Path java = Files.writeString(bin.resolve("java"), String.join("\n",
                "#!/usr/bin/env bash",
                "{ echo \"HOME=$HOME\"; printf '%s\\n' \"$@\"; echo '--end--'; } >> '" + log + "'",
                "cat > /dev/null",
                ""));
        java.toFile().setExecutable(true);
        home = Files.createDirectories(dir.resolve("home"));
    }

    /** The recorded invocations, each as HOME=... followed by its arguments. */
    private List<List<String>> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/i386mon").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("I386MON_REBUILD");
        pb.environment().put("I386MON_SEABIOS", dir.resolve("no-seabios.bin").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        List<List<String>> calls = new ArrayList<>();
        List<String> call = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.equals("--end--")) {
                calls.add(call);
                call = new ArrayList<>();
            } else {
                call.add(line);
            }
        }
        return calls;
    }

    @Test
    void theStartUpArchiveTrainingRunLeavesTheUsersHomeAlone() throws Exception {
        List<List<String>> calls = run("--batch");
        List<String> training = calls.stream().filter(c -> c.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))).findFirst().orElseThrow();
        assertNotEquals("HOME=" + home, training.get(0));
        try (var files = Files.list(home)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void theArchiveTrainingBootsSeaBiosFromTheBundledBootSectorWhenBothAreThere() throws Exception {
        bundleBootSectorAndSeaBios();
        List<List<String>> training = trainingRuns(run("--batch"));
        List<String> firmware = training.get(0);
        assertTrue(firmware.contains("-fda") && firmware.contains("-hda") && firmware.contains("-snapshot"), firmware.toString());
        assertTrue(firmware.contains("-XX:TieredStopAtLevel=1"), firmware.toString());
        assertTrue(firmware.stream().anyMatch(a -> a.startsWith("--max-instructions=")), "a training boot that never ends is cut short");
    }

    @Test
    void aFirmwareTrainingRunThatLeavesNoArchiveIsFollowedByTheDemoKernelSession() throws Exception {
        bundleBootSectorAndSeaBios();
        List<List<String>> training = trainingRuns(run("--batch")); // the recording java writes no archive
        assertEquals(2, training.size(), training.toString());
        assertFalse(training.get(1).contains("-fda"), training.get(1).toString());
    }

    @Test
    void withoutSeaBiosTheArchiveIsTrainedOnTheDemoKernelAlone() throws Exception {
        kernelJarWithBootSector();
        List<List<String>> training = trainingRuns(run("--batch"));
        assertEquals(1, training.size(), training.toString());
        assertFalse(training.get(0).contains("-fda"), training.get(0).toString());
    }

    private void bundleBootSectorAndSeaBios() throws Exception {
        kernelJarWithBootSector();
        env.put("I386MON_SEABIOS", Files.write(dir.resolve("bios.bin"), new byte[256 * 1024]).toString());
    }

    private void kernelJarWithBootSector() throws Exception {
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(root.resolve("shell/target/lib/i386mon-kernel-0.jar")))) {
            jar.putNextEntry(new ZipEntry("i386mon/kernel/bootsector.bin"));
            byte[] sector = new byte[512];
            sector[510] = 0x55;
            sector[511] = (byte) 0xAA;
            jar.write(sector);
            jar.closeEntry();
        }
    }

    private static List<List<String>> trainingRuns(List<List<String>> calls) {
        return calls.stream().filter(c -> c.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))).toList();
    }

    @Test
    void theHeapIsSizedFromTheGuestsMemory() throws Exception {
        List<String> monitor = last(run("-m", "3G", "--batch"));
        assertTrue(monitor.contains("-Xmx4096m"), monitor.toString());
    }

    @Test
    void theHeapFollowsEverySpellingOfTheMemoryOption() throws Exception {
        assertTrue(last(run("--memory=512M")).contains("-Xmx1536m"));
        assertTrue(last(run("-m64")).contains("-Xmx1088m"));
        assertTrue(last(run("--batch")).contains("-Xmx1152m"), "the default is 128M");
    }

    /** Without it C2 calls the later memory accesses of a block joined through calls out of line (call/ret ran at half speed, #19). */
    @Test
    void theOptimizingCompilerInlinesPastItsUsualCapPerMethod() throws Exception {
        assertTrue(last(run("--batch")).contains("-XX:-ClipInlining"));
    }

    /** G1's reference-store barriers made the compiled blocks' methods bigger; no collection runs in a guest loop (#19). */
    @Test
    void theJvmUsesTheSerialCollector() throws Exception {
        assertTrue(last(run("--batch")).contains("-XX:+UseSerialGC"));
    }

    /** First touches of fresh heap cost a page fault per 4 KiB without them (#15). */
    @Test
    void theHeapAsksForTransparentHugePagesWhenTheKernelGivesThemOnRequest() throws Exception {
        env.put("I386MON_THP_SETTING", Files.writeString(dir.resolve("thp"), "always [madvise] never\n").toString());
        assertTrue(last(run("--batch")).contains("-XX:+UseTransparentHugePages"));
    }

    @Test
    void theHeapDoesNotAskForTransparentHugePagesWhenTheKernelNeverGivesThem() throws Exception {
        env.put("I386MON_THP_SETTING", Files.writeString(dir.resolve("thp"), "always madvise [never]\n").toString());
        assertFalse(last(run("--batch")).contains("-XX:+UseTransparentHugePages"));
    }

    @Test
    void withoutTheKernelsSettingTheHeapDoesNotAskForTransparentHugePages() throws Exception {
        env.put("I386MON_THP_SETTING", dir.resolve("no-such-setting").toString());
        assertFalse(last(run("--batch")).contains("-XX:+UseTransparentHugePages"));
    }

    private static List<String> last(List<List<String>> calls) {
        return calls.get(calls.size() - 1);
    }
}
