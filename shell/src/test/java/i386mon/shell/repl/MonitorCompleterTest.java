package i386mon.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import i386mon.shell.guest.FakeKernel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class MonitorCompleterTest {
    private final Session session = new Session(new FakeKernel(), new SerialCapture(null), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    private final MonitorCompleter completer;

    MonitorCompleterTest() {
        session.boot(new BootRequest("k.elf", new byte[] {0x7f}, "", List.of(), 4 << 20));
        completer = new MonitorCompleter(new CommandDispatcher(session).commandLine(), session);
    }

    private List<String> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length());
        List<Candidate> c = new ArrayList<>();
        completer.complete(null, parsed, c);
        List<String> values = new ArrayList<>();
        for (Candidate x : c) values.add(x.value());
        return values;
    }

    @Test
    void completesCommandNames() {
        assertTrue(complete("gva").contains("gva2gpa"));
        assertTrue(complete("").contains("info"));
    }

    @Test
    void completesSubcommands() {
        assertTrue(complete("info reg").contains("registers"));
    }

    @Test
    void completesOptions() {
        assertTrue(complete("cont --m").contains("--max"));
    }

    @Test
    void completesRegistersAfterDollar() {
        assertTrue(complete("print $cr").contains("$cr3"));
    }

    @Test
    void completesSymbolsOfTheLoadedKernel() {
        assertTrue(complete("break kern").contains("kernel_main"));
    }

    @Test
    void completesBundledKernelNamesForLoad() throws Exception {
        session.setKernelSource(new i386mon.shell.session.KernelSource() {
            @Override public byte[] read(String name) { return new byte[0]; }
            @Override public List<String> bundledNames() { return List.of("demo.elf", "demo-higher-half.elf"); }
        });
        try (var terminal = new org.jline.terminal.impl.DumbTerminal("t", "dumb", new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            var reader = org.jline.reader.LineReaderBuilder.builder().terminal(terminal).build();
            String line = "load dem";
            ParsedLine parsed = new DefaultParser().parse(line, line.length());
            List<Candidate> c = new ArrayList<>();
            completer.complete(reader, parsed, c);
            assertTrue(c.stream().anyMatch(x -> x.value().equals("demo-higher-half.elf")));
        }
    }

    @Test
    void completesStopKindsOfExpect() {
        assertTrue(complete("expect stop tr").contains("triplefault"));
    }

    @Test
    void completesCommandNamesAfterHelp() {
        List<String> c = complete("help wat");
        assertTrue(c.contains("watch") && !c.contains("kernel_main"), c.toString());
    }

    @Test
    void completesExceptionNamesAfterCatch() {
        List<String> c = complete("catch ");
        assertTrue(c.contains("pf") && c.contains("gp") && !c.contains("kernel_main"), c.toString());
        // prefix matching: "gp" does not start with "p"
        assertEquals(List.of("pagefault", "pf"), complete("catch p"));
    }

    @Test
    void completesOnAndOffAfterHistory() {
        assertEquals(List.of("on", "off"), complete("history "));
    }

    @Test
    void completesBreakpointNumbersAfterDelete() {
        CommandDispatcher d = new CommandDispatcher(session);
        d.execute("break kernel_main");
        d.execute("tbreak helper");
        assertEquals(List.of("1", "2"), complete("delete "));
    }

    @Test
    void completesRegisterAssignmentsAfterRegs() {
        List<String> c = complete("regs e");
        assertTrue(c.contains("eax=") && !c.contains("kernel_main"), c.toString());
    }

    @Test
    void completesDumpAfterPteAndNoSymbols() {
        assertEquals(List.of("dump"), complete("pte "));
    }

    @Test
    void offersNoSymbolsWhereASubcommandIsExpected() {
        List<String> c = complete("info ");
        assertTrue(c.contains("registers") && !c.contains("kernel_main"), c.toString());
    }

    private List<String> completeWithReader(String line) throws Exception {
        try (var terminal = new org.jline.terminal.impl.DumbTerminal("t", "dumb", new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            var reader = org.jline.reader.LineReaderBuilder.builder().terminal(terminal).build();
            ParsedLine parsed = new DefaultParser().parse(line, line.length());
            List<Candidate> c = new ArrayList<>();
            completer.complete(reader, parsed, c);
            List<String> values = new ArrayList<>();
            for (Candidate x : c) values.add(x.value());
            return values;
        }
    }

    @Test
    void offersOnlyCandidatesThatStartWithTheWord() {
        assertEquals(List.of(), complete("break main"));
        assertEquals(List.of(), complete("info ters"));
        assertEquals(List.of("helper"), complete("x/4x hel"));
    }

    @Test
    void offersSymbolsForEveryCommandThatTakesAnAddress() {
        for (String cmd : List.of("break", "tbreak", "x", "xp", "x/4x", "disas", "until", "advance", "list", "info line",
                "info symbol", "print", "print/x", "display", "gva2gpa", "translate", "set", "memsave", "pmemsave", "setpmem", "pte dump")) {
            assertTrue(complete(cmd + " kern").contains("kernel_main"), cmd);
        }
    }

    @Test
    void offersNoSymbolsWhereNoAddressIsTaken() {
        for (String line : List.of("cont ", "step ", "quit ", "sendkey ", "i ", "frame ", "history on ", "disas kernel_main ",
                "memsave kernel_main ", "reverse ", "savevm ", "gdbserver ", "serial-input ", "break kernel_main cpu ")) {
            assertTrue(!complete(line).contains("kernel_main"), line + " -> " + complete(line));
        }
    }

    @Test
    void offersSymbolsInAConditionAndAfterAStar() {
        assertTrue(complete("break helper if kern").contains("kernel_main"));
        assertTrue(complete("catch pf if kern").contains("kernel_main"));
        assertEquals(List.of("*kernel_main"), complete("break *kern"));
    }

    @Test
    void offersSymbolsAsARegistersValue() {
        assertEquals(List.of("eip=kernel_main"), complete("regs eip=kern"));
    }

    @Test
    void offersNoSymbolsWhereAnOptionsValueGoes() {
        assertEquals(List.of(), complete("cont --max "));
    }

    @Test
    void completesSubcommandsAfterHelpAndACommand() {
        assertEquals(List.of("registers"), complete("help info reg"));
        assertEquals(List.of("dump"), complete("help pte "));
    }

    @Test
    void completesTheInfoSubcommandsByPrefixOnly() {
        List<String> c = complete("info s");
        assertTrue(c.containsAll(List.of("status", "symbols", "symbol", "snapshots", "serial")), c.toString());
        assertTrue(c.stream().allMatch(x -> x.startsWith("s")), c.toString());
    }

    @Test
    void completesOnAndOffWhereACommandTakesThem() {
        assertEquals(List.of("on", "off"), complete("reverse "));
        assertEquals(List.of("on", "off"), complete("serial-input "));
        assertEquals(List.of(), complete("history on "));
    }

    @Test
    void completesDisplayNumbersAfterUndisplay() {
        new CommandDispatcher(session).execute("display $eax");
        assertEquals(List.of("1"), complete("undisplay "));
    }

    @Test
    void completesCpuNumbersAfterCpu() {
        assertEquals(List.of("0"), complete("cpu "));
    }

    @Test
    void completesPteOrAnAddressAfterWatch() {
        List<String> c = complete("watch ");
        assertTrue(c.contains("pte") && c.contains("kernel_main"), c.toString());
        assertTrue(complete("watch -p ").contains("pte"));
        assertTrue(complete("watch pte kern").contains("kernel_main"));
        assertEquals(List.of(), complete("watch kernel_main "));
    }

    @Test
    void completesFilePathsWhereAFileGoes() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("completer");
        try {
            java.nio.file.Files.writeString(dir.resolve("script.mon"), "");
            String prefix = dir + "/scr";
            for (String line : List.of("source ", "memsave kernel_main 16 ", "pmemsave 0 16 ", "screendump ", "writemem ",
                    "savevm --file ", "loadvm --file ", "load ")) {
                assertTrue(completeWithReader(line + prefix).contains(dir + "/script.mon"), line);
            }
            assertTrue(!completeWithReader("memsave " + prefix).contains(dir + "/script.mon"), "memsave's first word is an address");
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("script.mon"));
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
