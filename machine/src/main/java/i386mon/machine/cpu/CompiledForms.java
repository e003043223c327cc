package i386mon.machine.cpu;

/**
 * Small static helpers of forms {@link BlockCompiler} emits itself, where the work is easier to
 * state in Java than in bytecode. Each is a few lines with a single caller shape, so HotSpot inlines
 * it into the compiled block.
 */
final class CompiledForms {
    private CompiledForms() { }

    /** The flags of a one-operand 32-bit MUL or IMUL with product {@code hi:lo}, as {@link MulDiv#mul} sets them. */
    static void multiplyFlags(Cpu c, int lo, int hi, boolean signed) {
        boolean high = signed ? hi != lo >> 31 : hi != 0;
        c.setResultFlags(lo, 4, high, high);
    }
}
