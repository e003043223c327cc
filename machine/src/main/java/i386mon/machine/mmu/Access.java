package i386mon.machine.mmu;

/** The kind of a linear-address access, as the page-fault error code distinguishes them (SDM vol. 3, 4.7). */
public enum Access {
    READ, WRITE, EXECUTE
}
