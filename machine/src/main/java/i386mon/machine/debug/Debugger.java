package i386mon.machine.debug;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.ExecutionObserver;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.ControlListener;
import i386mon.machine.mmu.Mmu;

/**
 * The machine's debugging hooks: watchpoints and the instruction history. Hooks are installed in
 * the CPU and MMU only while something needs them, so with no watchpoint and no history the
 * machine runs exactly as without a debugger.
 */
public final class Debugger implements ExecutionObserver, ControlListener {
    private final Cpu cpu;
    private final Mmu mmu;
    private final CurrentInstruction current = new CurrentInstruction();
    private final Watchpoints watchpoints;
    private History history;
    private boolean watching;

    public Debugger(Cpu cpu, Mmu mmu, PhysicalMemory mem) {
        this.cpu = cpu;
        this.mmu = mmu;
        this.watchpoints = new Watchpoints(cpu, mmu, mem, current);
    }

    public Watchpoints watchpoints() { return watchpoints; }

    public Watchpoint watchLinear(int address, int length, WatchAccess access) { return changed(watchpoints.addLinear(address, length, access)); }

    public Watchpoint watchPhysical(long address, int length, WatchAccess access) { return changed(watchpoints.addPhysical(address, length, access)); }

    public Watchpoint watchPageEntries(int va) { return changed(watchpoints.addPageEntries(va)); }

    /** Removes every watchpoint. */
    public void unwatchAll() {
        watchpoints.clear();
        rehook();
    }

    public boolean unwatch(int id) {
        boolean r = watchpoints.remove(id);
        rehook();
        return r;
    }

    private Watchpoint changed(Watchpoint w) {
        rehook();
        return w;
    }

    /** Turns the history on with room for {@code capacity} entries (emptying it), or off with 0. */
    public void setHistory(int capacity) {
        history = capacity == 0 ? null : new History(capacity);
        rehook();
    }

    /** The history, or null when it is off. */
    public History history() { return history; }

    /** The pending watchpoint hit as a {@link WatchHit} (consumed), or null. */
    public WatchHit takeWatchHit() { return watchpoints.takeHit(); }

    public boolean watchHitPending() { return watchpoints.hitPending(); }

    private void rehook() {
        watching = !watchpoints.isEmpty();
        cpu.setObserver(watching || history != null ? this : null);
        mmu.setControlListener(watchpoints.hasPageEntryWatch() || history != null ? this : null);
    }

    @Override
    public void beforeInstruction(int eip) {
        int cs = cpu.segSelector(Cpu.CS);
        int lin = cpu.segBase(Cpu.CS) + eip;
        if (history != null) history.instruction(cs, lin);
        if (watching) {
            current.cs = cs;
            current.eip = eip;
            current.linearEip = lin;
            current.deliveringVector = -1;
        }
    }

    @Override
    public void delivering(int vector, int errorCode, boolean hasErrorCode, boolean hardware, boolean software) {
        if (history != null) {
            HistoryEntry.Kind k = hardware ? HistoryEntry.Kind.INTERRUPT
                    : software ? HistoryEntry.Kind.SOFTWARE_INTERRUPT : HistoryEntry.Kind.EXCEPTION;
            history.delivery(k, vector, errorCode, hasErrorCode);
        }
        current.deliveringVector = vector;
    }

    @Override
    public void controlLoaded(boolean cr3Load) {
        if (cr3Load && history != null) history.cr3Load(mmu.cr3());
        if (watchpoints.hasPageEntryWatch()) watchpoints.install();
    }
}
