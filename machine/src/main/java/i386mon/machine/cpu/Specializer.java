package i386mon.machine.cpu;

/**
 * Rewrites the handler of a decoded instruction to the fast form its table row names ({@link
 * OpcodeTable.Entry#fastReg} for a register operand, {@link OpcodeTable.Entry#fastMem} for memory),
 * when the operand size is 32 bits and there is no LOCK. The row (and so the disassembly) is
 * unchanged; only the handler that executes it is more direct. Semantics are identical to the
 * general handlers.
 */
final class Specializer {
    private Specializer() { }

    static void specialize(Insn i) {
        OpcodeTable.Entry e = i.entry;
        if (!i.o32 || i.lock || i.op != e.op) return; // the fast forms are 32-bit; a #UD stays #UD
        OpcodeTable.Op fast = i.mod == 3 ? e.fastReg : e.fastMem;
        if (fast == null) return;
        i.op = fast;
        i.dst = register(i, e.operands[0]);
        i.src = e.operands.length > 1 ? register(i, e.operands[1]) : 0;
    }

    /** The register an operand names (ModRM.rm, ModRM.reg, the opcode's low bits, EAX); 0 for an immediate. */
    private static int register(Insn i, String operand) {
        switch (operand.charAt(0)) {
            case 'E': return i.rm;
            case 'G': return i.reg;
            case 'Z': return i.sub;
            default: return operand.equals("eAX") ? Cpu.EAX : 0;
        }
    }
}
