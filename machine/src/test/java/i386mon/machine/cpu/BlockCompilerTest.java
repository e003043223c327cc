package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Compiled blocks against the interpreter: same registers, flags, memory, retired count and faults. */
class BlockCompilerTest {
    private static final String ALU_LOOP = "mov $0x12345678,%eax\n mov $0x9abcdef0,%ebx\n mov $0x0f1e2d3c,%ecx\n xor %esi,%esi\n mov $5000,%edx\n"
            + "1: add %ebx,%eax\n xor %eax,%ecx\n sub %ecx,%ebx\n rol $5,%eax\n and $0x7fffffff,%ecx\n or $0x101,%ebx\n"
            + " inc %esi\n add %esi,%ecx\n cmp $100,%esi\n dec %edx\n jnz 1b";

    private static final String MEM_LOOP = "mov $" + CpuHarness.DATA + ",%ebx\n xor %ecx,%ecx\n xor %esi,%esi\n mov $3000,%edx\n"
            + "1: mov %ecx,%edi\n and $255,%edi\n mov (%ebx,%edi,4),%eax\n add %ecx,%eax\n rol $3,%eax\n"
            + " mov %eax,4(%ebx,%edi,4)\n xor %eax,%esi\n inc %ecx\n cmp %esi,%ecx\n dec %edx\n jnz 1b";

    private record Outcome(int[] regs, int eflags, int eip, long retired, int vector, byte[] data, int compiled) { }

    private static Outcome run(String source, boolean compiler) {
        CpuHarness h = new CpuHarness();
        h.cpu.setCompilerEnabled(compiler);
        h.code(source).run();
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) regs[r] = h.reg(r);
        byte[] data = new byte[2048];
        h.mem.peek(CpuHarness.DATA, data, 0, data.length);
        return new Outcome(regs, h.flags(), h.cpu.eip(), h.cpu.retired(), h.vector(), data, h.cpu.compiledBlocks());
    }

    private static void assertSame(Outcome interpreted, Outcome compiled) {
        assertArrayEquals(interpreted.regs(), compiled.regs(), "registers");
        assertEquals(interpreted.eflags(), compiled.eflags(), "EFLAGS");
        assertEquals(interpreted.eip(), compiled.eip(), "EIP");
        assertEquals(interpreted.retired(), compiled.retired(), "retired instructions");
        assertEquals(interpreted.vector(), compiled.vector(), "exception vector");
        assertArrayEquals(interpreted.data(), compiled.data(), "memory");
    }

    @Test
    void hotAluLoopIsCompiled() {
        assertTrue(run(ALU_LOOP, true).compiled() > 0);
        assertEquals(0, run(ALU_LOOP, false).compiled());
    }

    @Test
    void compiledAluLoopMatchesTheInterpreter() {
        assertSame(run(ALU_LOOP, false), run(ALU_LOOP, true));
    }

    @Test
    void compiledMemoryLoopMatchesTheInterpreter() {
        assertSame(run(MEM_LOOP, false), run(MEM_LOOP, true));
    }

    @Test
    void faultInsideACompiledLoopHasTheInterpretersEipAndCount() {
        // The loop walks a pointer upward until it reads past the 16 MiB of RAM's segment limit... here: a #GP
        // from a non-canonical use is not possible in 32-bit code, so divide by a counter reaching zero.
        String src = "mov $200,%ecx\n mov $1000,%ebx\n1: add $3,%eax\n mov %ebx,%edx\n xor %edx,%edx\n mov %ebx,%eax\n"
                + " div %ecx\n dec %ecx\n cmp $-5,%ecx\n jne 1b";
        Outcome interpreted = run(src, false), compiled = run(src, true);
        assertEquals(0, compiled.vector(), "#DE when ECX reaches 0");
        assertSame(interpreted, compiled);
    }

    @Test
    void pageFaultInACompiledStoreLoopMatchesTheInterpreter() {
        // Stores walk up through memory past the end of RAM's flat segment into an unmapped page.
        String src = "mov $0xfff000,%ebx\n mov $3000,%ecx\n1: mov %ecx,(%ebx)\n add $4,%ebx\n dec %ecx\n jnz 1b";
        assertSame(run(src, false), run(src, true));
    }

    @Test
    void selfModifyingCodeInACompiledLoopIsSeen() {
        // The loop rewrites the immediate of its own "add $1,%eax" after 100 passes.
        String src = "xor %eax,%eax\n mov $300,%ecx\n"
                + "1: add $1,%eax\n cmp $200,%ecx\n jne 2f\n movb $5,1b+2\n2: dec %ecx\n jnz 1b";
        Outcome interpreted = run(src, false), compiled = run(src, true);
        assertEquals(101 * 1 + 199 * 5, interpreted.regs()[Cpu.EAX]); // the rewrite lands after the 101st add
        assertSame(interpreted, compiled);
    }

    /**
     * A compiled self-loop under budgets around 2^31 and 2^32 retires exactly the budget (#18: a
     * 32-bit count wrapped and the loop never left). A watchdog stops a run that overshoots.
     */
    @Test
    void compiledLoopHonoursBudgetsAroundTwoToThe31And32() {
        CpuHarness h = new CpuHarness();
        // ten instructions a pass, so the 6 G instructions below take seconds
        h.code("cli\n xor %eax,%eax\n1: inc %eax\n" + " mov %eax,%ebx\n".repeat(8) + " jmp 1b");
        h.cpu.run(10_000); // warm up: the loop block is compiled
        assertTrue(h.cpu.compiledBlocks() > 0);
        long total = 10_000;
        for (long budget : new long[] {(1L << 31) + 1, (1L << 32) + 3}) {
            java.util.Timer watchdog = new java.util.Timer(true);
            watchdog.schedule(new java.util.TimerTask() {
                @Override public void run() { h.cpu.requestStop(); }
            }, 120_000);
            long done;
            try {
                done = h.cpu.run(budget);
            } finally {
                watchdog.cancel();
            }
            assertEquals(budget, done, "retired under budget " + budget);
            total += done;
        }
        assertEquals((int) ((total - 2 + 9) / 10), h.reg(Cpu.EAX), "one inc per pass of ten after cli; xor, the inc first");
    }

    /** A stop request from another thread ends a compiled self-loop run with no budget in sight (Ctrl-C). */
    @Test
    void stopRequestEndsACompiledLoopWithAnUnboundedBudget() throws InterruptedException {
        CpuHarness h = new CpuHarness();
        h.code("cli\n1: jmp 1b");
        h.cpu.run(10_000);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(500);
                for (int k = 0; k < 200 && !Thread.currentThread().isInterrupted(); k++) {
                    h.cpu.requestStop();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.setDaemon(true);
        stopper.start();
        long done = h.cpu.run(Long.MAX_VALUE);
        stopper.interrupt();
        stopper.join();
        assertEquals(Cpu.Stop.REQUESTED, h.cpu.stopReason());
        assertTrue(done > 0 && done < Long.MAX_VALUE);
    }
}
