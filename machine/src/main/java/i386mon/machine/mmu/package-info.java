/**
 * Paging (Intel SDM vol. 3, chapter 4): 32-bit and PAE page walks, the TLB with the architecture's
 * invalidation rules, the CPU's translated accesses with Accessed/Dirty updates and #PF, and
 * side-effect-free inspection for the monitor (walks, mapping lists, stale TLB entries, peek/poke).
 */
package i386mon.machine.mmu;
