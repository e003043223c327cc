package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders decoded instructions as AT&T (GNU as) or Intel text, from the same {@link OpcodeTable}
 * rows the interpreter executes, so the listing always shows what will run.
 */
public final class Disassembler {
    private Disassembler() { }

    /** One disassembled instruction: its length in bytes and its text. */
    /**
     * One decoded instruction: its length, the mnemonic with any prefix ("rep movsl", "lock
     * addl") and the operands ("" when none), as separate fields for front ends to lay out.
     */
    public record Decoded(int length, String mnemonic, String operands) {
        /** "mnemonic operands", the mnemonic padded to 8 columns when operands follow. */
        public String text() {
            return operands.isEmpty() ? mnemonic : String.format("%-8s %s", mnemonic, operands);
        }
    }

    private static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] R32 = OpcodeTable.REG32;

    /**
     * Disassembles the instruction at {@code code[offset]}, which sits at linear {@code address}
     * in 32-bit code. Bytes past the array's end read as missing: the result is "(bad)".
     */
    public static Decoded disassemble(byte[] code, int offset, int address, boolean intel) {
        return disassemble(code, offset, address, intel, true);
    }

    public static Decoded disassemble(byte[] code, int offset, int address, boolean intel, boolean code32) {
        Insn i = new Insn();
        try {
            Decoder.decode(k -> {
                if (offset + k >= code.length) throw new IndexOutOfBoundsException();
                return code[offset + k] & 0xFF;
            }, code32, i);
        } catch (IndexOutOfBoundsException | CpuException e) {
            return new Decoded(1, "(bad)", "");
        }
        String[] parts = intel ? intel(i, address) : att(i, address);
        return new Decoded(i.len, parts[0], parts[1]);
    }

    private static String regName(int r, int size) {
        return size == 1 ? R8[r] : size == 2 ? R16[r] : R32[r];
    }

    private static int opSize(Insn i) { return i.o32 ? 4 : 2; }

    /** Operand size named by an operand spec ("Eb" 1, "Ev" 2/4 ...); 0 if none. */
    private static int sizeOf(Insn i, String spec) {
        if (spec.length() < 2) return 0;
        switch (spec.substring(1)) {
            case "b": return 1;
            case "w": return 2;
            case "d": return 4;
            case "v": case "z": return opSize(i);
            case "q": return 8;
            default: return 0;
        }
    }

    /** The row's name for this syntax and size; "(bad)" for an encoding the decoder turned into #UD. */
    private static String mnemonic(Insn i, boolean intel) {
        OpcodeTable.Entry e = i.entry;
        if (i.op == OpcodeTable.Op.UD && e.op != OpcodeTable.Op.UD) return "(bad)"; // register form of a memory-only row, bad LOCK
        if (e.op == OpcodeTable.Op.ESC) return OpcodeTable.x87Name(i.sub, i.reg, i.rm, i.mod == 3);
        return e.name(intel, i.o32, i.a32);
    }

    /** LOCK, and REP on string instructions only (REPZ where it compares, i.e. writes ZF), named by the prefix rows. */
    private static String prefix(Insn i) {
        StringBuilder p = new StringBuilder();
        if (i.lock) p.append(OpcodeTable.ONE[0xF0].mnemonic).append(' ');
        if (i.rep != 0 && i.entry.isString()) {
            p.append(i.rep == 2 ? OpcodeTable.ONE[0xF2].mnemonic : OpcodeTable.ONE[0xF3].mnemonic + (i.entry.repeatTestsZf() ? "z" : "")).append(' ');
        }
        return p.toString();
    }

    // ---- AT&T

    /** {mnemonic with prefixes, operands}. */
    private static String[] att(Insn i, int address) {
        String m = mnemonic(i, false);
        if (m.equals("(bad)")) return new String[] {m, ""};
        List<String> ops = new ArrayList<>();
        int memSize = 0;
        for (String spec : i.entry.operands) {
            String o = attOperand(i, spec, address);
            if (o == null) continue;
            if (isMemSpec(i, spec)) memSize = sizeOf(i, spec);
            ops.add(o);
        }
        // A memory operand's size is always spelled in the mnemonic, as QEMU's disassembler does.
        if (memSize > 0 && !i.entry.is(OpcodeTable.NO_SUFFIX)) m += memSize == 1 ? "b" : memSize == 2 ? "w" : memSize == 4 ? "l" : "q";
        java.util.Collections.reverse(ops);
        return new String[] {prefix(i) + m, String.join(", ", ops)};
    }

    private static boolean isMemSpec(Insn i, String spec) {
        char c = spec.charAt(0);
        return i.mod != 3 && (c == 'E' || c == 'M') || c == 'O';
    }

    private static String attOperand(Insn i, String spec, int address) {
        char c = spec.charAt(0);
        switch (spec) {
            case "AL": return "%al";
            case "CL": return "%cl";
            case "DX": return i.entry.isString() ? null : "(%dx)";
            case "eAX": return "%" + regName(0, opSize(i));
            case "1": return null;
            case "ES": case "CS": case "SS": case "DS": case "FS": case "GS": return "%" + spec.toLowerCase();
            case "Xb": case "Xv": case "Yb": case "Yv": return null;
            case "Ib": return hexImm(i.imm & 0xFF);
            case "Ibs": return hexImm(i.imm & (opSize(i) == 4 ? -1 : 0xFFFF));
            case "Iw": return hexImm(i.imm & 0xFFFF);
            case "Iz": return hexImm(i.imm & (opSize(i) == 4 ? -1 : 0xFFFF));
            case "Jb": case "Jz": return String.format("0x%x", target(i, address));
            case "Ap": return String.format("$0x%x, $0x%x", i.imm2, i.imm);
            case "Ob": case "Ov": return attMem(i);
            case "Ex": return i.mod != 3 ? attMem(i) : i.sub == 7 ? "%ax" : null; // x87: only FNSTSW AX has a register operand
            default: break;
        }
        switch (c) {
            case 'Z': return "%" + regName(i.sub, spec.equals("Zb") ? 1 : spec.equals("Zd") ? 4 : opSize(i));
            case 'G': return "%" + regName(i.reg, sizeOf(i, spec));
            case 'S': return i.reg < 6 ? "%" + OpcodeTable.SREG[i.reg] : "%?";
            case 'C': return "%cr" + i.reg;
            case 'D': return "%db" + i.reg;
            case 'R': return "%" + R32[i.rm];
            case 'E': return indirect(i, i.mod == 3 ? "%" + regName(i.rm, Math.max(1, Math.min(4, sizeOf(i, spec)))) : attMem(i));
            case 'M': return attMem(i);
            default: return spec;
        }
    }

    private static String indirect(Insn i, String mem) {
        return i.entry.is(OpcodeTable.INDIRECT) ? "*" + mem : mem;
    }

    private static String hexImm(int v) { return String.format("$0x%x", v); }

    private static int target(Insn i, int address) {
        int t = address + i.len + i.imm;
        return i.o32 ? t : t & 0xFFFF;
    }

    private static String attMem(Insn i) {
        StringBuilder sb = new StringBuilder();
        if (i.segOverride) sb.append('%').append(OpcodeTable.SREG[i.seg]).append(':');
        String[] names = i.a32 ? R32 : R16;
        if (i.base < 0 && i.index < 0) return sb.append(String.format("0x%x", i.a32 ? i.disp : i.disp & 0xFFFF)).toString();
        if (i.disp != 0) sb.append(i.disp < 0 ? String.format("-0x%x", -(long) i.disp) : String.format("0x%x", i.disp));
        sb.append('(');
        if (i.base >= 0) sb.append('%').append(names[i.base]);
        if (i.index >= 0) sb.append(",%").append(names[i.index]).append(',').append(1 << i.scale);
        return sb.append(')').toString();
    }

    // ---- Intel

    /** {mnemonic with prefixes, operands}. */
    private static String[] intel(Insn i, int address) {
        String m = mnemonic(i, true);
        if (m.equals("(bad)")) return new String[] {m, ""};
        List<String> ops = new ArrayList<>();
        for (String spec : i.entry.operands) {
            String o = intelOperand(i, spec, address);
            if (o != null) ops.add(o);
        }
        return new String[] {prefix(i) + m, String.join(", ", ops)};
    }

    private static String intelOperand(Insn i, String spec, int address) {
        char c = spec.charAt(0);
        switch (spec) {
            case "AL": return "al";
            case "CL": return "cl";
            case "DX": return "dx";
            case "eAX": return regName(0, opSize(i));
            case "1": return "1";
            case "ES": case "CS": case "SS": case "DS": case "FS": case "GS": return spec.toLowerCase();
            case "Xb": case "Xv": case "Yb": case "Yv": return null;
            case "Ib": return String.format("0x%x", i.imm & 0xFF);
            case "Ibs": case "Iz": return String.format("0x%x", i.imm & (opSize(i) == 4 ? -1 : 0xFFFF));
            case "Iw": return String.format("0x%x", i.imm & 0xFFFF);
            case "Jb": case "Jz": return String.format("0x%x", target(i, address));
            case "Ap": return String.format("0x%x:0x%x", i.imm2, i.imm);
            case "Ob": return "byte ptr " + intelMem(i);
            case "Ov": return ptr(opSize(i)) + intelMem(i);
            case "Ex": return i.mod != 3 ? intelMem(i) : i.sub == 7 ? "ax" : null;
            default: break;
        }
        switch (c) {
            case 'Z': return regName(i.sub, spec.equals("Zb") ? 1 : spec.equals("Zd") ? 4 : opSize(i));
            case 'G': return regName(i.reg, sizeOf(i, spec));
            case 'S': return i.reg < 6 ? OpcodeTable.SREG[i.reg] : "?";
            case 'C': return "cr" + i.reg;
            case 'D': return "dr" + i.reg;
            case 'R': return R32[i.rm];
            case 'E': return i.mod == 3 ? regName(i.rm, Math.max(1, Math.min(4, sizeOf(i, spec)))) : ptr(sizeOf(i, spec)) + intelMem(i);
            case 'M': return (spec.equals("Mq") ? "qword ptr " : spec.equals("Mp") ? "fword ptr " : "") + intelMem(i);
            default: return spec;
        }
    }

    private static String ptr(int size) {
        switch (size) {
            case 1: return "byte ptr ";
            case 2: return "word ptr ";
            case 4: return "dword ptr ";
            case 8: return "qword ptr ";
            default: return "";
        }
    }

    private static String intelMem(Insn i) {
        StringBuilder sb = new StringBuilder("[");
        if (i.segOverride) sb.append(OpcodeTable.SREG[i.seg]).append(':');
        String[] names = i.a32 ? R32 : R16;
        boolean any = false;
        if (i.base >= 0) { sb.append(names[i.base]); any = true; }
        if (i.index >= 0) { sb.append(any ? "+" : "").append(names[i.index]).append('*').append(1 << i.scale); any = true; }
        if (!any) sb.append(String.format("0x%x", i.a32 ? i.disp : i.disp & 0xFFFF));
        else if (i.disp != 0) sb.append(i.disp < 0 ? String.format("-0x%x", -(long) i.disp) : String.format("+0x%x", i.disp));
        return sb.append(']').toString();
    }
}
