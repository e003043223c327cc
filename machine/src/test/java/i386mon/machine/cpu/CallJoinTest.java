package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Calls and returns compiled into their caller's method ({@link CallSegments}) behave as the
 * interpreter: a RET whose address is not the one pushed, a fault in the callee, code written by
 * the callee, the code page remapped, run slices ending inside the joined code. Each program loops
 * long enough for its blocks to be joined before the event (at ECX = 100 of 300).
 */
class CallJoinTest {
    private record Outcome(int[] regs, int eip, long retired, int vector) { }

    /** A loop calling {@code outer}, which calls {@code leafA} and {@code leafB}; all on one page. */
    private static String program(String beforeCall, String leafA) {
        return "xor %eax,%eax\n xor %ebx,%ebx\n mov $300,%ecx\n mov $0x80000,%edi\n"
                + "loop: " + beforeCall + "\n"
                + "call1: push %ecx\n call outer\n add $4,%esp\n add %eax,%ebx\n dec %ecx\n jnz loop\n hlt\n"
                + "outer: push %ebp\n mov %esp,%ebp\n push %esi\n mov 8(%ebp),%esi\n call leafa\n"
                + "after: add %esi,%eax\n call leafb\n add $1,%ebx\n pop %esi\n pop %ebp\n ret\n"
                + "leafa: " + leafA + "\n"
                + "leafb: push %edx\n mov (%edi),%edx\n add %edx,%eax\n inc %eax\n pop %edx\n ret\n"
                + "elsewhere: add $1000,%ebx\n jmp after\n";
    }

    private static final String PLAIN_LEAF = "inc %eax\n rol $3,%eax\n ret";

    private static Outcome run(String source, boolean compiler, boolean paging, Consumer<CpuHarness> setup) {
        CpuHarness h = new CpuHarness();
        if (paging) h.paging();
        h.cpu.setCompilerEnabled(compiler);
        h.code(source);
        setup.accept(h);
        h.run();
        if (compiler) assertTrue(h.cpu.compiledBlocks() > 0, "blocks compiled");
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) regs[r] = h.reg(r);
        return new Outcome(regs, h.cpu.eip(), h.cpu.retired(), h.vector());
    }

    /** Runs {@code source} interpreted and compiled, asserts the same outcome, returns the compiled one. */
    private static Outcome both(String source, boolean paging, Consumer<CpuHarness> setup) {
        Outcome interpreted = run(source, false, paging, setup), compiled = run(source, true, paging, setup);
        assertArrayEquals(interpreted.regs(), compiled.regs(), "registers");
        assertEquals(interpreted.eip(), compiled.eip(), "EIP");
        assertEquals(interpreted.retired(), compiled.retired(), "retired instructions");
        assertEquals(interpreted.vector(), compiled.vector(), "vector");
        return compiled;
    }

    @Test
    void aLoopAroundCallsIsJoinedIntoOneMethodAndRunsAsInterpreted() {
        String src = program("nop", PLAIN_LEAF);
        both(src, false, h -> { });
        CpuHarness h = new CpuHarness();
        h.code(src);
        h.cpu.run(3000);
        CodeCache.Block b = h.cpu.code.dispatched(h.label("loop"));
        assertNotNull(b, "the loop's call block is dispatched");
        assertNotNull(b.compiled, "and compiled");
        assertTrue(b.compiled.length > b.insns.length, "with the callees and return addresses joined: " + b.compiled.length);
    }

    @Test
    void aRetToAnotherAddressThanPushedLeavesThere() {
        // at ECX = 100 leafa returns 2 bytes past its return address, skipping "add %esi,%eax"
        String leaf = "inc %eax\n xor %edx,%edx\n cmp $100,%ecx\n sete %dl\n add %edx,%edx\n add %edx,(%esp)\n ret";
        both(program("push %edx\n pop %edx", leaf), false, h -> { });
    }

    @Test
    void aCalleeThatReplacesItsReturnAddressGoesThere() {
        // at ECX = 100 leafa returns to "elsewhere" (which goes back to "after")
        String leaf = "push %edx\n push %esi\n mov 8(%esp),%esi\n mov $elsewhere,%edx\n cmp $100,%ecx\n cmove %edx,%esi\n"
                + " mov %esi,8(%esp)\n pop %esi\n pop %edx\n inc %eax\n ret";
        Outcome o = both(program("nop", leaf), false, h -> { });
        assertTrue(o.regs()[EBX] != 0);
    }

    @Test
    void aFaultInTheCalleeLeavesTheCalleesRegistersAndEip() {
        // at ECX = 150 leafb reads through EDI = 0x800000, unmapped: #PF in the joined code
        String src = program("cmp $150,%ecx\n jne call1\n mov $0x800000,%edi", PLAIN_LEAF);
        Outcome o = both(src, true, h -> { });
        assertEquals(14, o.vector(), "#PF");
    }

    @Test
    void codeTheCalleeWritesIntoItsCallerRunsAsWritten() {
        // at ECX = 100 leafa (no branch: it writes to data otherwise) rewrites the immediate of the
        // caller's "add $1,%ebx" after "call leafb" to 7: code of the same joined method, later on
        String leaf = "push %edx\n push %esi\n mov $0x80100,%edx\n mov $after+9,%esi\n cmp $100,%ecx\n cmove %esi,%edx\n"
                + " movb $7,(%edx)\n pop %esi\n pop %edx\n inc %eax\n ret";
        Outcome o = both(program("nop", leaf), false, h -> { });
        Outcome unpatched = run(program("nop", leaf.replace("$100", "$1000")), true, false, h -> { });
        // the last 100 passes add 7, not 1
        assertEquals(unpatched.regs()[EBX] + 6 * 100, o.regs()[EBX], "EBX");
    }

    @Test
    void theCodePageRemappedUnderJoinedCodeRunsTheNewCode() {
        // a copy of the code page whose leafa adds 2, mapped in at ECX = 100 (CR3 reloaded)
        int copy = 0x40000;
        String remap = "cmp $100,%ecx\n jne call1\n movl $" + (copy | 7) + "," + (CpuHarness.PAGE_TABLE + 4 * (CpuHarness.CODE >>> 12))
                + "\n mov %cr3,%edx\n mov %edx,%cr3";
        String src = program(remap, "inc %eax\n inc %eax\n ret");
        Consumer<CpuHarness> copyPage = h -> {
            for (int k = 0; k < 0x1000; k += 4) h.mem.write32(copy + k, h.mem.read32(CpuHarness.CODE + k));
        };
        Outcome o = both(src, true, copyPage.andThen(h -> h.mem.write8(copy + h.label("leafa") - CpuHarness.CODE + 1, 0x90)));
        Outcome same = run(src, true, true, copyPage); // the copy unchanged: the remap alone changes nothing
        assertTrue(o.regs()[EBX] != same.regs()[EBX], "the new code ran");
    }

    @Test
    void slicesEndingInsideJoinedCodeStopWhereTheInterpreterStops() {
        String src = program("nop", PLAIN_LEAF);
        List<List<Integer>> eips = new ArrayList<>();
        for (boolean compiler : new boolean[] {false, true}) {
            CpuHarness h = new CpuHarness();
            h.cpu.setCompilerEnabled(compiler);
            h.code(src);
            h.cpu.run(4000); // hot and joined
            List<Integer> seen = new ArrayList<>();
            for (int k = 0; k < 400; k++) {
                h.cpu.run(7 + k % 5);
                seen.add(h.cpu.eip());
                seen.add(h.reg(EAX));
            }
            eips.add(seen);
        }
        assertEquals(eips.get(0), eips.get(1));
    }
}
