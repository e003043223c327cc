package i386mon.machine.cpu;

import static i386mon.machine.cpu.OpcodeTable.IMM_AP;
import static i386mon.machine.cpu.OpcodeTable.IMM_B;
import static i386mon.machine.cpu.OpcodeTable.IMM_BS;
import static i386mon.machine.cpu.OpcodeTable.IMM_MOFFS;
import static i386mon.machine.cpu.OpcodeTable.IMM_NONE;
import static i386mon.machine.cpu.OpcodeTable.IMM_W;
import static i386mon.machine.cpu.OpcodeTable.IMM_Z;

import i386mon.machine.fault.CpuException;

/** Turns instruction bytes into an {@link Insn}, driven by the {@link OpcodeTable} (prefix bytes included). */
final class Decoder {
    private Decoder() { }

    /** Where the decoder reads bytes: offset {@code i} from the instruction's first byte. */
    interface Bytes {
        int at(int i);
    }

    static final int MAX_LENGTH = 15;

    /**
     * Decodes one instruction with default operand/address size {@code d32} (CS.D). Throws #GP(0)
     * beyond 15 bytes; undefined encodings decode to {@link OpcodeTable.Op#UD} (raising #UD when executed).
     */
    static void decode(Bytes b, boolean d32, Insn i) {
        int pos = 0, seg = -1, rep = 0, opc;
        boolean o32 = d32, a32 = d32, lock = false;
        prefixes:
        for (;;) {
            int x = b.at(pos++);
            if (pos > MAX_LENGTH) throw CpuException.gp(0);
            OpcodeTable.Entry p = OpcodeTable.ONE[x];
            switch (p.prefix) {
                case SEGMENT: seg = p.sub; continue;
                case OPERAND_SIZE: o32 = !d32; continue;
                case ADDRESS_SIZE: a32 = !d32; continue;
                case LOCK: lock = true; continue;
                case REPEAT: rep = p.sub; continue;
                case ESCAPE: opc = 0x100 | b.at(pos++); break prefixes;
                default: opc = x; break prefixes;
            }
        }
        OpcodeTable.Entry e = OpcodeTable.entry(opc);
        i.opcode = opc;
        i.o32 = o32;
        i.a32 = a32;
        i.rep = rep;
        i.lock = lock;
        i.mod = 3;
        i.reg = 0;
        i.rm = 0;
        i.base = -1;
        i.index = -1;
        i.scale = 0;
        i.disp = 0;
        i.imm = 0;
        i.imm2 = 0;
        i.segOverride = seg >= 0;
        int defSeg = Cpu.DS;
        if (e.modrm) {
            int m = b.at(pos++);
            i.mod = m >>> 6;
            i.reg = (m >>> 3) & 7;
            i.rm = m & 7;
            if (e.group != null) e = e.group[i.reg];
            if (i.mod != 3) {
                if (e.registerOnly) {
                    i.mod = 3; // MOV to/from CRn/DRn ignore ModRM.mod (SDM vol. 2, MOV-Move to/from Control Registers)
                } else if (a32) {
                    pos = modrm32(b, pos, i);
                    if (i.base == Cpu.ESP || i.base == Cpu.EBP) defSeg = Cpu.SS;
                } else {
                    pos = modrm16(b, pos, i);
                    if (i.base == Cpu.EBP) defSeg = Cpu.SS;
                }
            }
        }
        i.entry = e;
        i.op = e.op;
        i.sub = e.sub;
        if (e.immKind1 != IMM_NONE) {
            pos = imm(b, pos, i, e.immKind1, true);
            if (e.immKind2 != IMM_NONE) pos = imm(b, pos, i, e.immKind2, false);
        }
        if (pos > MAX_LENGTH) throw CpuException.gp(0);
        i.seg = seg >= 0 ? seg : defSeg;
        i.len = pos;
        if ((e.flags & OpcodeTable.NEEDS_MEM) != 0 && i.mod == 3) i.op = OpcodeTable.Op.UD;
        // LOCK is legal only on the listed read-modify-write instructions with a memory destination (SDM vol. 2, LOCK).
        if (lock && ((e.flags & OpcodeTable.LOCKABLE) == 0 || i.mod == 3)) i.op = OpcodeTable.Op.UD;
        Specializer.specialize(i);
    }

    private static int imm(Bytes b, int pos, Insn i, int kind, boolean first) {
        int v;
        switch (kind) {
            case IMM_B: v = b.at(pos++); break;
            case IMM_BS: v = (byte) b.at(pos++); break;
            case IMM_W: v = b.at(pos) | b.at(pos + 1) << 8; pos += 2; break;
            case IMM_Z:
                if (i.o32) { v = le32(b, pos); pos += 4; } else { v = (short) (b.at(pos) | b.at(pos + 1) << 8); pos += 2; }
                break;
            case IMM_AP:
                if (i.o32) { v = le32(b, pos); pos += 4; } else { v = b.at(pos) | b.at(pos + 1) << 8; pos += 2; }
                i.imm2 = b.at(pos) | b.at(pos + 1) << 8;
                pos += 2;
                i.imm = v;
                return pos;
            case IMM_MOFFS:
                // moffs: a memory operand with only a displacement, sized by the address size.
                if (i.a32) { i.disp = le32(b, pos); pos += 4; } else { i.disp = b.at(pos) | b.at(pos + 1) << 8; pos += 2; }
                i.mod = 0;
                return pos;
            default: throw new IllegalStateException("immediate kind " + kind);
        }
        if (first) i.imm = v; else i.imm2 = v;
        return pos;
    }

    private static int le32(Bytes b, int pos) {
        return b.at(pos) | b.at(pos + 1) << 8 | b.at(pos + 2) << 16 | b.at(pos + 3) << 24;
    }

    private static int modrm32(Bytes b, int pos, Insn i) {
        int rm = i.rm;
        if (rm == 4) {
            int sib = b.at(pos++);
            i.scale = sib >>> 6;
            int idx = (sib >>> 3) & 7;
            i.index = idx == 4 ? -1 : idx;
            int base = sib & 7;
            if (base == 5 && i.mod == 0) {
                i.base = -1;
                i.disp = le32(b, pos);
                return pos + 4;
            }
            i.base = base;
        } else if (rm == 5 && i.mod == 0) {
            i.base = -1;
            i.disp = le32(b, pos);
            return pos + 4;
        } else {
            i.base = rm;
        }
        if (i.mod == 1) i.disp = (byte) b.at(pos++);
        else if (i.mod == 2) { i.disp = le32(b, pos); pos += 4; }
        return pos;
    }

    private static final int[] BASE16 = {Cpu.EBX, Cpu.EBX, Cpu.EBP, Cpu.EBP, -1, -1, Cpu.EBP, Cpu.EBX};
    private static final int[] INDEX16 = {Cpu.ESI, Cpu.EDI, Cpu.ESI, Cpu.EDI, Cpu.ESI, Cpu.EDI, -1, -1};

    private static int modrm16(Bytes b, int pos, Insn i) {
        int rm = i.rm;
        if (rm == 6 && i.mod == 0) {
            i.disp = b.at(pos) | b.at(pos + 1) << 8;
            return pos + 2;
        }
        i.base = BASE16[rm];
        i.index = INDEX16[rm];
        if (rm == 4 || rm == 5) { i.base = INDEX16[rm]; i.index = -1; }
        if (i.mod == 1) i.disp = (byte) b.at(pos++);
        else if (i.mod == 2) { i.disp = (short) (b.at(pos) | b.at(pos + 1) << 8); pos += 2; }
        return pos;
    }
}
