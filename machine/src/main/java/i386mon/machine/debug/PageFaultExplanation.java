package i386mon.machine.debug;

import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.FaultRule;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.Walk;

/**
 * Why a page fault happened: the address (CR2) and its symbol, the access as the error code and
 * the instruction tell it, and the page walk under the current CR3 (side-effect free): the level
 * and paging-structure entry that refused it (its physical address and raw value) and the rule.
 * {@code rule} is null when the tables allow the access now (a stale TLB entry, or the tables
 * changed after the fault); {@code level} is null then too.
 */
public record PageFaultExplanation(int cr2, String cr2Symbol, int errorCode, Access access, boolean user,
                                   boolean protectionViolation, Walk walk, FaultRule rule, Level level,
                                   long entryAddress, long entryValue, String reason) {

    /** "read", "write" or "instruction fetch". */
    public String accessText() {
        return access == Access.WRITE ? "write" : access == Access.EXECUTE ? "instruction fetch" : "read";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format("page fault at 0x%08x%s: %s by %s code, error code 0x%x (%s)",
                cr2, cr2Symbol == null ? "" : " <" + cr2Symbol + ">", accessText(), user ? "user" : "supervisor",
                errorCode, protectionViolation ? "protection violation" : "not present"));
        if (level != null) {
            b.append(String.format("%n  %s (entry at physical 0x%x = 0x%x)", reason, entryAddress, entryValue));
        } else {
            b.append("\n  ").append(reason);
        }
        return b.toString();
    }
}
