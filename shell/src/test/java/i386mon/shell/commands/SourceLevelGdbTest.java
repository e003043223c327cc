package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.kernel.KernelImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * list, info line, info symbol and bt on the bundled demo kernel compared with what gdb prints for
 * the same ELF: gdb in batch mode on the file alone for the static answers, and for a backtrace gdb
 * attached to qemu-system-i386 stopped at the same place (each part skipped with a line when the
 * tool is not installed).
 */
class SourceLevelGdbTest {
    @TempDir Path dir;

    private Path kernel() throws IOException {
        Path elf = dir.resolve("demo.elf");
        Files.write(elf, KernelImages.bytes(KernelImages.DEFAULT));
        return elf;
    }

    static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** gdb -batch on the ELF alone, one -ex per command; its standard output. */
    private String gdb(Path elf, List<String> commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-nx", "-batch"));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        cmd.add(elf.toString());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb timed out");
        return out;
    }

    /** Our answer to each command, each as gdb would print it (our errors are gdb's messages). */
    private static String ours(DemoSession s, List<String> commands) {
        StringBuilder sb = new StringBuilder();
        for (String c : commands) {
            int mark = s.out.getBuffer().length();
            var o = s.dispatcher.execute(c);
            if (!o.ok()) sb.append(o.message()).append('\n');
            sb.append(s.out.getBuffer().substring(mark));
        }
        return sb.toString();
    }

    @Test
    void infoLineAndInfoSymbolSayWhatGdbSays() throws Exception {
        assumeTrue(onPath("gdb"), "gdb is not installed: skipped");
        Path elf = kernel();
        DemoSession s = new DemoSession("");
        List<String> commands = new ArrayList<>(List.of("info line kmain", "info line main.c:60", "info line main.c:184",
                "info line main.c:200", "info line paging.c:100", "info line console.c:125", "info line isr.S:67",
                "info line main.c:9999"));
        // every function's entry and a few addresses inside each
        for (var f : s.session.target().debugInfo().functions()) {
            for (long a : new long[] {f.entry(), f.entry() + 1, (f.entry() + f.end()) / 2, f.end() - 1}) {
                commands.add(String.format("info line *0x%x", a));
                commands.add(String.format("info symbol 0x%x", a));
            }
        }
        commands.add("info symbol 0x200000");
        String expected = gdb(elf, commands);
        s.out.getBuffer().setLength(0);
        // gdb prints a gcc clone's symbol without its number ("reserve.part" for reserve.part.0); we print the ELF's name
        sameLines(expected, ours(s, commands).replaceAll("(?m)^(\\S+\\.(?:part|constprop|isra|cold))\\.\\d+( \\+ \\d+)? in section", "$1$2 in section"));
    }

    @Test
    void listSaysWhatGdbSays() throws Exception {
        assumeTrue(onPath("gdb"), "gdb is not installed: skipped");
        Path elf = kernel();
        DemoSession s = new DemoSession("");
        List<String> commands = List.of("list kmain", "list", "list main.c:10", "list paging.c:100", "list", "list kprintf",
                "list page_fault", "list 3");
        sameLines(gdb(elf, commands), ours(s, commands));
    }

    /** Equal texts, told by the first line that differs. */
    private static void sameLines(String gdb, String ours) {
        String[] g = gdb.split("\n", -1), o = ours.split("\n", -1);
        for (int i = 0; i < Math.min(g.length, o.length); i++) assertEquals(g[i], o[i], "line " + (i + 1));
        assertEquals(g.length, o.length, "line count; gdb:\n" + gdb + "\nours:\n" + ours);
    }

    private static final Pattern GDB_FRAME = Pattern.compile("#(\\d+)\\s+(?:0x([0-9a-f]+) in )?(\\S+) \\(.*?\\) at (\\S+):(\\d+)");
    private static final Pattern OUR_FRAME = Pattern.compile("#(\\d+)\\s+0x([0-9a-f]+) in (\\S+) \\(.*?\\) at (\\S+):(\\d+)");

    /** "function file:line" of each frame line {@code p} matches. */
    private static List<String> frames(String text, Pattern p) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = p.matcher(line);
            if (m.find()) out.add(m.group(3) + " " + m.group(4) + ":" + m.group(5));
        }
        return out;
    }

    private static final Pattern CALL = Pattern.compile("^#\\d+\\s+(?:0x[0-9a-f]+ in )?(\\S+ \\(.*\\)) at \\S+:\\d+$");

    /** "function (arguments)" of each frame line, as gdb prints them ("kprintf (fmt=fmt@entry=0x1044f4 \"...\")"). */
    private static List<String> calls(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = CALL.matcher(line);
            if (m.find()) out.add(m.group(1));
        }
        return out;
    }

    @Test
    void backtraceArgumentsAreGdbsOnQemuWithStringsAndEntryValues() throws Exception {
        assumeTrue(onPath("gdb") && onPath("qemu-system-i386"), "gdb or qemu-system-i386 is not installed: skipped");
        // the seventh kvprintf (gdb: the first hit, then 5 ignored): called by kprintf from pmm_init, whose argument gdb knows from kmain's call site
        String gdbBt = qemuGdb("scenario=identity", List.of("break kvprintf", "continue", "ignore 1 5", "continue", "bt"));
        DemoSession s = new DemoSession("scenario=identity");
        s.ok("break kvprintf");
        for (int i = 0; i < 7; i++) s.ok("cont");
        String bt = s.ok("bt");
        List<String> ours = calls(bt);
        assertEquals(5, ours.size(), bt);
        assertTrue(ours.get(0).startsWith("kvprintf (fmt=fmt@entry=0x"), bt);
        assertEquals(calls(gdbBt), ours, "gdb:\n" + gdbBt + "ours:\n" + bt);
    }

    @Test
    void backtraceInANestedCallMatchesGdbOnQemu() throws Exception {
        assumeTrue(onPath("gdb") && onPath("qemu-system-i386"), "gdb or qemu-system-i386 is not installed: skipped");
        String qemuBt = qemuBacktrace("scenario=identity", "idt_init");
        DemoSession s = new DemoSession("scenario=identity");
        s.ok("break idt_init");
        s.ok("cont");
        s.ok("break kprintf");
        s.ok("cont");
        String bt = s.ok("bt");
        // gdb's walk needs the same frames as ours up to _start (gdb goes on into garbage there)
        List<String> gdbFrames = frames(qemuBt, GDB_FRAME);
        List<String> ourFrames = frames(bt, OUR_FRAME);
        assertTrue(ourFrames.size() >= 3, bt);
        assertEquals(gdbFrames.subList(0, ourFrames.size()), ourFrames, "gdb:\n" + qemuBt + "ours:\n" + bt);
        // and the arguments: fmt with its string and its entry value from idt_init's call site
        assertEquals(calls(qemuBt).subList(0, ourFrames.size()), calls(bt), "gdb:\n" + qemuBt + "ours:\n" + bt);
    }

    @Test
    void backtraceThroughAPageFaultMatchesGdbOnQemuThenGdbsStaticAnswers() throws Exception {
        assumeTrue(onPath("gdb") && onPath("qemu-system-i386"), "gdb or qemu-system-i386 is not installed: skipped");
        String cmdline = "scenario=identity,fault=0xC0000000,write";
        String qemuBt = qemuBacktrace(cmdline, null);
        DemoSession s = new DemoSession(cmdline);
        s.ok("break panic");
        s.ok("cont");
        String bt = s.ok("bt");
        assertTrue(bt.contains("<interrupt: vector 14 (#PF), error code 0x2, entered at "), bt);
        assertTrue(bt.contains("\nBacktrace stopped: "), bt);
        List<String> ourFrames = frames(bt, OUR_FRAME);
        // up to the interrupt frame gdb attached to qemu agrees (it cannot unwind the stub itself)
        List<String> gdbFrames = frames(qemuBt, GDB_FRAME);
        assertEquals(List.of("panic src/main/c/main.c:123", "page_fault src/main/c/paging.c:100", "isr_common src/main/c/isr.S:67"),
                gdbFrames.subList(0, 3), qemuBt);
        assertEquals(gdbFrames.subList(0, 3), ourFrames.subList(0, 3), bt);
        assertEquals(calls(qemuBt).subList(0, 3), calls(bt).subList(0, 3), "gdb:\n" + qemuBt + "ours:\n" + bt);
        // beyond it, each frame's pc as gdb reads the ELF: the interrupted instruction itself, return addresses inside their call
        Matcher m = OUR_FRAME.matcher(bt);
        List<String> commands = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        boolean afterInterrupt = false;
        for (String line : bt.split("\n")) {
            if (line.contains("<interrupt:")) {
                afterInterrupt = true;
                continue;
            }
            Matcher f = OUR_FRAME.matcher(line);
            if (!afterInterrupt || !f.find()) continue;
            long pc = Long.parseLong(f.group(2), 16);
            boolean interrupted = commands.isEmpty();
            commands.add(String.format("info line *0x%x", interrupted ? pc : pc - 1));
            commands.add(String.format("info symbol 0x%x", pc));
            expected.add(f.group(3) + " " + f.group(4) + ":" + f.group(5));
        }
        assertTrue(commands.size() >= 4, bt);
        String answers = gdb(kernel(), commands);
        List<String> gdbStatic = new ArrayList<>();
        Matcher line = Pattern.compile("Line (\\d+) of \"([^\"]+)\"").matcher(answers);
        Matcher sym = Pattern.compile("(?m)^(\\S+)(?: \\+ \\d+)? in section").matcher(answers);
        while (line.find() && sym.find()) gdbStatic.add(sym.group(1) + " " + line.group(2) + ":" + line.group(1));
        assertEquals(expected, gdbStatic, answers);
    }

    /** gdb's bt with qemu stopped at {@code first} (if given) and then at panic or kprintf. */
    private String qemuBacktrace(String cmdline, String first) throws Exception {
        List<String> commands = new ArrayList<>();
        if (first != null) {
            commands.addAll(List.of("break " + first, "continue", "delete", "break kprintf", "continue"));
        } else {
            commands.addAll(List.of("break panic", "continue"));
        }
        commands.add("bt");
        return qemuGdb(cmdline, commands);
    }

    /** What gdb prints for {@code gdbCommands} attached to qemu-system-i386 started on the demo kernel with {@code cmdline}. */
    private String qemuGdb(String cmdline, List<String> gdbCommands) throws Exception {
        Path elf = kernel();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process qemu = new ProcessBuilder("qemu-system-i386", "-kernel", elf.toString(), "-append", cmdline,
                "-gdb", "tcp:127.0.0.1:" + port, "-S", "-display", "none", "-serial", "null", "-monitor", "none", "-no-reboot")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> commands = new ArrayList<>(List.of("target remote 127.0.0.1:" + port));
            commands.addAll(gdbCommands);
            for (int attempt = 0; ; attempt++) {
                String out = gdb(elf, commands);
                if (out.contains("#0 ") || attempt == 20) return out;
                Thread.sleep(250); // qemu's gdb port not listening yet
            }
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
