package i386mon.shell.guest;

import java.util.List;

/**
 * Why the guest stopped on an exception (a catchpoint) or shut down (a triple fault): the
 * exception (error code -1 when it has none), the instruction that raised it, the page fault
 * explained when one is involved (else null) and the chain of exceptions whose delivery was tried.
 */
public record FaultReport(boolean tripleFault, int vector, String name, int errorCode, int cs, int eip, int linearEip,
                          PageFaultReport pageFault, List<Link> chain, String chainText) {

    /** One exception of the chain: its name, error code (-1 if none) and what became of it. */
    public record Link(String name, int errorCode, String detail) { }

    /**
     * A page fault: CR2 (and its symbol, or null), the access (read, write or instruction fetch;
     * user or supervisor) and the entry that refused it: its level ("PDE", "PTE", ...), physical
     * address and raw value, or level null when the tables allow the access now. {@code reason}
     * names the level, index and rule.
     */
    public record PageFaultReport(int cr2, String cr2Symbol, int errorCode, String access, boolean user,
                                  String level, String rule, long entryAddress, long entryValue, String reason) { }
}
