package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EFLAGS.TF and repeated string instructions: the single-step #DB follows every iteration, with the
 * saved EIP still on the instruction (its first prefix) while the count is not zero and the
 * repeat condition holds, and after it once the last iteration is done (SDM vol. 2, REP, Operation;
 * vol. 3, 17.3.1.4). The same in the interpreter and with compiled blocks.
 */
class RepSingleStepTest {
    /** Where the #DB handler logs each trap: four dwords (saved EIP, ECX, DR6, EDI) per trap. */
    private static final int LOG = CpuHarness.DATA;
    private static final int SRC = CpuHarness.DATA + 0x1000, DST = CpuHarness.DATA + 0x2000;

    /**
     * The #DB handler logs one entry, clears DR6 (so each trap's DR6.BS is its own) and returns;
     * EBP counts the traps. EAX and EDX are preserved, EFLAGS restored by the IRET.
     */
    private static final String HANDLER = "jmp start\n"
            + "db: push %eax\n push %edx\n mov %ebp,%edx\n shl $4,%edx\n mov 8(%esp),%eax\n mov %eax," + LOG + "(%edx)\n"
            + " mov %ecx," + (LOG + 4) + "(%edx)\n mov %dr6,%eax\n mov %eax," + (LOG + 8) + "(%edx)\n"
            + " mov %edi," + (LOG + 12) + "(%edx)\n xor %eax,%eax\n mov %eax,%dr6\n inc %ebp\n pop %edx\n pop %eax\n iret\n"
            + "start: xor %ebp,%ebp\n";
    private static final String TF_ON = "pushf\n orl $0x100,(%esp)\n popf\n";
    /** Clears TF again: three more traps (after the PUSHF, the AND and the POPF), at t1, t2 and done. */
    private static final String TF_OFF = "t0: pushf\nt1: andl $~0x100,(%esp)\nt2: popf\ndone: nop";

    /** One logged trap. */
    private record Trap(int eip, int ecx, int dr6, int edi) { }

    private static CpuHarness run(String body, boolean compiler) {
        CpuHarness h = new CpuHarness();
        h.cpu.setCompilerEnabled(compiler);
        h.code(HANDLER + body + TF_OFF);
        h.setGate(CpuException.DB, h.label("db"), 0);
        return h.run();
    }

    private static List<Trap> traps(CpuHarness h) {
        List<Trap> t = new ArrayList<>();
        for (int k = 0; k < h.reg(Cpu.EBP); k++) {
            int a = LOG + 16 * k;
            t.add(new Trap(h.mem.read32(a), h.mem.read32(a + 4), h.mem.read32(a + 8), h.mem.read32(a + 12)));
        }
        return t;
    }

    /** The traps of the string instruction: all but the three of {@link #TF_OFF}, which are checked here. */
    private static List<Trap> stringTraps(CpuHarness h) {
        assertEquals(-1, h.vector(), "ran to the end without another exception");
        List<Trap> all = traps(h);
        assertTrue(all.size() >= 3, "traps: " + all);
        List<Trap> tail = all.subList(all.size() - 3, all.size());
        assertEquals(List.of(h.label("t1"), h.label("t2"), h.label("done")), tail.stream().map(Trap::eip).toList());
        for (Trap t : all) assertEquals(Cpu.DR6_BS, t.dr6() & Cpu.DR6_BS, "DR6.BS in every trap: " + all);
        return all.subList(0, all.size() - 3);
    }

    private static void assertTraps(List<Trap> got, int... eipEcxPairs) {
        assertEquals(eipEcxPairs.length / 2, got.size(), "traps: " + got);
        for (int k = 0; k < got.size(); k++) {
            assertEquals(eipEcxPairs[2 * k], got.get(k).eip(), "saved EIP of trap " + k + ": " + got);
            assertEquals(eipEcxPairs[2 * k + 1], got.get(k).ecx(), "ECX at trap " + k + ": " + got);
        }
    }

    @Test
    void repMovsbTrapsAfterEachIterationOnTheInstruction() {
        String body = "movl $0x44332211," + SRC + "\n mov $" + SRC + ",%esi\n mov $" + DST + ",%edi\n mov $3,%ecx\n"
                + TF_ON + "rep: rep movsb\nafter: jmp t0\n";
        CpuHarness h = run(body, false);
        int rep = h.label("rep"), after = h.label("after");
        List<Trap> t = stringTraps(h);
        assertTraps(t.subList(0, 3), rep, 2, rep, 1, after, 0);
        assertEquals(List.of(DST + 1, DST + 2, DST + 3), t.subList(0, 3).stream().map(Trap::edi).toList(), "EDI per iteration");
        assertEquals(0x00332211, h.mem.read32(DST), "three bytes copied, no more");
        assertEquals(4, t.size(), "then the JMP's own trap");
    }

    @Test
    void repWithCountZeroTrapsOnceAfterTheInstruction() {
        String body = "mov $" + DST + ",%edi\n xor %ecx,%ecx\n" + TF_ON + "rep stosl\nafter: jmp t0\n";
        CpuHarness h = run(body, false);
        List<Trap> t = stringTraps(h);
        assertTraps(t.subList(0, 1), h.label("after"), 0);
        assertEquals(DST, t.get(0).edi(), "no store");
    }

