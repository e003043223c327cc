package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import i386mon.machine.cpu.OpcodeTable.Op;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks the {@link OpcodeTable}: every defined row (group rows expanded) is decoded and executed
 * once with benign operands, in its register and memory forms and with a 0x66 prefix. The
 * instruction may complete or raise a guest exception; it must never reach the executor's
 * "no handler" path or throw any other Java exception.
 */
class OpcodeTableTest {
    /** One executable row: its opcode (0x100 | byte for the 0x0F map), ModRM.reg for group rows, and the entry. */
    static final class Row {
        final int opcode, reg;
        final OpcodeTable.Entry entry;

        Row(int opcode, int reg, OpcodeTable.Entry entry) {
            this.opcode = opcode;
            this.reg = reg;
            this.entry = entry;
        }

        @Override
        public String toString() {
            return String.format("%s%02X%s %s", opcode >= 0x100 ? "0F " : "", opcode & 0xFF, reg >= 0 ? " /" + reg : "", entry);
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int opc = 0; opc < 0x200; opc++) {
            if (opc == 0x0F) continue; // the two-byte escape
            OpcodeTable.Entry e = OpcodeTable.entry(opc);
            if ((e.flags & OpcodeTable.PREFIX) != 0) continue;
            if (e.isGroup()) {
                for (int r = 0; r < 8; r++) if (e.group[r].op != Op.UD) rows.add(new Row(opc, r, e.group[r]));
            } else if (e.op != Op.UD) {
                rows.add(new Row(opc, -1, e));
            }
        }
        return rows;
    }

    /** Instruction bytes: optional 0x66, the opcode, ModRM (register or [disp32] form) and zero immediates. */
    static int[] encode(Row row, boolean memory, boolean prefix66) {
        List<Integer> b = new ArrayList<>();
        if (prefix66) b.add(0x66);
        if (row.opcode >= 0x100) b.add(0x0F);
        b.add(row.opcode & 0xFF);
        if (row.entry.modrm) {
            int reg = row.reg >= 0 ? row.reg : 0;
            if (memory) {
                b.add(reg << 3 | 5); // mod=0 rm=5: [disp32]
                b.add(0x00);
                b.add(0x00);
                b.add(0x08);
                b.add(0x00);
            } else {
                b.add(0xC0 | reg << 3);
            }
        }
        for (int k = 0; k < 8; k++) b.add(0); // immediates (as many as any row needs)
        int[] out = new int[b.size()];
        for (int k = 0; k < out.length; k++) out[k] = b.get(k);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRowIsDecodedAndExecutedByAHandler() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            for (boolean memory : new boolean[] {false, true}) {
                if (memory && !row.entry.modrm) continue;
                for (boolean p66 : new boolean[] {false, true}) {
                    CpuHarness h = new CpuHarness().bytes(encode(row, memory, p66));
                    try {
                        h.cpu.run(1);
                    } catch (RuntimeException ex) {
                        fail((memory ? "memory" : "register") + (p66 ? " with 0x66" : "") + " form threw " + ex, ex);
                    }
                    // it either retired (EIP moved on, or a jump/fault delivered somewhere) or raised a guest exception
                    assertTrue(h.cpu.retired() == 1 || h.cpu.halted(), "retired " + h.cpu.retired());
                }
            }
        }));
    }

    @Test
    void tableCoversTheOneByteMapExceptTheEscapeAndPrefixes() {
        // every one-byte opcode is a prefix, the 0x0F escape, or has a row (possibly an explicit #UD row)
        for (int opc = 0; opc < 0x100; opc++) {
            OpcodeTable.Entry e = OpcodeTable.entry(opc);
            assertTrue(e != null, "no row for " + Integer.toHexString(opc));
        }
        assertEquals(Op.UD, OpcodeTable.entry(0x10B).op, "0F 0B is UD2");
    }

    @Test
    void everyHandlerIsUsedBySomeRowOrTheSpecializer() {
        Set<Op> used = EnumSet.noneOf(Op.class);
        for (Row r : rows()) used.add(r.entry.op);
        used.add(Op.UD);
        used.addAll(specializedOps());
        List<Op> unused = new ArrayList<>();
        for (Op op : Op.values()) if (!used.contains(op)) unused.add(op);
        assertEquals(List.of(), unused, "handlers no opcode row dispatches to");
    }

    /** Handler ids the Specializer gives to real encodings (32-bit register forms of table rows). */
    private static Set<Op> specializedOps() {
        String[] encodings = {
            "01 d8", "09 d8", "21 d8", "29 d8", "31 d8", "39 d8", "85 d8", "03 c3", "2b c3",
            "81 c0 78 56 34 12", "83 c8 01", "81 e0 ff 00 00 00", "83 e8 01", "81 f0 01 00 00 00", "3d 10 00 00 00",
            "40", "48", "89 d8", "8b c3", "b8 01 00 00 00", "8b 03", "89 03",
            "c1 c0 05", "c1 e0 02", "c1 e8 02", "c1 f8 02", "c1 f0 02", "50", "58"};
        Set<Op> ops = EnumSet.noneOf(Op.class);
        for (String hex : encodings) {
            String[] parts = hex.split(" ");
            int[] b = new int[parts.length + 15];
            for (int k = 0; k < parts.length; k++) b[k] = Integer.parseInt(parts[k], 16);
            Insn i = new Insn();
            Decoder.decode(k -> b[k], true, i);
            ops.add(i.op);
        }
        return ops;
    }

    @Test
    void everySpecializedHandlerIsReachedByARealEncoding() {
        Set<Op> reached = specializedOps();
        for (Op op : Op.values()) if (op.fast) assertTrue(reached.contains(op), "specialised handler " + op + " never chosen");
    }
}
