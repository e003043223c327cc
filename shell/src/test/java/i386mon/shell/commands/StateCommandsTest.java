package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** set, setp, setpmem, writemem and regs' register writes on a real machine. */
class StateCommandsTest {
    private final Harness h = Harness.real();

    @Test
    void setWritesEachSizeByLinearAddress() {
        h.ok("set/b 0x20000 = 0x11");
        h.ok("set/h 0x20001 = 0x2233");
        h.ok("set 0x20004 = 0x44556677");
        assertEquals("0000000000020000: 0x00223311 0x44556677\n", h.ok("xp/2xw 0x20000"));
    }

    @Test
    void setTakesANegativeByteAndRefusesAValueTooWide() {
        h.ok("set/b 0x20000 = -1");
        assertEquals("0000000000020000: 0xff\n", h.ok("xp/xb 0x20000"));
        assertEquals("0x1ff does not fit in 1 byte", h.fails("set/b 0x20000 = 0x1ff"));
    }

    @Test
    void setStringWritesTheBytesWithEscapes() {
        h.ok("set/s 0x20000 = \"hi\\n\\x41\"");
        assertEquals("00020000: 0x68 0x69 0x0a 0x41\n", h.ok("x/4xb 0x20000"));
    }

    @Test
    void setpRefusesRomInOneLine() {
        assertEquals("cannot write 4 bytes at physical 0x000f0000, nothing written: 0xf0000 is read-only ROM", h.fails("setp 0xf0000 = 1"));
    }

    @Test
    void setpmemWritesBochsStyle() {
        h.ok("setpmem 0x20000 2 0xbeef");
        assertEquals("0000000000020000: 0xbeef\n", h.ok("xp/xh 0x20000"));
        assertEquals("setpmem: SIZE is 1, 2 or 4, not 3", h.fails("setpmem 0x20000 3 0"));
    }

    @Test
    void setWithoutAnAssignmentSaysWhatItExpects() {
        assertEquals("expected ADDR = VALUE, e.g. set/w 0xc0001000 = 0x1003", h.fails("set 0x20000 0x1"));
    }

    @Test
    void setAddressMayUseComparisonsWithoutBeingTakenForTheAssignment() {
        h.ok("set 0x20000 + (1 == 1) = 7");
        assertEquals("0000000000020001: 0x00000007\n", h.ok("xp/xw 0x20001"));
    }

    @Test
    void writememSavesLinearMemoryInBochsOrder(@TempDir Path dir) throws Exception {
        h.ok("set 0x20000 = 0x04030201");
        Path f = dir.resolve("m.bin");
        h.ok("writemem " + f + " 0x20000 4");
        assertEquals("[1, 2, 3, 4]", java.util.Arrays.toString(Files.readAllBytes(f)));
    }

    @Test
    void regsSetsEflagsBitsByName() {
        h.ok("regs ZF=1 IF=1 iopl=3");
        long fl = h.session.eval("$eflags");
        assertEquals(0x3240, fl & 0x3240);
        h.ok("regs zf=0");
        assertEquals(0, h.session.eval("$zf"));
        assertEquals("iopl is 2 bits wide: 4", h.fails("regs iopl=4"));
    }

    @Test
    void regsLoadsASegmentThroughTheDescriptorChecks() {
        h.ok("regs es=0x10");
        String err = h.fails("regs ss=0x08");
        assertEquals("cannot load ss with 0x0008: #GP(error code 0x8) (regs --raw writes the selector and cache unchecked)", err);
    }

    @Test
    void regsRawWritesTheHiddenCache() {
        h.ok("regs --raw fs=0x33 fs.base=0x1000 fs.limit=0xfff fs.flags=0x00409300");
        assertTrue(h.ok("info registers").contains("FS =0033 00001000 00000fff 00409300"), h.out.toString());
        assertEquals("fs.base is the hidden part of a segment register: only regs --raw writes it", h.fails("regs fs.base=0"));
    }

    @Test
    void regsWritesCr3AndFlushesTheTlb() {
        h.ok("regs cr3=0x9000");
        assertEquals(0x9000, h.session.eval("$cr3"));
    }

    @Test
    void aRefusedAssignmentNamesTheOnesAlreadyMade() {
        String err = h.fails("regs eax=5 cr0=0x80000010");
        assertEquals("cannot write cr0 = 0x80000010: #GP(error code 0x0) (eax already set)", err);
    }
}
