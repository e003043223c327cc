package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minor points of issue #18, one behaviour each. */
class MinorDefectsTest {
    private final Harness h = new Harness();
    @TempDir Path dir;

    @Test
    void failingPmemsaveNamesTheFirstUnreadableByte() {
        Path f = dir.resolve("ram.bin");
        assertEquals("Cannot access memory at 0x00400000 (no RAM or ROM at this physical address)",
                h.fails("pmemsave 0x3ffff0 0x100 " + f));
    }

    @Test
    void failingPmemsaveLeavesNoFile() throws Exception {
        Path f = dir.resolve("ram.bin");
        h.fails("pmemsave 0x3ffff0 0x100 " + f);
        assertFalse(Files.exists(f));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left either");
        }
    }

    @Test
    void failingSaveKeepsAnExistingFile() throws Exception {
        Path f = Files.write(dir.resolve("ram.bin"), new byte[] {1, 2, 3});
        h.fails("pmemsave 0x3ffff0 0x100 " + f);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    }

    @Test
    void memsaveIntoAMissingDirectorySaysWhy() {
        assertEquals("could not write /nonexistent/d/f: no such file or directory (/nonexistent/d)", h.fails("memsave 0x100000 4 /nonexistent/d/f"));
    }

    @Test
    void memsaveExpandsTheTilde() throws Exception {
        okAtHome("memsave kernel_main 2 ~/code.bin");
        assertArrayEquals(new byte[] {(byte) 0xb0, 'H'}, Files.readAllBytes(dir.resolve("code.bin")));
    }

    @Test
    void stackPointerIsEspAsInGdb() {
        assertEquals("0x90000\n", h.ok("print/x $sp"));
        h.ok("regs sp=0x12345678");
        assertEquals("0x12345678\n", h.ok("print/x $esp"));
    }

    @Test
    void leadingZeroAddressIsOctal() {
        assertEquals("00000008: 0x00000000\n", h.ok("x/1x 010"));
    }

    @Test
    void pteDumpWithPagingOffSaysSo() {
        assertEquals("paging is off (CR0.PG is 0): no page tables are in use (give --cr3 X to dump tables anyway)", h.fails("pte dump"));
    }

    @Test
    void anOptionACommandDoesNotHaveIsToldAsAnOption() {
        assertEquals("watch: unknown option: -x (see: help watch)", h.fails("watch -x 0"));
        assertEquals("gva2gpa: unknown option: --json (see: help gva2gpa)", h.fails("gva2gpa $eax --json"));
    }

    @Test
    void anUnknownSymbolAfterISaysWhatIDoesAndWhereTheRegistersAre() {
        // i r itself is gdb's info registers (HabitAliasesTest)
        assertEquals("unknown symbol: rx (i reads an I/O port, as QEMU's i; the registers are: info registers)", h.fails("i rx"));
    }

    @Test
    void infoTakesAUniquePrefixOfItsSubcommand() {
        assertEquals(h.ok("info registers"), h.ok("info reg"));
    }

    @Test
    void negativeNumbersStayValues() {
        assertEquals("0xffffffff\n", h.ok("print/x -1"));
    }

    @Test
    void sourceExpandsTheTilde() throws Exception {
        Files.writeString(dir.resolve("s.mon"), "print/x 7\n");
        assertEquals("0x7\n", okAtHome("source ~/s.mon"));
    }

    /** Runs {@code line} with the temporary directory as the user's home (what ~ means). */
    private String okAtHome(String line) {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            return h.ok(line);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void helpWrapsBetweenWords() {
        String all = h.ok("help info");
        String help = all.substring(0, all.indexOf("Commands:")); // the description, which names every subcommand
        for (String sub : h.dispatcher.commandLine().getSubcommands().get("info").getSubcommands().keySet()) {
            assertTrue(java.util.regex.Pattern.compile("\\b" + sub + "\\b").matcher(help).find(), sub + " is cut in:\n" + help);
        }
    }
}
