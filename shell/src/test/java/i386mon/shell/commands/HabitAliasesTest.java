package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What gdb, Bochs and QEMU users type from habit does what it does there (#18). */
class HabitAliasesTest {
    private final DemoSession d = new DemoSession("");

    @Test
    void gdbsSAndStepiStepOneInstruction() {
        String one = new DemoSession("").ok("step");
        assertEquals(one, d.ok("s"));
        DemoSession e = new DemoSession("");
        assertEquals(one, e.ok("stepi"));
    }

    @Test
    void gdbsNIsNext() {
        assertEquals(new DemoSession("").ok("next"), d.ok("n"));
    }

    @Test
    void gdbsDisassembleDisassembles() {
        // Bochs' `u` is not an alias: `u` is gdb's until (StackCommands), the habit more users bring
        assertEquals(d.ok("disas"), d.ok("disassemble"));
    }

    @Test
    void bochsRShowsTheRegisters() {
        assertEquals(d.ok("regs"), d.ok("r"));
    }

    @Test
    void aMistypedCommandSuggestsTheNearest() {
        assertEquals("unknown command: stpe (did you mean step?)", d.fails("stpe"));
        assertEquals("unknown command: brek (did you mean break?)", d.fails("brek kernel_main"));
    }
}
