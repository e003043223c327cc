package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.OpcodeTable.Entry;
import i386mon.machine.cpu.OpcodeTable.Op;
import i386mon.machine.cpu.OpcodeTable.Prefix;
import i386mon.machine.fault.CpuException;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The columns of every {@link OpcodeTable} row agree with each other, with the SDM's lists and with
 * what the handlers actually do: block ends, flag effects, faults, fast forms, LOCK and REP, modes,
 * size rules, prefixes and disassembly names.
 */
class OpcodeFactsTest {
    private static final int ARITH_AND_DF = Cpu.ARITH | Cpu.DF;

    private static List<OpcodeTableTest.Row> rows() { return OpcodeTableTest.rows(); }

    private static boolean hasBranchTarget(Entry e) {
        for (String o : e.operands) if (o.startsWith("J") || o.equals("Ap")) return true;
        return false;
    }

    private static boolean hasOperand(Entry e, String firstLetters) {
        for (String o : e.operands) if (firstLetters.indexOf(o.charAt(0)) >= 0) return true;
        return false;
    }

    // ---- block ends

    @Test
    void everyControlTransferEndsTheBlock() {
        Pattern transfer = Pattern.compile("j.*|l?call|l?jmp|l?ret|iret|int.*|loop.*");
        for (OpcodeTableTest.Row r : rows()) {
            boolean named = transfer.matcher(r.entry.mnemonic).matches();
            if (named || hasBranchTarget(r.entry) || r.entry.is(OpcodeTable.INDIRECT)) assertTrue(r.entry.endsBlock(), r + " transfers control");
        }
    }

    @Test
    void everyHandlerThatMayLetAnInterruptOrTrapInEndsTheBlock() {
        // Setting IF or TF, or loading SS (the interrupt shadow), changes what may happen before the
        // next instruction. CLI only masks interrupts and needs no check.
        for (Op op : Op.values()) {
            boolean enables = (op.writes & (Cpu.IF | Cpu.TF)) != 0 && op != Op.CLI;
            if (enables) assertTrue(op.endsBlock, op + " may enable interrupts or traps");
        }
        for (OpcodeTableTest.Row r : rows()) {
            boolean loadsSs = r.entry.mnemonic.equals("lss") || r.entry.mnemonic.equals("pop") && r.entry.operands[0].equals("SS")
                    || r.entry.mnemonic.equals("mov") && r.entry.operands[0].equals("Sw");
            if (loadsSs) assertTrue(r.entry.endsBlock(), r + " may load SS");
        }
    }

    @Test
    void everyPrivilegedInstructionThatChangesTranslationOrFetchEndsTheBlock() {
        Set<String> changes = Set.of("lgdt", "lidt", "lldt", "ltr", "lmsw", "clts", "invlpg", "wrmsr", "hlt");
        for (OpcodeTableTest.Row r : rows()) {
            boolean writesCr = r.entry.op == Op.MOV_CR_R;
            if (changes.contains(r.entry.mnemonic) || writesCr) {
                assertTrue(r.entry.is(OpcodeTable.PRIV), r + " needs CPL 0");
                assertTrue(r.entry.endsBlock(), r + " changes translation, descriptor tables or fetch");
            }
        }
    }

    @Test
    void undefinedOpcodesEndTheBlockAndFault() {
        assertTrue(Op.UD.endsBlock);
        assertTrue(Op.UD.mayFault());
    }

    @Test
    void aRowThatMovesEipElsewhereEndsTheBlock() {
        Random rnd = new Random(1);
        for (OpcodeTableTest.Row r : rows()) {
            for (int trial = 0; trial < 4; trial++) {
                CpuHarness h = randomState(r, false, false, rnd);
                int next = CpuHarness.CODE + lengthOf(r, false, false);
                h.cpu.run(1);
                if (!delivered(h) && h.cpu.eip() != next) assertTrue(r.entry.endsBlock(), r + " moved EIP to " + Integer.toHexString(h.cpu.eip()));
            }
        }
    }

    // ---- flags and faults, against the handlers

