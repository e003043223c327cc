package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    private record Outcome(int[] regs, int eflags, int eip, long retired, int vector, byte[] data, int compiled,
            int cr2, int frame0, int frame1) { }

    private static Outcome run(String source, boolean compiler) {
        return run(source, compiler, h -> { });
    }

    /** Runs {@code source} after {@code setup}; the frame words are the top of the stack at the end (an exception's error code and EIP). */
    private static Outcome run(String source, boolean compiler, java.util.function.Consumer<CpuHarness> setup) {
        CpuHarness h = new CpuHarness();
        h.cpu.setCompilerEnabled(compiler);
        setup.accept(h);
        h.code(source).run();
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) regs[r] = h.reg(r);
        byte[] data = new byte[2048];
        h.mem.peek(CpuHarness.DATA, data, 0, data.length);
        return new Outcome(regs, h.flags(), h.cpu.eip(), h.cpu.retired(), h.vector(), data, h.cpu.compiledBlocks(),
                h.cpu.cr2(), h.stack(0), h.stack(1));
    }

    private static void assertSame(Outcome interpreted, Outcome compiled) {
        assertArrayEquals(interpreted.regs(), compiled.regs(), "registers");
        assertEquals(interpreted.eflags(), compiled.eflags(), "EFLAGS");
        assertEquals(interpreted.eip(), compiled.eip(), "EIP");
        assertEquals(interpreted.retired(), compiled.retired(), "retired instructions");
        assertEquals(interpreted.vector(), compiled.vector(), "exception vector");
        assertArrayEquals(interpreted.data(), compiled.data(), "memory");
        assertEquals(interpreted.cr2(), compiled.cr2(), "CR2");
        assertEquals(interpreted.frame0(), compiled.frame0(), "stack top (error code)");
        assertEquals(interpreted.frame1(), compiled.frame1(), "stack top + 4 (faulting EIP)");
    }

    /** Compiled and interpreted runs of {@code source} agree, and the compiled run did compile blocks. */
    private static Outcome assertCompiledMatches(String source) {
        Outcome interpreted = run(source, false), compiled = run(source, true);
        assertTrue(compiled.compiled() > 0, "blocks compiled");
        assertSame(interpreted, compiled);
        return interpreted;
    }

    /**
     * Every condition after {@code setter}, as SETcc into a running sum (SETcc, MOVZX and LEA leave
     * the flags), then as the block's closing Jcc.
     */
    private static String allConditions(String setter, int n) {
        StringBuilder b = new StringBuilder(" " + setter + "\n");
        for (String cc : CONDITIONS) b.append(" set").append(cc).append(" %al\n movzbl %al,%eax\n lea 1(%eax,%ebp,2),%ebp\n");
        b.append(" cmov").append(CONDITIONS[n % 16]).append(" %ecx,%ebp\n");
        b.append(" ").append(setter).append("\n j").append(CONDITIONS[(n * 7) % 16]).append(" 5").append(n).append("f\n xor $").append(n)
                .append(",%ebp\n5").append(n).append(":\n");
        return b.toString();
    }

    private static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    /** A loop of {@code passes} over {@code body}, with EBX at DATA, ECX the pass and EDX a pseudo-random value. */
    private static String loop(int passes, String body) {
        return "mov $" + CpuHarness.DATA + ",%ebx\n xor %ecx,%ecx\n mov $0x9e3779b9,%edx\n xor %ebp,%ebp\n"
                + "0: imul $1103515245,%edx,%edx\n add $12345,%edx\n mov %edx,%esi\n and $127,%esi\n"
                + body + " inc %ecx\n cmp $" + passes + ",%ecx\n jne 0b\n";
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

    @Test
    void memoryOperandAluFormsMatchTheInterpreter() {
        assertCompiledMatches(loop(300, " add (%ebx,%esi,4),%eax\n xor %eax,4(%ebx,%esi,4)\n sub $7,8(%ebx)\n adc 12(%ebx),%eax\n"
                + " sbb %eax,16(%ebx)\n or $0x100,20(%ebx)\n and 24(%ebx),%edi\n cmp %eax,(%ebx,%esi,4)\n adc $3,%edi\n"
                + " add %edx,24(%ebx)\n sub 28(%ebx),%edi\n xor $0x5a5a,28(%ebx)\n cmpl $0x40000000,(%ebx,%esi,4)\n sbb %edi,%eax\n"
                + " test %edi,32(%ebx)\n testl $0x8000,32(%ebx)\n adc %eax,36(%ebx)\n"));
    }

    @Test
    void byteAndWordFormsMatchTheInterpreter() {
        assertCompiledMatches(loop(300, " addb %dl,(%ebx,%esi,4)\n subw %dx,2(%ebx,%esi,4)\n movb (%ebx,%esi,4),%ah\n addb %ah,%dh\n"
                + " xorw $0x1234,%di\n orb $0x81,3(%ebx)\n andw 6(%ebx),%ax\n movw %ax,8(%ebx,%esi,2)\n movb %dh,10(%ebx)\n"
                + " incb 11(%ebx)\n decw 12(%ebx)\n incw %di\n decb %ah\n movb $0x7f,%dl\n movw $0x8001,%bp\n movb $5,14(%ebx)\n"
                + " movw $0xfff0,16(%ebx)\n adcb 3(%ebx),%al\n sbbw $9,%di\n addw $300,%di\n sbbb %al,18(%ebx)\n testb $0x80,%al\n"
                + " testw %di,16(%ebx)\n cmpw $5,%ax\n xchg %eax,%edi\n xchg %ax,%bp\n cbw\n cwde\n cwd\n cdq\n"
                + " movzbl 1(%ebx,%esi,4),%eax\n movsbl 2(%ebx,%esi,4),%edi\n movzwl (%ebx,%esi,4),%ebp\n movswl %dx,%eax\n"
                + " movsbw %dl,%di\n movzbw %dh,%ax\n movw 8(%ebx,%esi,2),%di\n mov %dx,%ax\n movb %al,%dh\n add %ecx,%edx\n"));
    }

    @Test
    void conditionsAfterEveryKnownSetterMatchTheInterpreter() {
        String[] setters = {"cmp %edx,%eax", "cmpb %dl,%al", "cmpw $0x8000,%ax", "cmpl %eax,(%ebx,%esi,4)", "cmpb $0x80,1(%ebx,%esi,4)",
            "sub %edx,%eax", "subw %dx,(%ebx)", "test %edx,%eax", "testb %dl,%ah", "and $0xf0f0,%eax", "andb %dl,(%ebx)",
            "or %edx,%edi", "xorw %dx,%di", "inc %eax", "decb %al", "incw 4(%ebx)", "add %edx,%eax", "addb %dl,%al",
            "shl $3,%eax", "shr %cl,%edi", "sar $1,%eax", "imul $-7,%edx,%eax", "rol $5,%eax"};
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < setters.length; k++) {
            body.append(allConditions(setters[k], k));
            body.append(" mov %ebp,(%ebx,%esi,4)\n xor %edx,%eax\n");
        }
        assertCompiledMatches(loop(150, body.toString()));
    }

    @Test
    void shiftsImulAndLeaMatchTheInterpreter() {
        assertCompiledMatches(loop(400, " mov %edx,%eax\n shl $3,%eax\n shr $5,%edx\n sar $7,%eax\n shl %eax\n sar %edx\n"
                + " mov %ecx,%edi\n xchg %ecx,%edi\n shl %cl,%eax\n shr %cl,%edx\n sar %cl,%edi\n sal $2,%edi\n shr $0,%edi\n"
                + " imul $1031,%ecx,%edi\n imul $-3,(%ebx,%esi,4),%eax\n imul %edx,%edi\n imul 4(%ebx),%eax\n imulw $7,%dx,%ax\n"
                + " lea 12(%eax,%edi,8),%edi\n lea (%ebx,%esi,4),%eax\n leaw 3(%ebx,%esi,2),%ax\n mov %eax,(%ebx,%esi,4)\n"
                + " sar $31,%eax\n jz 1f\n shl $1,%edx\n1:\n shr %cl,%eax\n jnz 2f\n inc %edi\n2:\n mov %edi,4(%ebx)\n"));
    }

    @Test
    void stackCallAndReturnFormsMatchTheInterpreter() {
        // push/pop of registers, immediates and memory, 16-bit pushes, enter-like frames with leave, ret imm
        String src = "jmp 9f\n"
                + "leaf: push %ebp\n mov %esp,%ebp\n push %esi\n mov 8(%ebp),%eax\n add 12(%ebp),%eax\n rol $7,%eax\n"
                + " pushw %ax\n popw %si\n pop %esi\n leave\n ret $8\n"
                + "outer: push %ebx\n push $0x1234\n push 8(%esp)\n call leaf\n xor $0x5bd1e995,%eax\n pop %ebx\n ret\n"
                + "9:\n" + loop(500, " push %ecx\n push %eax\n call outer\n add $8,%esp\n pushl (%ebx,%esi,4)\n pop %edi\n"
                + " add %eax,%edi\n mov %edi,(%ebx,%esi,4)\n");
        assertCompiledMatches(src);
    }

    /** A #PF on a load in the middle of a compiled block: EIP, CR2, error code and retired count as the interpreter's. */
    @Test
    void pageFaultOnALoadInTheMiddleOfACompiledBlockMatchesTheInterpreter() {
        String src = "mov $0x200000,%ebx\n xor %eax,%eax\n mov $5000,%ecx\n"
                + "1: add $1,%edi\n movzwl 2(%ebx),%edx\n add (%ebx),%eax\n add %edx,%eax\n add $0x100,%ebx\n dec %ecx\n jnz 1b";
        java.util.function.Consumer<CpuHarness> setup = h -> h.paging().unmap(0x208000);
        Outcome interpreted = run(src, false, setup), compiled = run(src, true, setup);
        assertEquals(14, interpreted.vector(), "#PF");
        assertEquals(0x208002, interpreted.cr2());
        assertEquals(0, interpreted.frame0(), "a read of a page not present, at CPL 0");
        assertTrue(compiled.compiled() > 0, "blocks compiled");
        assertSame(interpreted, compiled);
    }

    /**
     * The CRC loop's shape: an INC before a register XOR (its flags die there: a register form
     * cannot fault), a register MOVZX, then a table load that walks into a page not present. The
     * flags at the #PF are the SHR's, as the interpreter leaves them.
     */
    @Test
    void pageFaultAfterRegisterFormsInACompiledLoopMatchesTheInterpreter() {
        assertFaultMatches("mov $0x200000,%esi\n mov $0x207000,%ebx\n mov $0x5a5a5a5a,%eax\n xor %ecx,%ecx\n"
                + "1: movzbl (%esi),%ecx\n inc %esi\n xor %al,%cl\n shr $3,%eax\n movzbl %cl,%ecx\n"
                + " mov (%ebx),%edi\n add $4,%ebx\n xor %edi,%eax\n add %ecx,%eax\n cmp $0x201000,%esi\n jne 1b",
                h -> h.paging().unmap(0x208000), 14, 0, 0x208000);
    }

    /** A #PF on the write of a read-modify-write in a compiled block: the error code says write, nothing was written. */
    @Test
    void pageFaultOnAReadModifyWriteInACompiledBlockMatchesTheInterpreter() {
        String src = "mov $0x200000,%ebx\n xor %eax,%eax\n mov $5000,%ecx\n"
                + "1: inc %eax\n addl %eax,0xffe(%ebx)\n sub $1,%ecx\n add $0x100,%ebx\n test %ecx,%ecx\n jnz 1b";
        java.util.function.Consumer<CpuHarness> setup = h -> h.paging().unmap(0x208000);
        Outcome interpreted = run(src, false, setup), compiled = run(src, true, setup);
        assertEquals(14, interpreted.vector(), "#PF");
        assertEquals(2, interpreted.frame0(), "a write to a page not present, at CPL 0");
        assertSame(interpreted, compiled);
    }

    /**
     * A push at the limit of an expand-down stack segment in a compiled loop raises #SS(0) (the
     * stack's own fault for a limit violation, SDM vol. 3, 6.15) with the push's EIP, ESP unchanged.
     * The loop runs at CPL 3 so the delivery switches to the ring-0 stack.
     */
    @Test
    void stackFaultOnAPushAtTheSegmentLimitInACompiledLoopMatchesTheInterpreter() {
        // selector 0x33: DPL 3 expand-down writable data, byte granular, 32-bit, limit 0x80000
        java.util.function.Consumer<CpuHarness> setup = h -> h.gdt(6, CpuHarness.descriptor(0, 0x80000, 0xF6, 0x4));
        String src = CpuHarness.RING3 + " mov $0x33,%ax\n mov %ax,%ss\n mov $0x81000,%esp\n xor %eax,%eax\n"
                + "1: push %eax\n inc %eax\n pushw %ax\n popw %dx\n jmp 1b";
        Outcome interpreted = run(src, false, setup), compiled = run(src, true, setup);
        assertEquals(12, interpreted.vector(), "#SS");
        assertEquals(0, interpreted.frame0(), "error code");
        assertTrue(compiled.compiled() > 0, "blocks compiled");
        assertSame(interpreted, compiled);
    }

    @Test
    void selfModifyingCodeThroughACompiledReadModifyWriteIsSeen() {
        // The loop adds 4 to the immediate of its own "add $1,%eax" once, after 100 passes.
        String src = "xor %eax,%eax\n mov $300,%ecx\n mov $1f+2,%ebx\n"
                + "1: add $1,%eax\n cmp $200,%ecx\n jne 2f\n addb $4,(%ebx)\n2: dec %ecx\n jnz 1b";
        assertSelfModifyingLoop(src, 101 * 1 + 199 * 5);
    }

    @Test
    void selfModifyingCodeThroughACompiledPushIsSeen() {
        // One push, with ESP just past the imm32 of "add $0x12345678,%eax", rewrites that immediate to 7.
        String src = "xor %eax,%eax\n mov $300,%ecx\n mov %esp,%ebp\n"
                + "1: add $0x12345678,%eax\n cmp $200,%ecx\n jne 2f\n mov $1b+5,%esp\n push $7\n mov %ebp,%esp\n2: dec %ecx\n jnz 1b";
        assertSelfModifyingLoop(src, 101 * 0x12345678 + 199 * 7);
    }

    /** The rewrite lands after the 101st pass's add: EAX sums 101 old and 199 new immediates in both modes. */
    private static void assertSelfModifyingLoop(String src, int eax) {
        Outcome interpreted = run(src, false), compiled = run(src, true);
        assertEquals(eax, interpreted.regs()[Cpu.EAX]);
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

    /** The flags after a loop whose closing ADD and DEC store their flags only at the exits: CF from the ADD, the rest from the DEC. */
    @Test
    void deferredLoopTailFlagsAreThoseOfTheLastPass() {
        for (int start : new int[] {0x7fff_fff0, 0xffff_fff0, 0}) {
            assertCompiledMatches("mov $" + start + ",%ecx\n mov $0x01000193,%esi\n mov $700,%edx\n"
                    + "1: add %ecx,%eax\n xor %eax,%ebx\n add %esi,%ecx\n mov %ecx,%edi\n dec %edx\n jnz 1b");
        }
    }

    /** A loop that reads the flags of the previous pass at its top (ADC): the deferred stores are made on the way back. */
    @Test
    void deferredLoopTailFlagsReachTheNextPassThatReadsThem() {
        assertCompiledMatches("mov $0x9e3779b9,%ecx\n mov $600,%edx\n"
                + "1: adc %ecx,%eax\n rol $7,%ecx\n add %ecx,%ebx\n cmp %ebx,%eax\n lea 1(%esi),%esi\n jne 1b\n"
                + " mov $300,%edx\n2: setc %al\n add %eax,%ebx\n sub $1,%edx\n jnz 2b");
    }

    /** A closing condition the locals cannot answer (JO after ADD) reads the deferred flags from the CPU. */
    @Test
    void deferredLoopTailFlagsFeedAConditionTheLocalsCannotAnswer() {
        assertCompiledMatches("mov $0x7fff0000,%eax\n1: inc %ebx\n add $1,%eax\n mov %eax,%edi\n jno 1b");
    }

    /**
     * A compiled loop with deferred flags stopped by budgets of every size up to two passes: at each
     * stop (the loop left in the middle, at its end or at its branch) registers, EFLAGS and EIP are the
     * interpreter's.
     */
    @Test
    void deferredLoopTailFlagsAreExactAtEveryBudgetStop() {
        String src = "mov $0x7ffffffe,%ecx\n mov $1000,%edx\n1: add %ebx,%eax\n or $0x101,%ebx\n inc %esi\n add %esi,%ecx\n dec %edx\n jnz 1b";
        assertExactAtBudgetStops(src, 1000, 40, java.util.stream.IntStream.rangeClosed(1, 13).toArray());
    }

    /**
     * Compiled and interpreted runs of {@code src}, both first run {@code warm} instructions (its
     * blocks compiled by then), agree in the count, registers, EFLAGS and EIP after each of
     * {@code slices} runs of every budget in {@code budgets}.
     */
    private static void assertExactAtBudgetStops(String src, int warm, int slices, int[] budgets) {
        for (int budget : budgets) {
            CpuHarness interpreted = new CpuHarness(), compiled = new CpuHarness();
            interpreted.cpu.setCompilerEnabled(false);
            interpreted.code(src);
            compiled.code(src);
            compiled.cpu.run(warm);
            interpreted.cpu.run(warm);
            for (int k = 0; k < slices; k++) {
                assertEquals(interpreted.cpu.run(budget), compiled.cpu.run(budget), "retired, budget " + budget);
                for (int r = 0; r < 8; r++) assertEquals(interpreted.reg(r), compiled.reg(r), "register " + r + ", budget " + budget);
                assertEquals(interpreted.flags(), compiled.flags(), "EFLAGS, budget " + budget + ", slice " + k);
                assertEquals(interpreted.cpu.eip(), compiled.cpu.eip(), "EIP, budget " + budget);
            }
            assertTrue(compiled.cpu.compiledBlocks() > 0);
        }
    }

    /**
     * MOVS, STOS and LODS without REP, compiled directly: every size, both directions (DF), a source
     * segment override, and 16-bit addressing whose SI and DI wrap within 16 bits (the upper halves kept).
     */
    @Test
    void singleStringFormsMatchTheInterpreter() {
        assertCompiledMatches(loop(300, " push %ecx\n mov %edx,%eax\n lea (%ebx,%esi,4),%esi\n lea 1024(%ebx,%ecx,2),%edi\n"
                + " movsb\n movsw\n movsl\n std\n movsl\n movsb\n movsw\n cld\n stosb\n stosw\n stosl\n"
                + " lodsb\n add %eax,%ebp\n lodsw\n add %eax,%ebp\n lodsl\n xor %eax,%ebp\n fs movsb\n"
                + " std\n lodsw\n stosb\n stosl\n cld\n add %esi,%ebp\n add %edi,%ebp\n"
                + " mov $0x1234fffe,%esi\n mov $0xabcd8000,%edi\n add %ecx,%edi\n addr16 movsl\n addr16 movsb\n addr16 lodsw\n"
                + " std\n addr16 stosw\n addr16 movsb\n cld\n add %esi,%ebp\n add %edi,%ebp\n add 0x8000(%ecx),%ebp\n pop %ecx\n"));
    }

    /** One-operand 32-bit MUL and IMUL with register and memory operands: EDX:EAX and CF/OF, ZF, SF, PF as the interpreter's. */
    @Test
    void oneOperandMultiplyMatchesTheInterpreter() {
        String[] forms = {"mov %edx,%eax\n mul %edx", "mov %edx,%eax\n imul %edx", "mov %edx,%eax\n mull (%ebx,%esi,4)",
            "mov %edx,%eax\n imull 4(%ebx)", "mov %esi,%eax\n mul %esi", "mov $-3,%eax\n imul %esi", "mov %ecx,%eax\n neg %eax\n imul %ecx",
            "mov %edx,%eax\n mul %ecx\n add %eax,%ebp", "mov %edx,%eax\n imul %edx\n jc 7f\n inc %ebp\n7: jo 8f\n inc %ebp\n8:"};
        StringBuilder body = new StringBuilder();
        for (String form : forms) {
            body.append(" push %edx\n ").append(form).append("\n pushf\n pop %edi\n and $0x8c5,%edi\n add %edi,%ebp\n")
                    .append(" add %eax,%ebp\n xor %edx,%ebp\n pop %edx\n mov %ebp,(%ebx,%esi,4)\n rol $3,%edx\n");
        }
        assertCompiledMatches(loop(300, body.toString()));
    }

    /** The same fault in the interpreter and in compiled code: vector {@code vector}, error code {@code error} and, for a #PF, CR2 {@code cr2}. */
    private static void assertFaultMatches(String src, java.util.function.Consumer<CpuHarness> setup, int vector, int error, int cr2) {
        Outcome interpreted = run(src, false, setup), compiled = run(src, true, setup);
        assertEquals(vector, interpreted.vector(), "vector");
        assertEquals(error, interpreted.frame0(), "error code");
        if (vector == 14) assertEquals(cr2, interpreted.cr2(), "CR2");
        assertTrue(compiled.compiled() > 0, "blocks compiled");
        assertSame(interpreted, compiled);
    }

    /** A MOVSB whose source walks into a page not present: #PF (read) with ESI and EDI as before it, EIP at it. */
    @Test
    void pageFaultOnTheReadOfACompiledMovsMatchesTheInterpreter() {
        assertFaultMatches("mov $0x207000,%esi\n mov $0x200000,%edi\n xor %eax,%eax\n"
                + "1: inc %eax\n movsb\n add $3,%esi\n add %eax,%ebp\n jmp 1b", h -> h.paging().unmap(0x208000), 14, 0, 0x208000);
    }

    /** A MOVSL whose destination straddles into a page not present: #PF (write), nothing written, CR2 at the page. */
    @Test
    void pageFaultOnTheStraddlingWriteOfACompiledMovsMatchesTheInterpreter() {
        assertFaultMatches("mov $0x200000,%esi\n mov $0x207e02,%edi\n"
                + "1: movsl\n add %esi,%eax\n movl $-1,-4(%esi)\n jmp 1b", h -> h.paging().unmap(0x208000), 14, 2, 0x208000);
    }

    /** LODSL walking down (DF set) into a page not present: #PF with ESI not yet moved. */
    @Test
    void pageFaultOnACompiledLodsWalkingDownMatchesTheInterpreter() {
        assertFaultMatches("std\n mov $0x209800,%esi\n"
                + "1: lodsl\n add %eax,%ebx\n inc %ecx\n jmp 1b", h -> h.paging().unmap(0x208000), 14, 0, 0x208ffc);
    }

    /** STOSW beyond the limit of ES: #GP(0), EDI not moved. */
    @Test
    void limitFaultOnACompiledStosMatchesTheInterpreter() {
        // selector 0x30: ring-0 writable data, base 0, byte-granular limit 0x80fff, 32-bit
        java.util.function.Consumer<CpuHarness> setup = h -> h.gdt(6, CpuHarness.descriptor(0, 0x80fff, 0x92, 0x4));
        assertFaultMatches("mov $0x30,%ax\n mov %ax,%es\n mov $0x80000,%edi\n mov $0x5a5a,%eax\n"
                + "1: stosw\n inc %eax\n add %eax,%ebx\n jmp 1b", setup, 13, 0, 0);
    }

    /** A one-operand MULL whose operand walks into a page not present: #PF with EAX and EDX as before it. */
    @Test
    void pageFaultOnACompiledOneOperandMultiplyMatchesTheInterpreter() {
        assertFaultMatches("mov $0x207000,%ebx\n mov $3,%eax\n"
                + "1: mull (%ebx)\n add $3,%eax\n add %edx,%esi\n add $0x10,%ebx\n jmp 1b", h -> h.paging().unmap(0x208000), 14, 0, 0x208000);
    }

    /**
     * An inner loop that is one block compiles alone, not as the first segment of a region with
     * the outer loop's blocks (already hot when it is compiled), and runs as interpreted.
     */
    @Test
    void aSelfLoopIsCompiledAloneThoughTheBlocksAfterItAreHot() {
        String src = "mov $300,%ecx\n xor %eax,%eax\n"
                + "outer: mov $20,%edx\n inner: add %edx,%eax\n rol $3,%eax\n dec %edx\n jnz inner\n"
                + " add %eax,%esi\n dec %ecx\n jnz outer";
        assertCompiledMatches(src);
        CpuHarness h = new CpuHarness();
        h.code(src);
        h.cpu.run(BlockCompiler.THRESHOLD * 8L);
        CodeCache.Block b = h.cpu.code.dispatched(h.label("inner"));
        assertNotNull(b, "the inner loop's block is dispatched");
        assertNotNull(b.compiled, "and compiled");
        assertEquals(b.insns.length, b.compiled.length, "alone: no other block joined");
    }

    /** A loop whose body branches (an if/else, a merge step with an inner loop): one branch-region method in compiled code. */
    private static final String BRANCHING_LOOP = "mov $" + CpuHarness.DATA + ",%ebx\n mov $0x9e3779b9,%edx\n mov $900,%ecx\n"
            + "1: imul $1103515245,%edx,%edx\n add $12345,%edx\n mov %edx,%eax\n shr $24,%eax\n cmp $0x80,%eax\n jb 2f\n"
            + " add %eax,%esi\n xor %esi,(%ebx,%eax,4)\n jmp 3f\n2: sub %eax,%edi\n mov %edi,%ebp\n and $7,%ebp\n"
            + "4: inc %esi\n dec %ebp\n jns 4b\n3: test $3,%cl\n je 5f\n add (%ebx),%edi\n5: dec %ecx\n jnz 1b";

    @Test
    void branchRegionLoopMatchesTheInterpreter() {
        assertCompiledMatches(BRANCHING_LOOP);
    }

    /**
     * The branching loop stopped by budgets of every size up to a few passes: at each stop (in any
     * segment, at a branch between segments or on a way back) registers, EFLAGS, EIP and the count
     * are the interpreter's.
     */
    @Test
    void branchRegionIsExactAtEveryBudgetStop() {
        assertExactAtBudgetStops(BRANCHING_LOOP, 5000, 30, java.util.stream.IntStream.iterate(1, b -> b <= 40, b -> b + 3).toArray());
    }

    /** A #PF in a segment of a branch region other than the first: EIP, CR2, error code, registers and count as the interpreter's. */
    @Test
    void pageFaultInALaterSegmentOfABranchRegionMatchesTheInterpreter() {
        assertFaultMatches("mov $0x207000,%ebx\n xor %ecx,%ecx\n"
                + "1: inc %ecx\n test $1,%cl\n jz 2f\n add $3,%eax\n jmp 3f\n2: add (%ebx),%eax\n add $8,%ebx\n3: cmp $100000,%ecx\n jne 1b",
                h -> h.paging().unmap(0x208000), 14, 0, 0x208000);
    }

    /** A store into a later segment of a branch region (the immediate of its "add"): the rewrite is seen from the next pass on. */
    @Test
    void selfModifyingCodeInALaterSegmentOfABranchRegionIsSeen() {
        String src = "xor %eax,%eax\n mov $300,%ecx\n"
                + "1: test $1,%cl\n jz 2f\n add $1,%eax\n jmp 3f\n2: add $1,%eax\n3: cmp $200,%ecx\n jne 4f\n movb $5,2b+2\n4: dec %ecx\n jnz 1b";
        assertSelfModifyingLoop(src, 150 + 51 + 99 * 5);
    }
}
