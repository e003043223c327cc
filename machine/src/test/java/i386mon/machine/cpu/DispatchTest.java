package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Going from one block to the next (the dispatch table and compiled blocks' chain links) never
 * runs a block that is no longer the one at EIP: code written from another block or through
 * another virtual alias, a code page remapped and flushed (MOV to CR3, INVLPG), a breakpoint set
 * once the links exist. Each program runs interpreted and compiled with the same outcome.
 */
class DispatchTest {
    /** A function page away from the code: linear 0x200000, identity-mapped at first. */
    private static final int FUNC = 0x200000, OTHER = 0x201000;

    private record Outcome(int[] regs, int eip, long retired, int vector) { }

    private static Outcome outcome(CpuHarness h) {
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) regs[r] = h.reg(r);
        return new Outcome(regs, h.cpu.eip(), h.cpu.retired(), h.vector());
    }

    private static void assertSameOutcome(Outcome interpreted, Outcome compiled) {
        assertArrayEquals(interpreted.regs(), compiled.regs(), "registers");
        assertEquals(interpreted.eip(), compiled.eip(), "EIP");
        assertEquals(interpreted.retired(), compiled.retired(), "retired instructions");
        assertEquals(interpreted.vector(), compiled.vector(), "vector");
    }

    private static Outcome run(String source, boolean compiler) {
        CpuHarness h = new CpuHarness();
        h.cpu.setCompilerEnabled(compiler);
        h.code(source).run();
        if (compiler) assertTrue(h.cpu.compiledBlocks() > 0, "blocks compiled");
        return outcome(h);
    }

    /**
     * A loop of three blocks chained A -> C -> B -> A; {@code patch} (run once, from C, when ECX is
     * 150) rewrites the immediate of A's {@code add $1,%eax}.
     */
    private static String threeBlockLoop(String patch) {
        return "xor %eax,%eax\n mov $300,%ecx\n"
                + "blocka: add $1,%eax\n jmp blockc\n"
                + "blockb: dec %ecx\n jnz blocka\n jmp done\n"
                + "blockc: cmp $150,%ecx\n jne blockb\n" + patch + "\n jmp blockb\n"
                + "done:";
    }

    @Test
    void codeWrittenFromAnotherChainedBlockRunsNextPass() {
        String src = threeBlockLoop("movb $5,blocka+2");
        Outcome interpreted = run(src, false), compiled = run(src, true);
        assertEquals(151 + 149 * 5, compiled.regs()[EAX]);
        assertSameOutcome(interpreted, compiled);
    }

    @Test
    void codeWrittenThroughAnotherVirtualAliasRunsNextPass() {
        // linear 0x300000 maps the code's physical page too: the patch goes through that alias
        String src = threeBlockLoop("movb $5,blocka+2-" + CpuHarness.CODE + "+0x300000");
        Outcome[] both = new Outcome[2];
        for (int k = 0; k < 2; k++) {
            CpuHarness h = new CpuHarness().paging();
            h.cpu.setCompilerEnabled(k == 1);
            h.mem.write32(CpuHarness.PAGE_TABLE + 4L * 0x300, CpuHarness.CODE | 7);
            h.code(src).run();
            both[k] = outcome(h);
        }
        assertEquals(151 + 149 * 5, both[1].regs()[EAX]);
        assertSameOutcome(both[0], both[1]);
    }

    /**
     * A loop that jumps to {@link #FUNC} (a static exit, so a chain link) which adds 1 and jumps
     * back; when ECX is 100 the loop maps {@code FUNC} to {@link #OTHER} (which adds 100) and runs
     * {@code flush}.
     */
    private static Outcome remapped(String flush, boolean compiler) {
        return remapped(flush, compiler, false);
    }

    /** As {@link #remapped(String, boolean)}; {@code call}: FUNC is called and returns (exits a general handler leaves). */
    private static Outcome remapped(String flush, boolean compiler, boolean call) {
        String main = "xor %eax,%eax\n mov $200,%ecx\n"
                + "1: " + (call ? "call " : "jmp ") + FUNC + "\n"
                + "back: cmp $100,%ecx\n jne 2f\n"
                + " movl $" + (OTHER | 7) + "," + (CpuHarness.PAGE_TABLE + 4 * (FUNC >>> 12)) + "\n" + flush + "\n"
                + "2: dec %ecx\n jnz 1b";
        CpuHarness h = new CpuHarness().paging();
        h.cpu.setCompilerEnabled(compiler);
        h.code(main);
        int back = h.label("back");
        String leave = call ? "ret" : "jmp " + back;
        byte[] one = Asm.assemble("add $1,%eax\n " + leave, FUNC), hundred = Asm.assemble("add $100,%eax\n " + leave, FUNC); // runs at FUNC
        h.mem.load(FUNC, one, 0, one.length);
        h.mem.load(OTHER, hundred, 0, hundred.length);
        h.run();
        if (compiler) assertTrue(h.cpu.compiledBlocks() > 0, "blocks compiled");
        return outcome(h);
    }

    @Test
    void codePageRemappedAndCr3ReloadedRunsTheNewCode() {
        String flush = "mov %cr3,%edx\n mov %edx,%cr3";
        Outcome interpreted = remapped(flush, false), compiled = remapped(flush, true);
        assertEquals(101 + 99 * 100, compiled.regs()[EAX]);
        assertSameOutcome(interpreted, compiled);
    }

    @Test
    void calledCodePageRemappedAndCr3ReloadedRunsTheNewCode() {
        String flush = "mov %cr3,%edx\n mov %edx,%cr3";
        Outcome interpreted = remapped(flush, false, true), compiled = remapped(flush, true, true);
        assertEquals(101 + 99 * 100, compiled.regs()[EAX]);
        assertSameOutcome(interpreted, compiled);
    }

    @Test
    void codePageRemappedAndInvlpgRunsTheNewCode() {
        String flush = "invlpg " + FUNC;
        Outcome interpreted = remapped(flush, false), compiled = remapped(flush, true);
        assertEquals(101 + 99 * 100, compiled.regs()[EAX]);
        assertSameOutcome(interpreted, compiled);
    }

    @Test
    void codePageRemappedWithoutFlushKeepsRunningTheCachedTranslation() {
        Outcome interpreted = remapped("nop", false), compiled = remapped("nop", true);
        assertEquals(200, compiled.regs()[EAX]); // the stale TLB entry still maps FUNC to the old page
        assertSameOutcome(interpreted, compiled);
    }

    @Test
    void breakpointSetAfterTheBlocksChainedStopsThere() {
        CpuHarness h = new CpuHarness();
        h.code(threeBlockLoop("nop"));
        h.cpu.run(900); // half the loop: hot, compiled and chained
        assertTrue(h.cpu.compiledBlocks() > 0, "blocks compiled");
        int target = h.label("blockb");
        BreakpointAddresses bps = new BreakpointAddresses();
        h.cpu.setBreakpoints(bps);
        long before = h.cpu.retired();
        int ecx = h.reg(Cpu.ECX);
        bps.add(target);
        h.cpu.run(1_000_000);
        assertEquals(Cpu.Stop.BREAKPOINT, h.cpu.stopReason());
        assertEquals(target, h.cpu.eip());
        assertTrue(h.cpu.retired() - before <= 6, "stopped within one pass: " + (h.cpu.retired() - before));
        assertTrue(h.reg(Cpu.ECX) == ecx || h.reg(Cpu.ECX) == ecx - 1);
    }

    /** A loop whose if/else joins into one branch-region method, with the else branch at "two". */
    private static final String REGION_LOOP = "xor %eax,%eax\n mov $100000,%ecx\n"
            + "top: inc %eax\n test $1,%cl\n jz two\n add $3,%eax\n jmp three\n"
            + "two: add $5,%eax\n jmp three\nthree: dec %ecx\n jnz top\n";

    /** A loop calling a leaf on its page, which joins the caller's method, at "leaf". */
    private static final String CALL_LOOP = "xor %eax,%eax\n mov $100000,%ecx\n"
            + "top: call leaf\n dec %ecx\n jnz top\n hlt\nleaf: add %ecx,%eax\n ret\n";

    @Test
    void aBreakpointInALaterSegmentOfACompiledBranchRegionStopsThere() {
        assertBreakpointStopsAfterWarmUp(REGION_LOOP, "two");
    }

    @Test
    void aBreakpointInAJoinedCalleeStopsThere() {
        assertBreakpointStopsAfterWarmUp(CALL_LOOP, "leaf");
    }

    /**
     * Runs {@code src} hot (its blocks compiled and joined), then with a breakpoint at {@code label}:
     * the compiled run stops there as the interpreted one does, with the same count and registers.
     */
    private static void assertBreakpointStopsAfterWarmUp(String src, String label) {
        Outcome[] both = new Outcome[2];
        for (int k = 0; k < 2; k++) {
            CpuHarness h = new CpuHarness();
            h.cpu.setCompilerEnabled(k == 1);
            h.code(src);
            h.cpu.run(5000);
            BreakpointAddresses bps = new BreakpointAddresses();
            h.cpu.setBreakpoints(bps);
            bps.add(h.label(label));
            h.cpu.run(1_000_000);
            assertEquals(Cpu.Stop.BREAKPOINT, h.cpu.stopReason(), k == 1 ? "compiled" : "interpreted");
            assertEquals(h.label(label), h.cpu.eip());
            if (k == 1) assertTrue(h.cpu.compiledBlocks() > 0, "blocks compiled");
            both[k] = outcome(h);
        }
        assertSameOutcome(both[0], both[1]);
    }

    /**
     * A fault in a chained successor leaves the registers that successor wrote: the caller's
     * registers-in-locals must not be stored over them on the way out (its fault handler does not
     * cover the chained call).
     */
    @Test
    void aFaultInAChainedSuccessorKeepsTheSuccessorsRegisters() {
        String src = "xor %eax,%eax\n xor %ebx,%ebx\n mov $300,%ecx\n mov $0x100000,%esi\n"
                + "blocka: add $1,%eax\n add $3,%ebx\n jmp blockb\n"
                + "blockb: add $2,%eax\n add $5,%ebx\n mov (%esi),%edx\n dec %ecx\n"
                + " cmp $150,%ecx\n jne blocka\n mov $0x800000,%esi\n jmp blocka\n";
        Outcome[] both = new Outcome[2];
        for (int k = 0; k < 2; k++) {
            CpuHarness h = new CpuHarness().paging();
            h.cpu.setCompilerEnabled(k == 1);
            h.code(src).run();
            both[k] = outcome(h);
        }
        assertEquals(14, both[1].vector(), "#PF");
        assertEquals(151 * 3, both[1].regs()[EAX], "EAX: the successor's add before its fault");
        assertSameOutcome(both[0], both[1]);
    }
}