    @Test
    void noRowChangesAFlagOutsideItsWritesColumn() {
        Random rnd = new Random(2);
        for (OpcodeTableTest.Row r : rows()) {
            for (boolean memory : new boolean[] {false, true}) {
                if (memory && !r.entry.modrm) continue;
                for (int trial = 0; trial < 8; trial++) {
                    boolean p66 = trial % 2 == 1;
                    CpuHarness h = randomState(r, memory, p66, rnd);
                    int before = h.flags();
                    h.cpu.run(1);
                    int changed = before ^ h.flags();
                    int checked = delivered(h) ? ARITH_AND_DF : ARITH_AND_DF | Cpu.IF | Cpu.TF; // delivery itself clears IF/TF
                    assertEquals(0, changed & checked & ~r.entry.writes,
                            r + (memory ? " (memory)" : "") + " changed flags " + Integer.toHexString(changed & ~r.entry.writes));
                }
            }
        }
    }

    @Test
    void noRowDependsOnAFlagOutsideItsReadsColumn() {
        Random rnd = new Random(3);
        for (OpcodeTableTest.Row r : rows()) {
            if (r.entry.op == Op.ESC) continue; // x87 state is not in the general registers compared here
            for (int trial = 0; trial < 8; trial++) {
                long seed = rnd.nextLong();
                int toggle = ARITH_AND_DF & ~r.entry.reads;
                CpuHarness a = randomState(shared, r, false, trial % 2 == 1, new Random(seed));
                CpuHarness b = randomState(other, r, false, trial % 2 == 1, new Random(seed));
                b.eflags(b.flags() ^ toggle);
                a.cpu.run(1);
                b.cpu.run(1);
                assertEquals(a.cpu.eip(), b.cpu.eip(), r + ": EIP depends on flags it does not read");
                for (int reg = 0; reg < 8; reg++) assertEquals(a.reg(reg), b.reg(reg), r + ": register " + reg + " depends on flags it does not read");
            }
        }
    }

    @Test
    void aRowWhoseHandlerCannotFaultNeverRaisesAnException() {
        Random rnd = new Random(4);
        for (OpcodeTableTest.Row r : rows()) {
            if (r.entry.mayFault()) continue;
            for (boolean memory : new boolean[] {false, true}) {
                if (memory ? !r.entry.modrm : r.entry.is(OpcodeTable.NEEDS_MEM)) continue; // a register form of a memory-only row is #UD
                for (int trial = 0; trial < 8; trial++) {
                    CpuHarness h = randomState(r, memory, trial % 2 == 1, rnd);
                    h.cpu.run(1);
                    assertFalse(delivered(h), r + (memory ? " (memory)" : "") + " raised an exception");
                }
            }
        }
    }

    @Test
    void rowFlagsNarrowTheirHandlersColumns() {
        for (OpcodeTableTest.Row r : rows()) {
            assertEquals(0, r.entry.reads & ~r.entry.op.reads, r + " reads beyond its handler");
            assertEquals(0, r.entry.writes & ~r.entry.op.writes, r + " writes beyond its handler");
        }
    }

    @Test
    void everyHandlerTheBlockCompilerKnowsHasADeclaredFlagEffect() {
        // The compiler trusts these columns for its dead-flag analysis; a handler must be one of its kinds.
        for (Op op : Op.values()) {
            if (!op.compiled()) continue;
            boolean full = (op.writes & Cpu.ARITH) == Cpu.ARITH, none = op.writes == 0;
            boolean partial = !full && !none && (op.writes & ~Cpu.ARITH) == 0;
            assertTrue(op.reads != 0 && op.writes == 0 || op.reads == 0 && (full || none || partial), op + " has no flag effect the compiler can use");
        }
    }

    // ---- fast forms

    @Test
    void fastFormsAreNeverRowsAndEveryOneIsNamedByARow() {
        Set<Op> named = EnumSet.noneOf(Op.class);
        for (OpcodeTableTest.Row r : rows()) {
            assertFalse(r.entry.op.fast, r + " dispatches to a fast form directly");
            if (r.entry.fastReg != null) named.add(r.entry.fastReg);
            if (r.entry.fastMem != null) named.add(r.entry.fastMem);
        }
        for (Op op : Op.values()) {
            assertEquals(op.fast, named.contains(op), op + ": fast forms are exactly those rows name");
            if (op.fast) assertTrue(op.compiled(), op + " is a fast form the compiler must know");
        }
    }

