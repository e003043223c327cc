package i386mon.machine.memory;

/**
 * Told of a guest access before it happens (so a write's old value is still in memory), for the
 * pages {@link PhysicalMemory#setWatchedPages} names and for any other access that leaves the
 * fast path. The watcher decides whether a watchpoint covers it; it must not throw.
 */
public interface AccessWatcher {
    void physicalAccess(long paddr, int size, boolean write);
}
