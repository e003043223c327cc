package i386mon.machine.mmu;

/** A TLB entry that no longer agrees with the page tables in memory, and why. */
public record StaleEntry(TlbEntry entry, String reason) {
    @Override
    public String toString() { return entry + ": " + reason; }
}
