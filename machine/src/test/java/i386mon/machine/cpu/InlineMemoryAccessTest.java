package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.memory.MmioDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Compiled memory accesses test the host TLB inline and take the checked path only on a miss,
 * which alone records the fault point and looks at attention: a fault, a write into code or a
 * device access in the middle of a compiled block must still leave EIP, the retired count, the
 * registers and the flags exactly as the interpreter leaves them. Each program runs long enough
 * for its blocks to be compiled before the event.
 */
class InlineMemoryAccessTest {
    /** Where the test device answers: above the harness's 16 MiB of RAM (paging off: linear = physical). */
    private static final int MMIO = 0x2000000;

    private record Outcome(int[] regs, int eflags, int eip, long retired, int vector, int cr2, int frame0, int frame1, int compiled) { }

    private static Outcome run(String source, boolean compiler, Consumer<CpuHarness> setup) {
        CpuHarness h = new CpuHarness();
        h.cpu.setCompilerEnabled(compiler);
        setup.accept(h);
        h.code(source).run();
        return outcome(h);
    }

    private static Outcome outcome(CpuHarness h) {
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) regs[r] = h.reg(r);
        return new Outcome(regs, h.flags(), h.cpu.eip(), h.cpu.retired(), h.vector(), h.cpu.cr2(), h.stack(0), h.stack(1),
                h.cpu.compiledBlocks());
    }

    /** Interpreted and compiled runs agree in everything, and the compiled one compiled blocks; returns the interpreted one. */
    private static Outcome both(String source, Consumer<CpuHarness> setup) {
        Outcome interpreted = run(source, false, setup), compiled = run(source, true, setup);
        assertSame(interpreted, compiled);
        return interpreted;
    }

    private static void assertSame(Outcome interpreted, Outcome compiled) {
        assertTrue(compiled.compiled() > 0, "blocks compiled");
        assertArrayEquals(interpreted.regs(), compiled.regs(), "registers");
        assertEquals(interpreted.eflags(), compiled.eflags(), "EFLAGS");
        assertEquals(interpreted.eip(), compiled.eip(), "EIP");
        assertEquals(interpreted.retired(), compiled.retired(), "retired instructions");
        assertEquals(interpreted.vector(), compiled.vector(), "exception vector");
        assertEquals(interpreted.cr2(), compiled.cr2(), "CR2");
        assertEquals(interpreted.frame0(), compiled.frame0(), "stack top (error code)");
        assertEquals(interpreted.frame1(), compiled.frame1(), "stack top + 4 (faulting EIP)");
    }

    @Test
    void aPageFaultOnAPushInTheMiddleOfACompiledBlockMatchesTheInterpreter() {
        // at CPL 3 (the delivery switches stacks) the pushes walk the stack down into a page not present
        String src = CpuHarness.RING3 + " xor %eax,%eax\n mov $3000,%ecx\n"
                + "1: add %ecx,%eax\n push %eax\n push %ecx\n pop %edx\n sub $7,%eax\n dec %ecx\n jnz 1b";
        Outcome o = both(src, h -> h.paging().unmap(0x86000));
        assertEquals(14, o.vector(), "#PF");
        assertEquals(0x86ffc, o.cr2());
        assertEquals(6, o.frame0(), "a user write to a page not present");
    }

    @Test
    void aPageFaultOnAPopInTheMiddleOfACompiledBlockMatchesTheInterpreter() {
        // the pops walk the stack up into a page not present
        String src = CpuHarness.RING3 + " xor %eax,%eax\n mov $3000,%ecx\n"
                + "1: add %ecx,%eax\n pop %edx\n xor %edx,%eax\n push %ecx\n pop %edx\n cmp %eax,%edx\n dec %ecx\n jnz 1b";
        Outcome o = both(src, h -> h.paging().unmap(0x89000));
        assertEquals(14, o.vector(), "#PF");
        assertEquals(0x89000, o.cr2());
    }

    @Test
    void aLimitFaultThroughANonFlatDataSegmentInTheMiddleOfACompiledBlockMatchesTheInterpreter() {
        // DS: base 0, limit 0x80fff (not flat: every access takes the checked path), read past the limit: #GP(0)
        String src = "mov $0x30,%ax\n mov %ax,%ds\n mov $0x80000,%ebx\n mov $3000,%ecx\n"
                + "1: add %ecx,%esi\n mov (%ebx),%eax\n sub %eax,%esi\n add $4,%ebx\n cmp %ebx,%esi\n dec %ecx\n jnz 1b";
        Outcome o = both(src, h -> h.gdt(6, CpuHarness.descriptor(0, 0x80fff, 0x92, 0x4)));
        assertEquals(13, o.vector(), "#GP");
        assertEquals(0, o.frame0(), "error code");
    }

    @Test
    void aFaultInAJoinedCalleeLeavesItsRegistersFlagsAndCountAsInterpreted() {
        // at ECX = 150 the callee's load goes through EDI = 0x800000, beyond the mapped 4 MiB
        String src = "xor %eax,%eax\n xor %ebx,%ebx\n mov $300,%ecx\n mov $0x80000,%edi\n"
                + "loop: cmp $150,%ecx\n jne 1f\n mov $0x800000,%edi\n"
                + "1: push %ecx\n call leaf\n add $4,%esp\n add %eax,%ebx\n dec %ecx\n jnz loop\n hlt\n"
                + "leaf: add %ecx,%eax\n sub $3,%eax\n mov (%edi),%edx\n add %edx,%eax\n ret\n";
        Outcome o = both(src, h -> h.paging());
        assertEquals(14, o.vector(), "#PF");
        assertEquals(0x800000, o.cr2());
    }

    @Test
    void aFaultInALoopWhoseFlagStoresAreDeferredLeavesTheLastFlagsSet() {
        // the closing ADD and DEC defer their flag stores to the loop's exits (LoopTail)
        assertPageFaultOnPass128("1: mov (%ebx),%esi\n add $0x100,%ebx\n add %esi,%eax\n dec %edx\n jnz 1b");
    }

    @Test
    void aFaultAfterTheFirstFlagSetterOfALoopWithDeferredFlagsLeavesItsFlags() {
        // the loop's first instruction overwrites all flags, so the deferred ones are not stored on the way back
        assertPageFaultOnPass128("1: add %edx,%eax\n mov (%ebx),%esi\n add $0x100,%ebx\n sub %esi,%ecx\n dec %edx\n jnz 1b");
    }

    /** Runs {@code loop}, whose load through EBX (from 0x200000, 0x100 further each pass) faults on pass 128, in both modes. */
    private static void assertPageFaultOnPass128(String loop) {
        Outcome o = both("mov $0x200000,%ebx\n mov $0x7ffffff0,%eax\n mov $5000,%edx\n" + loop, h -> h.paging().unmap(0x208000));
        assertEquals(14, o.vector(), "#PF");
        assertEquals(0x208000, o.cr2());
    }

    @Test
    void aStoreIntoLaterCodeOfTheSameBlockIsSeenByTheSamePass() {
        // at ECX = 100 the store goes to the immediate of "mov $0,%edx" later in its own block
        // (no branch between: one block); that pass and the 99 after it add 100
        String src = "xor %eax,%eax\n mov $300,%ecx\n mov $2f+1,%esi\n"
                + "1: mov $" + CpuHarness.DATA + ",%edi\n cmp $100,%ecx\n cmove %esi,%edi\n mov %ecx,(%edi)\n"
                + "2: mov $0,%edx\n add %edx,%eax\n dec %ecx\n jnz 1b";
        Outcome o = both(src, h -> { });
        assertEquals(100 * 100, o.regs()[Cpu.EAX]);
    }

    @Test
    void deviceAccessesInACompiledBlockSeeTheInterpretersInstructionCount() {
        String src = "mov $3000,%ecx\n"
                + "1: add $1,%esi\n mov " + MMIO + ",%eax\n add %eax,%edi\n mov %esi," + (MMIO + 4) + "\n xor %edi,%ebx\n dec %ecx\n jnz 1b";
        List<Long> interpreted = new ArrayList<>(), compiled = new ArrayList<>();
        assertSame(run(src, false, h -> h.mem.addMmio(MMIO, 0x1000, new CountingDevice(h, interpreted, -1))),
                run(src, true, h -> h.mem.addMmio(MMIO, 0x1000, new CountingDevice(h, compiled, -1))));
        assertEquals(6000, interpreted.size());
        assertEquals(interpreted, compiled);
    }

    @Test
    void aDeviceAskingForAttentionEndsACompiledBlockWhereTheInterpreterStops() {
        // the device requests a stop at its 1001st access (a read, mid-block): the run ends after that instruction
        String src = "mov $3000,%ecx\n"
                + "1: add $1,%esi\n mov " + MMIO + ",%eax\n add %eax,%edi\n mov %esi," + (MMIO + 4) + "\n xor %edi,%ebx\n dec %ecx\n jnz 1b";
        Outcome stopped = stoppedByDevice(src);
        assertEquals(1 + 500 * 7 + 2, stopped.retired(), "after the read of pass 501 (7 instructions a pass)");
    }

    @Test
    void aDeviceAskingForAttentionAtAMultiplysReadLeavesThatMultiplysFlags() {
        // the IMUL's flags are overwritten by the ADD after it, so compiled code sets them only when
        // it leaves after the IMUL: here its read of the device, which asks for a stop at access 1001
        String src = "mov $3000,%ecx\n"
                + "1: mov $0x40000001,%eax\n imul " + MMIO + ",%eax\n add %eax,%edi\n dec %ecx\n jnz 1b";
        Outcome stopped = stoppedByDevice(src);
        assertEquals(1 + 1000 * 5 + 2, stopped.retired(), "after the IMUL of pass 1001 (5 instructions a pass)");
        assertEquals(Cpu.CF | Cpu.OF, stopped.eflags() & (Cpu.CF | Cpu.OF), "the product overflowed");
    }

    /**
     * Runs {@code src} interpreted and compiled with a {@link CountingDevice} at {@link #MMIO} that
     * asks for a stop at its 1001st access: both stop there with the same count, EIP, registers and
     * EFLAGS (blocks compiled by then). Returns the interpreted outcome.
     */
    private static Outcome stoppedByDevice(String src) {
        Outcome[] stopped = new Outcome[2];
        for (int mode = 0; mode < 2; mode++) {
            CpuHarness h = new CpuHarness();
            h.cpu.setCompilerEnabled(mode == 1);
            h.mem.addMmio(MMIO, 0x1000, new CountingDevice(h, new ArrayList<>(), 1000));
            h.code(src);
            h.cpu.run(1_000_000);
            assertEquals(Cpu.Stop.REQUESTED, h.cpu.stopReason());
            stopped[mode] = outcome(h);
        }
        assertTrue(stopped[1].compiled() > 0, "blocks compiled");
        assertEquals(stopped[0].retired(), stopped[1].retired(), "retired instructions");
        assertEquals(stopped[0].eip(), stopped[1].eip(), "EIP");
        assertArrayEquals(stopped[0].regs(), stopped[1].regs(), "registers");
        assertEquals(stopped[0].eflags(), stopped[1].eflags(), "EFLAGS");
        return stopped[0];
    }

    /** Answers reads with a count of them, records the CPU's retired count at each access, and requests a stop at access {@code stopAt}. */
    private static final class CountingDevice implements MmioDevice {
        private final CpuHarness h;
        private final List<Long> seen;
        private final int stopAt;

        CountingDevice(CpuHarness h, List<Long> seen, int stopAt) {
            this.h = h;
            this.seen = seen;
            this.stopAt = stopAt;
        }

        @Override
        public int read(long offset, int size) {
            access();
            return seen.size() * 3;
        }

        @Override
        public void write(long offset, int size, int value) {
            access();
        }

        private void access() {
            if (seen.size() == stopAt) h.cpu.requestStop();
            seen.add(h.cpu.retired());
        }
    }
}
