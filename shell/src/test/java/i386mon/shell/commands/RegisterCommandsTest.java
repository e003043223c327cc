package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegisterCommandsTest {
    private final Harness h = new Harness();

    @Test
    void infoRegistersStartsWithTheGeneralRegisters() {
        assertTrue(h.ok("info registers").startsWith("EAX=2badb002 EBX=00000000 ECX=00000000 EDX=00000000\n"));
    }

    @Test
    void regsSetsRegistersFromExpressions() {
        h.ok("regs eax=0x10 ebx=$eax+1 eip=helper");
        assertEquals(0x10, h.target().regs[0]);
        assertEquals(0x2badb003, h.target().regs[3]);
        assertEquals(0x100020, h.target().eip);
    }

    @Test
    void regsChangesNothingWhenOneAssignmentIsBad() {
        assertEquals("unknown register: $foo", h.fails("regs eax=1 foo=2"));
        assertEquals(0x2badb002, h.target().regs[0]);
    }

    @Test
    void regsRefusesSegmentRegistersOnATargetThatCannotLoadThem() {
        assertEquals("cannot load cs with 0x0010: this target cannot load segment registers (regs --raw writes the selector and cache unchecked)",
                h.fails("regs cs=0x10"));
    }

    @Test
    void regsShowsWhereTheGuestIs() {
        assertTrue(h.ok("regs").endsWith("at 0x00100000 (kernel_main)\n"));
    }

    @Test
    void infoCrDecodesBitsInBochsCase() {
        String cr = h.ok("info cr");
        assertTrue(cr.startsWith("CR0=0x00000011: pg cd nw am wp ne ET ts em mp PE\n"), cr);
        assertTrue(cr.contains("EFLAGS=0x00000002: id vip vif ac vm rf nt of df if tf sf zf af pf cf IOPL=0"), cr);
    }

    @Test
    void printReadsControlRegisters() {
        h.target().cr2 = 0xc0000000;
        assertEquals("0xc0000000\n", h.ok("print/x $cr2"));
    }

    @Test
    void infoIdtListsPresentGates() {
        h.target().idtrBase = 0x2000;
        h.target().idtrLimit = 0x7f;
        // vector 14: 32-bit interrupt gate, selector 8, offset 0x00107cf8, DPL 0
        h.target().poke(0x2000 + 14 * 8, 0xf8, 0x7c, 0x08, 0x00, 0x00, 0x8e, 0x10, 0x00);
        assertEquals("IDT base=0x00002000 limit=0x007f (16 entries)\n"
                + "IDT[0x0e]=32-Bit Interrupt Gate target=0x0008:0x00107cf8 <crash+0x7bf8>, DPL=0\n" // the handler named by its symbol
                + "15 of 16 entries not present\n", h.ok("info idt"));
    }

    @Test
    void infoGdtDecodesSegments() {
        h.target().gdtrBase = 0x3000;
        h.target().gdtrLimit = 0x17;
        h.target().poke(0x3008, 0xff, 0xff, 0x00, 0x00, 0x00, 0x9a, 0xcf, 0x00);
        h.target().poke(0x3010, 0xff, 0xff, 0x00, 0x00, 0x00, 0x92, 0xcf, 0x00);
        assertEquals("GDT base=0x00003000 limit=0x0017 (3 entries)\n"
                + "GDT[0x0000]: null descriptor\n"
                + "GDT[0x0008]: base=0x00000000 limit=0xffffffff 00cf9a00 DPL=0 CS32 [-R-]\n"
                + "GDT[0x0010]: base=0x00000000 limit=0xffffffff 00cf9200 DPL=0 DS   [-W-]\n", h.ok("info gdt"));
    }

    @Test
    void infoSymbolsFiltersByGlob() {
        assertEquals("0x00100020 helper\n", h.ok("info symbols h*"));
        assertEquals("0x00100000 kernel_main\n0x00100020 helper\n0x00100100 crash\n", h.ok("info symbols"));
    }

    @Test
    void disasLabelsSymbols() {
        String d = h.ok("disas helper 3");
        assertEquals("helper:\n0x00100020:  90                       nop      \n"
                + "0x00100021:  90                       nop      \n0x00100022:  c3                       retl     \n", d);
    }
}
