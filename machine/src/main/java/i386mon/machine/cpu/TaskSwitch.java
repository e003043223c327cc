package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;

/**
 * Task switches (SDM vol. 3, 7.3): the four ways into one. Every mode's control transfers and
 * interrupt deliveries come here when the target is a TSS or a task gate.
 *
 * <p>Not emulated yet: each entry raises the fault the CPU has always raised there, so that a
 * kernel relying on a task switch stops at a clear #GP instead of running on in a wrong state.
 */
final class TaskSwitch {
    /** JMP to an available TSS or a task gate ({@code selector}, descriptor high dword {@code hi}). */
    void jump(int selector, int hi) {
        throw CpuException.gp(selector & 0xFFFC);
    }

    /** CALL to an available TSS or a task gate: the new task's backlink would be the current TSS. */
    void call(int selector, int hi) {
        throw CpuException.gp(selector & 0xFFFC);
    }

    /** An interrupt or exception whose IDT entry is a task gate; {@code idtError} is its #GP code. */
    void interrupt(int vector, int idtError) {
        throw CpuException.gp(idtError);
    }

    /** IRET with EFLAGS.NT set: a return to the task named by the current TSS's backlink. */
    void nestedReturn() {
        throw CpuException.gp(0);
    }
}
