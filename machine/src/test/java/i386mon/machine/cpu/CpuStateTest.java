package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CpuState}: every CPU field is either saved or named here as not guest state. */
class CpuStateTest {
    /** Fields {@link CpuState} saves. */
    private static final Set<String> SAVED = Set.of("r", "eip", "flags", "segSel", "segBase", "segLimit", "segAttr",
            "gdtBase", "gdtLimit", "idtBase", "idtLimit", "cr0", "cr2", "cr3", "cr4", "efer", "dr", "tscOffset",
            "microcodeSignature", "cpl", "fpuControl", "fpuStatus", "fpuTag", "halted", "shutdown", "irqShadow", "stepTrap", "nmiBlocked",
            "pendingException", "lastException", "lastExceptionEip", "exceptions", "totalRetired");
    /** Fields that are not guest state: derived from saved ones, the run loop's bookkeeping, the debugger's, or wiring. */
    private static final Set<String> NOT_STATE = Set.of(
            "lazy", "lOp", "lRes", "lDst", "lSrc", "lSign", "lCarry", // EFLAGS is saved evaluated
            "segFlat", "limitChecksOnly", "operatingMode", "segments", "transfers", "interrupts", "dispatchGen", // follow from saved registers
            "attention", "endSlice", "stopRequested", "stop", "sliceRetired", "sliceEnd", "inCompiled", "jitAt", "jitRetired", "chaining", "chainLeft", // run loop
            "turnProgress", // set before each slice from the SMP scheduler's saved round
            "catchMask", "breakpoints", "observer", "skipBreakpointOnce", "compiler", "compiledBlocks", // debugger and settings
            "mem", "mmu", "io", "clock", "intr", "apicBase", "code", "msrs", "protectedMode", "realMode", "virtual8086Mode"); // wiring (MSR values live in saved fields)

    @Test
    void everyCpuFieldIsSavedOrKnownNotToBeState() {
        List<String> unknown = new ArrayList<>();
        for (Field f : Cpu.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
            if (!SAVED.contains(f.getName()) && !NOT_STATE.contains(f.getName())) unknown.add(f.getName());
        }
        assertTrue(unknown.isEmpty(), "Cpu fields neither saved by CpuState nor listed as not state: " + unknown);
    }

    @Test
    void restoringIntoAnotherCpuGivesTheSameState() {
        Machine a = new Machine(MachineConfig.defaults()), b = new Machine(MachineConfig.defaults());
        Cpu c = a.cpu();
        c.setReg(Cpu.EBX, 0x1234);
        c.setEip(0x5678);
        c.setEflags(0x8D5); // CF PF ZF SF ... set directly
        c.loadFlatSegment(Cpu.DS, 0x2B, 0x00CFF2000000FFFFL);
        c.pendingException = i386mon.machine.fault.CpuException.pageFault(0xC0000000, 2);
        StateWriter w = new StateWriter();
        new CpuState(c).saveState(w);
        new CpuState(b.cpu()).restoreState(new StateReader(w.toByteArray(), "cpu"));
        StateWriter again = new StateWriter();
        new CpuState(b.cpu()).saveState(again);
        assertArrayEquals(w.toByteArray(), again.toByteArray());
        assertEquals(0x2B, b.cpu().segSelector(Cpu.DS));
        assertEquals(0xC0000000, b.cpu().pendingException.linearAddress);
    }
}
