package i386mon.machine.mmu;

/**
 * Told of a guest access to a watched linear page after it was translated and before it happens
 * ({@link Mmu#setLinearWatch}). {@code size} is the part of the access on this page. Must not throw.
 */
public interface LinearWatcher {
    void linearAccess(int linear, long physical, int size, Access access);
}