    @Test
    void repeCmpsbEndingEarlyTrapsAfterTheInstructionOnTheMismatch() {
        String body = "movl $0x58636261," + SRC + "\n movl $0x59636261," + DST + "\n mov $" + SRC + ",%esi\n mov $" + DST + ",%edi\n"
                + " mov $10,%ecx\n" + TF_ON + "rep: repe cmpsb\nafter: setz %bl\n jmp t0\n";
        CpuHarness h = run(body, false);
        int rep = h.label("rep"), after = h.label("after");
        List<Trap> t = stringTraps(h);
        assertTraps(t.subList(0, 4), rep, 9, rep, 8, rep, 7, after, 6);
        assertEquals(0, h.reg(Cpu.EBX) & 0xFF, "ZF clear: 'X' != 'Y'");
    }

    @Test
    void repneScasbEndingEarlyTrapsAfterTheInstructionOnTheMatch() {
        String body = "movl $0x64636261," + DST + "\n mov $" + DST + ",%edi\n mov $0x63,%eax\n mov $10,%ecx\n"
                + TF_ON + "rep: repne scasb\nafter: setz %bl\n jmp t0\n";
        CpuHarness h = run(body, false);
        int rep = h.label("rep"), after = h.label("after");
        List<Trap> t = stringTraps(h);
        assertTraps(t.subList(0, 3), rep, 9, rep, 8, after, 7);
        assertEquals(DST + 3, t.get(2).edi());
        assertEquals(1, h.reg(Cpu.EBX) & 0xFF, "ZF set: found 'c'");
    }

    @Test
    void repeatConditionStillHoldingOnTheLastCountEndsOnTheCount() {
        String body = "movl $0x00636261," + SRC + "\n movl $0x00636261," + DST + "\n mov $" + SRC + ",%esi\n mov $" + DST + ",%edi\n"
                + " mov $2,%ecx\n" + TF_ON + "rep: repe cmpsb\nafter: jmp t0\n";
        CpuHarness h = run(body, false);
        assertTraps(stringTraps(h).subList(0, 2), h.label("rep"), 1, h.label("after"), 0);
    }

    @Test
    void savedEipIsTheFirstPrefixAndOnlyCxCountsWithSixteenBitAddresses() {
        // addr16 fs rep movsb: CX counts, the upper half of ECX is untouched; the trap returns to the 0x67.
        String body = "mov $0x10,%ax\n mov %ax,%fs\n mov $" + (SRC & 0xFFFF) + ",%esi\n mov $" + (DST & 0xFFFF) + ",%edi\n"
                + " mov $0xABCD0002,%ecx\n" + TF_ON + "rep: .byte 0x67, 0x64, 0xf3, 0xa4\nafter: jmp t0\n";
        CpuHarness h = run(body, false);
        assertTraps(stringTraps(h).subList(0, 2), h.label("rep"), 0xABCD0001, h.label("after"), 0xABCD0000);
    }

    @Test
    void trapReturnsIntoTheStringWhichResumesWhereItStopped() {
        String body = "mov $" + DST + ",%edi\n mov $0x5a,%eax\n mov $5,%ecx\n" + TF_ON + "rep stosb\nafter: jmp t0\n";
        CpuHarness h = run(body, false);
        assertEquals(5, stringTraps(h).size() - 1, "one trap per store, then the JMP's");
        for (int k = 0; k < 5; k++) assertEquals(0x5a, h.mem.read8(DST + k), "byte " + k);
        assertEquals(0, h.mem.read8(DST + 5));
        assertEquals(DST + 5, h.reg(Cpu.EDI));
    }

    /**
     * A REP MOVSB in a loop hot enough to be compiled; TF is set for the last pass only, so the
     * compiled block holding the string is entered with TF set (or must not be).
     */
    private static final String HOT_LOOP = "mov $200,%edx\n"
            + "1: mov $" + SRC + ",%esi\n mov $" + DST + ",%edi\n mov $2,%ecx\n cmp $1,%edx\n jne hot\n" + TF_ON
            + "hot: rep movsb\n dec %edx\n jnz 1b\n jmp t0\n";

    @Test
    void compiledBlocksTrapAfterEachIterationLikeTheInterpreter() {
        CpuHarness interpreted = run(HOT_LOOP, false), compiled = run(HOT_LOOP, true);
        assertEquals(0, interpreted.cpu.compiledBlocks());
        assertTrue(compiled.cpu.compiledBlocks() > 0, "the loop was compiled");
        List<Trap> t = stringTraps(interpreted);
        assertEquals(t, stringTraps(compiled));
        int rep = interpreted.label("hot");
        assertEquals(rep, t.get(0).eip());
        assertEquals(1, t.get(0).ecx());
        assertTrue(t.size() >= 2 && t.get(1).ecx() == 0 && t.get(1).eip() != rep, "second trap after the instruction: " + t);
        int[] regs = new int[8], regsCompiled = new int[8];
        for (int r = 0; r < 8; r++) { regs[r] = interpreted.reg(r); regsCompiled[r] = compiled.reg(r); }
        assertArrayEquals(regs, regsCompiled, "registers");
        assertEquals(interpreted.cpu.retired(), compiled.cpu.retired(), "retired instructions");
    }
}
