package i386mon.machine.cpu;

/**
 * A block compiled by {@link BlockCompiler}. {@link #run} executes the block (repeatedly, if it
 * loops to itself) and returns the instructions retired, leaving EIP at the next instruction. A
 * guest exception propagates with {@link Cpu#jitAt} and {@link Cpu#jitRetired} telling where.
 */
abstract class CompiledBlock {
    /** Runs the block; {@code budget} is how many instructions may retire (at least the block's length). */
    abstract long run(Cpu c, Insn[] insns, long budget);
}