    @Test
    void aFastFormHasItsRowsFlagEffectAndFaultsOnlyIfTheRowMay() {
        for (OpcodeTableTest.Row r : rows()) {
            for (Op fast : new Op[] {r.entry.fastReg, r.entry.fastMem}) {
                if (fast == null) continue;
                assertEquals(r.entry.reads, fast.reads, r + " -> " + fast + " reads");
                assertEquals(r.entry.writes, fast.writes, r + " -> " + fast + " writes");
                assertFalse(fast.endsBlock, fast + " ends a block");
                if (fast.mayFault()) assertTrue(r.entry.mayFault(), r + " -> " + fast + " may fault");
            }
        }
    }

    // ---- LOCK, REP, memory-only, modes, privilege, sizes

    @Test
    void everyLockableRowHasAMemoryDestination() {
        for (OpcodeTableTest.Row r : rows()) {
            if (r.entry.is(OpcodeTable.LOCKABLE)) assertTrue("EM".indexOf(r.entry.operands[0].charAt(0)) >= 0, r + " is lockable without a memory form");
        }
    }

    @Test
    void repeatableRowsAreExactlyTheStringInstructions() {
        for (OpcodeTableTest.Row r : rows()) assertEquals(hasOperand(r.entry, "XY"), r.entry.isString(), r.toString());
    }

    @Test
    void memoryOnlyRowsHaveAMemoryOnlyOperand() {
        for (OpcodeTableTest.Row r : rows()) {
            if (r.entry.is(OpcodeTable.NEEDS_MEM)) assertTrue(hasOperand(r.entry, "M"), r.toString());
        }
    }

    @Test
    void protectedModeOnlyRowsAreTheSdmsList() {
        // SDM vol. 2: "not recognized in real-address mode" and in virtual-8086 mode.
        Set<String> sdm = new TreeSet<>(List.of("arpl", "lar", "lldt", "lsl", "ltr", "sldt", "str", "verr", "verw"));
        Set<String> table = new TreeSet<>();
        for (OpcodeTableTest.Row r : rows()) {
            assertTrue(r.entry.validIn(OpcodeTable.MODE_PROTECTED), r.toString());
            if (!r.entry.validIn(OpcodeTable.MODE_REAL)) {
                table.add(r.entry.mnemonic);
                assertFalse(r.entry.validIn(OpcodeTable.MODE_V86), r + " is #UD in V86 mode too");
            }
        }
        assertEquals(sdm, table);
    }

    @Test
    void privilegedRowsRaiseGeneralProtectionAtCpl3() {
        byte[] toRing3 = Asm.assemble(CpuHarness.RING3, CpuHarness.CODE); // the row's bytes follow at ring3_entry
        for (OpcodeTableTest.Row r : rows()) {
            if (!r.entry.is(OpcodeTable.PRIV)) continue;
            CpuHarness h = new CpuHarness();
            h.mem.load(CpuHarness.CODE, toRing3, 0, toRing3.length);
            int[] insn = OpcodeTableTest.encode(r, r.entry.is(OpcodeTable.NEEDS_MEM), false);
            for (int k = 0; k < insn.length; k++) h.mem.write8(CpuHarness.CODE + toRing3.length + k, insn[k]);
            h.run();
            assertEquals(CpuException.GP, h.vector(), r + " at CPL 3");
        }
    }

    @Test
    void rowsNamedBySizeUseThatSize() {
        for (OpcodeTableTest.Row r : rows()) {
            Entry e = r.entry;
            if (e.att.equals(e.att16) && e.intel.equals(e.intel16)) continue;
            assertTrue(e.namesByAddressSize ? e.usesAddressSize() : e.usesOperandSize(), r + " is named by a size it does not use");
        }
    }

