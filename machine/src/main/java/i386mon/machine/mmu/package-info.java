/**
 * Paging (Intel SDM vol. 3, chapter 4): 32-bit and PAE page walks, the TLB with the architecture's
 * invalidation rules, the CPU's translated accesses with Accessed/Dirty updates and #PF, and
 * side-effect-free inspection for debuggers (walks, the page-table listing of info tlb, info mem and
 * pte dump, stale TLB entries, linear and physical peek/poke).
 */
package i386mon.machine.mmu;
