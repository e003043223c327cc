package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCommandsTest {
    private final Harness h = new Harness();

    @Test
    void dumpsVirtualMemoryWithTheSlashGrammar() {
        assertEquals("00100000: 0xb0 0x48 0xe6 0xe9\n", h.ok("x/4xb kernel_main"));
    }

    @Test
    void remembersTheFormatForTheNextCommand() {
        h.ok("x/2xh 0x100000");
        assertEquals("00100000: 0x48b0\n", h.ok("x 0x100000"));
    }

    @Test
    void acceptsAnExpressionWithSpaces() {
        assertEquals("00100002: 0xe9e6\n", h.ok("x/xh kernel_main + 2"));
    }

    @Test
    void reportsUnmappedMemoryWithTheReason() {
        h.target().pages = Map.of(0x100, 0x100);
        h.target().cr0 |= 0x80000000;
        assertEquals("f0000000: Cannot access memory (PDE 0x3c0 not present)\n", h.ok("x/4x 0xf0000000"));
    }

    @Test
    void reportsPhysicalMemoryBeyondRam() {
        assertTrue(h.ok("xp/4x 0x10000000").startsWith("0000000010000000: Cannot access memory"));
    }

    @Test
    void disassemblesWithX() {
        assertEquals("0x00100000:  b0 48                    movb     $0x48, %al\n"
                + "0x00100002:  e6 e9                    outb     %al, $0xe9\n", h.ok("x/2i $eip"));
    }

    @Test
    void disassemblesInIntelSyntaxOnRequest() {
        assertTrue(h.ok("x/i --intel $eip").contains("mov      al, 0x48"));
    }

    @Test
    void rejectsABadFormatCharacter() {
        assertEquals("invalid char in format: 'z'", h.fails("x/4z 0"));
    }

    @Test
    void printUsesTheRememberedFormat() {
        assertEquals("0x10\n", h.ok("p 16"));
        h.ok("x/2dw 0");
        assertEquals("16\n", h.ok("p 16"));
        assertEquals("'A'\n", h.ok("print/c 65"));
    }

    @Test
    void printTakesNegativeNumbersAsValues() {
        assertEquals("-1\n", h.ok("print/d -1"));
    }

    @Test
    void translatesVirtualToPhysical() {
        h.target().pages = Map.of(0xc0100, 0x100);
        assertEquals("gpa: 0x100010\n", h.ok("gva2gpa 0xc0100010"));
        assertEquals("Unmapped (PDE 0x0 not present)\n", h.ok("gva2gpa 0x1000"));
    }

    @Test
    void savesVirtualAndPhysicalMemory(@TempDir Path dir) throws Exception {
        Path v = dir.resolve("v.bin");
        Path p = dir.resolve("p.bin");
        h.ok("memsave kernel_main 4 " + v);
        h.ok("pmemsave 0x100002 2 \"" + p + "\"");
        assertArrayEquals(new byte[] {(byte) 0xb0, 'H', (byte) 0xe6, (byte) 0xe9}, Files.readAllBytes(v));
        assertArrayEquals(new byte[] {(byte) 0xe6, (byte) 0xe9}, Files.readAllBytes(p));
    }

    @Test
    void readsAndWritesPortsInQemuFormat() {
        h.target().ports.put(0x64, 0x18);
        assertEquals("portb[0x0064] = 0x18\n", h.ok("i/b 0x64"));
        h.ok("o/h 0x80 0x1234");
        assertEquals(0x1234, h.target().ports.get(0x80));
        assertEquals("portw[0x0080] = 0x1234\n", h.ok("i 0x80"));
    }
}
