package i386mon.machine.mmu;

/** A level of the paging structures, named as in SDM vol. 3, 4.3 and 4.4. */
public enum Level {
    PDPTE, PDE, PTE
}
