package i386mon.shell.guest;

import java.util.List;

/**
 * The machine's debugger as the shell sees it: watchpoints, the instruction history and the
 * explanation of the exception or triple fault the guest stopped on. Nothing here changes guest state.
 */
public interface Debugging {
    /** Sets a watchpoint and returns the machine's id for it. */
    int watch(WatchInfo.Space space, long address, int length, WatchInfo.Access access);

    /** Removes the watchpoint with machine id {@code id}; false if there is none. */
    boolean unwatch(int id);

    /** The watchpoints set, each with the page-table entries it covers now (for {@code watch pte}). */
    List<WatchInfo> watchpoints();

    /** What the watchpoint that stopped the guest caught, or null. */
    WatchReport lastWatchHit();

    /** Turns the instruction history on with room for {@code capacity} entries (emptying it), or off with 0. */
    void setHistory(int capacity);

    /** The history's capacity, 0 when it is off. */
    int historyCapacity();

    /** The last {@code n} history entries, oldest first. */
    List<HistoryItem> history(int n);

    /** The exception the CPU stopped before delivering, or the triple fault it shut down with; null when none. */
    FaultReport explainFault();
}
