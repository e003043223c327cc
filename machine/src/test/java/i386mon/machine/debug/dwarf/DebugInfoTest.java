package i386mon.machine.debug.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The reader on gcc's own output, DWARF 4 and 5, checked against binutils' reading of the same file. */
class DebugInfoTest {
    @TempDir Path dir;

    private DebugInfo build(int version, String... more) throws Exception {
        GccOutput.assumeToolchain();
        String[] flags = new String[more.length + 1];
        flags[0] = "-gdwarf-" + version;
        System.arraycopy(more, 0, flags, 1, more.length);
        return DebugInfo.of(Files.readAllBytes(GccOutput.build(dir, flags)));
    }

    /** addr2line's "function\nfile:line" for each address, parsed. */
    private List<String> addr2line(List<Long> addresses) throws Exception {
        String[] cmd = new String[addresses.size() + 4];
        cmd[0] = "addr2line";
        cmd[1] = "-f";
        cmd[2] = "-e";
        cmd[3] = "prog.elf";
        for (int i = 0; i < addresses.size(); i++) cmd[i + 4] = "0x" + Long.toHexString(addresses.get(i));
        return GccOutput.run(dir, cmd).lines().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void everyCodeAddressHasTheLineAndFunctionAddr2lineGives(int version) throws Exception {
        DebugInfo d = build(version);
        assertNull(d.warning());
        List<Long> addresses = new java.util.ArrayList<>();
        for (Function f : d.functions()) for (long a = f.entry(); a < f.end(); a++) addresses.add(a);
        assertTrue(addresses.size() > 20, "the program has code: " + addresses.size());
        List<String> expected = addr2line(addresses);
        for (int i = 0; i < addresses.size(); i++) {
            long a = addresses.get(i);
            SourceLine l = d.lineAt(a);
            assertNotNull(l, "line of 0x" + Long.toHexString(a));
            String function = expected.get(2 * i);
            String fileLine = expected.get(2 * i + 1).replaceAll(" \\(discriminator \\d+\\)", "");
            assertEquals(function, d.functionAt(a).name(), "function at 0x" + Long.toHexString(a));
            // addr2line names the last row at an address; gdb (and we) prefer a statement row there, so compare lines only where they agree on the row kind
            if (fileLine.endsWith(":" + l.line())) continue;
            assertTrue(sameAddressRows(a), "0x" + Long.toHexString(a) + ": " + fileLine + " vs " + l.shortText());
        }
    }

    /** Whether binutils' decoded line table has more than one row at {@code address} (where gdb's choice differs from addr2line's). */
    private boolean sameAddressRows(long address) throws Exception {
        String hex = "0x" + Long.toHexString(address);
        long rows = GccOutput.run(dir, "readelf", "--debug-dump=decodedline", "prog.elf").lines()
                .filter(line -> line.matches(".*\\s" + hex + "(\\s.*)?")).count();
        return rows > 1;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void compileUnitNamesTheSourceAndItsDirectory(int version) throws Exception {
        DebugInfo d = build(version);
        assertEquals(1, d.units().size());
        CompileUnit cu = d.units().get(0);
        assertEquals("prog.c", cu.name());
        assertEquals(version, cu.version());
        assertEquals(dir.toRealPath().toString(), Path.of(cu.compDir()).toRealPath().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void functionsHaveTheSymbolTablesAddressesAndSizes(int version) throws Exception {
        DebugInfo d = build(version);
        String nm = GccOutput.run(dir, "nm", "-S", "prog.elf");
        for (String name : List.of("square", "sum", "start")) {
            Function f = d.function(name);
            assertNotNull(f, name);
            String expected = nm.lines().filter(l -> l.endsWith(" " + name)).findFirst().orElseThrow();
            String[] parts = expected.split(" ");
            assertEquals(Long.parseLong(parts[0], 16), f.entry(), name + " entry");
            assertEquals(Long.parseLong(parts[1], 16), f.end() - f.entry(), name + " size");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void aLineResolvesToTheFirstAddressOfItsStatement(int version) throws Exception {
        DebugInfo d = build(version);
        List<SourceLine> at = d.addressesOf("prog.c", 16); // counter = sum(5);
        assertEquals(1, at.size());
        assertEquals(d.function("start"), d.functionAt(at.get(0).start()));
        assertEquals(16, d.lineAt(at.get(0).start()).line());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void aLineWithoutCodeResolvesToTheNextLineThatHasSome(int version) throws Exception {
        DebugInfo d = build(version);
        // the blank line before start(); gdb: "Line 14 ... is at address <start> but contains no code" -
        // line 15's row shares its address with line 16's, which supersedes it, so the next line with code is 16
        List<SourceLine> at = d.addressesOf("prog.c", 14);
        assertFalse(at.isEmpty());
        assertEquals(16, at.get(0).line());
        assertEquals(d.function("start").entry(), at.get(0).start());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void frameRulesFollowTheStackPointerThroughAPrologue(int version) throws Exception {
        DebugInfo d = build(version, "-fno-omit-frame-pointer", "-fno-asynchronous-unwind-tables");
        assertTrue(d.hasFrames());
        Function sum = d.function("sum");
        FrameRule entry = d.frameRuleAt(sum.entry());
        assertEquals(4, entry.cfaRegister(), "CFA = ESP + 4 at the entry");
        assertEquals(4, entry.cfaOffset());
        assertEquals(FrameRule.Rule.Kind.OFFSET, entry.registers().get(8).kind(), "return address saved at CFA-4");
        assertEquals(-4, entry.registers().get(8).value());
        FrameRule body = d.frameRuleAt(sum.end() - 1);
        assertTrue(body.cfaRegister() == 5 || body.cfaRegister() == 4, "CFA by EBP or ESP in the body: " + body);
    }

    @Test
    void ehFrameIsReadWhenThereIsNoDebugFrame() throws Exception {
        DebugInfo d = build(5, "-fasynchronous-unwind-tables");
        assertTrue(d.hasFrames());
        FrameRule entry = d.frameRuleAt(d.function("sum").entry());
        assertEquals(4, entry.cfaRegister());
        assertEquals(4, entry.cfaOffset());
    }

    @Test
    void aFileWithoutDwarfHasNothingAndNoWarning() throws Exception {
        GccOutput.assumeToolchain();
        DebugInfo d = DebugInfo.of(Files.readAllBytes(GccOutput.build(dir, "-g0")));
        assertFalse(d.present());
        assertNull(d.lineAt(0x100000));
        assertNull(d.warning());
    }

    @Test
    void aTruncatedLineTableIsOneWarningAndTheFunctionsStillAnswer() throws Exception {
        GccOutput.assumeToolchain();
        byte[] elf = Files.readAllBytes(GccOutput.build(dir, "-gdwarf-5"));
        i386mon.machine.boot.ElfFile parsed = i386mon.machine.boot.ElfFile.parse(elf);
        var line = parsed.section(".debug_line");
        // a unit length far beyond the section: the table is cut short
        int at = (int) line.offset();
        elf[at] = (byte) 0xF0;
        elf[at + 1] = (byte) 0xFF;
        elf[at + 2] = (byte) 0xFF;
        elf[at + 3] = (byte) 0x7F;
        DebugInfo d = DebugInfo.of(elf);
        assertNotNull(d.warning());
        assertTrue(d.warning().startsWith("warning: DWARF: .debug_line is truncated"), d.warning());
        assertFalse(d.warning().contains("\n"));
        assertNotNull(d.function("sum"));
    }

    @Test
    void theReaderStartedAheadIsTheOneTheNextReadOfTheSameImageGets() {
        byte[] image = {0x7f, 'E', 'L', 'F'};
        DebugInfo started = DebugInfo.readAhead(image, task -> { });
        assertSame(started, DebugInfo.of(image));
        assertNotSame(started, DebugInfo.of(image));
    }

    @Test
    void anotherImageGetsAReaderOfItsOwn() {
        byte[] image = {0x7f, 'E', 'L', 'F'};
        DebugInfo started = DebugInfo.readAhead(image, task -> { });
        assertNotSame(started, DebugInfo.of(image.clone()));
    }

    @Test
    void aReaderReadAheadAnswersAsOneReadOnDemand() throws Exception {
        GccOutput.assumeToolchain();
        byte[] image = Files.readAllBytes(GccOutput.build(dir, "-gdwarf-5"));
        DebugInfo onDemand = DebugInfo.of(image.clone());
        DebugInfo ahead = DebugInfo.readAhead(image, Runnable::run);
        for (Function f : onDemand.functions()) {
            for (long a = f.entry(); a < f.end(); a++) assertEquals(String.valueOf(onDemand.lineAt(a)), String.valueOf(ahead.lineAt(a)));
        }
        assertEquals(onDemand.warning(), ahead.warning());
    }
}
