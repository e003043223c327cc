package i386mon.machine.debug;

/** The instruction being executed, as the run loop's hook last reported it (for watch hits). */
final class CurrentInstruction {
    /** The index of the CPU executing it. */
    int cpu;
    int cs, eip, linearEip;
    /** Vector whose delivery is in progress since the instruction began, or -1. */
    int deliveringVector = -1;
}