    @Test
    void aRowWhoseResultDependsOnTheOperandSizeSaysSo() {
        Random rnd = new Random(5);
        for (OpcodeTableTest.Row r : rows()) {
            if (r.entry.usesOperandSize()) continue;
            for (int trial = 0; trial < 4; trial++) {
                long seed = rnd.nextLong();
                CpuHarness a = randomState(shared, r, false, false, new Random(seed));
                CpuHarness b = randomState(other, r, false, true, new Random(seed));
                a.cpu.run(1);
                b.cpu.run(1);
                if (delivered(a) || delivered(b)) continue;
                for (int reg = 0; reg < 8; reg++) assertEquals(a.reg(reg), b.reg(reg), r + ": 0x66 changed register " + reg);
                assertEquals(a.cpu.eip() + 1, b.cpu.eip(), r + ": 0x66 changed the next EIP");
            }
        }
    }

    // ---- prefixes and names

    @Test
    void prefixRowsAreWhatTheDecoderSkips() {
        for (int b = 0; b < 256; b++) {
            Entry e = OpcodeTable.ONE[b];
            assertEquals(e.is(OpcodeTable.PREFIX), e.prefix != Prefix.NONE, String.format("%02x", b));
            if (e.prefix == Prefix.NONE || e.prefix == Prefix.ESCAPE) continue;
            int[] bytes = {b, 0x90, 0x90};
            Insn i = new Insn();
            Decoder.decode(k -> bytes[k], true, i);
            assertEquals(2, i.len, String.format("%02x is a prefix", b));
            if (e.prefix == Prefix.SEGMENT) assertEquals(e.sub, i.seg, String.format("%02x selects its segment", b));
        }
    }

    @Test
    void everyRowDisassemblesUnderItsOwnNameInBothSyntaxes() {
        for (OpcodeTableTest.Row r : rows()) {
            boolean memory = r.entry.is(OpcodeTable.NEEDS_MEM);
            for (boolean p66 : new boolean[] {false, true}) {
                int[] insn = OpcodeTableTest.encode(r, memory, p66);
                byte[] code = new byte[insn.length];
                for (int k = 0; k < insn.length; k++) code[k] = (byte) insn[k];
                for (boolean intel : new boolean[] {false, true}) {
                    String text = Disassembler.disassemble(code, 0, 0x1000, intel).text();
                    String name = r.entry.op == Op.ESC ? "(x87)" : r.entry.name(intel, !p66, true);
                    assertFalse(name.isEmpty(), r + " has no name");
                    assertNotEquals("(bad)", text, r.toString());
                    assertTrue(text.startsWith(name) || r.entry.op == Op.ESC, r + (intel ? " intel: " : " att: ") + text);
                }
            }
        }
    }

    // ---- helpers

    private final CpuHarness shared = new CpuHarness(), other = new CpuHarness();

    /** The shared harness from its start state, with the row's instruction at CODE and random general registers (ESP kept) and arithmetic flags. */
    private CpuHarness randomState(OpcodeTableTest.Row r, boolean memory, boolean p66, Random rnd) {
        return randomState(shared, r, memory, p66, rnd);
    }

    private static CpuHarness randomState(CpuHarness h, OpcodeTableTest.Row r, boolean memory, boolean p66, Random rnd) {
        h.bytes(OpcodeTableTest.encode(r, memory, p66)).startState().restart();
        // the same stack and memory operand each time, whatever earlier trials stored there
        for (int k = -64; k < 64; k += 4) {
            h.mem.write32(CpuHarness.STACK_TOP + k, 0);
            h.mem.write32(CpuHarness.DATA + 64 + k, 0);
        }
        for (int reg = 0; reg < 8; reg++) if (reg != Cpu.ESP) h.set(reg, rnd.nextInt());
        h.eflags(0x2 | rnd.nextInt() & ARITH_AND_DF);
        return h;
    }

    private static int lengthOf(OpcodeTableTest.Row r, boolean memory, boolean p66) {
        int[] b = OpcodeTableTest.encode(r, memory, p66);
        Insn i = new Insn();
        Decoder.decode(k -> k < b.length ? b[k] : 0, true, i);
        return i.len;
    }

    /** Whether an exception or interrupt was delivered: EIP is in a handler stub. */
    private static boolean delivered(CpuHarness h) {
        int eip = h.cpu.eip();
        return eip >= CpuHarness.STUBS && eip < CpuHarness.STUBS + 256 * 16 || h.cpu.halted() && h.vector() != -1;
    }
}
