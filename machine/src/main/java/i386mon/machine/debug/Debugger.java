package i386mon.machine.debug;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.ExecutionObserver;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.ControlListener;
import i386mon.machine.mmu.Mmu;

/**
 * The machine's debugging hooks: watchpoints, the instruction history and a listener to deliveries. Hooks are installed in
 * the CPU and MMU only while something needs them, so with no watchpoint and no history the
 * machine runs exactly as without a debugger. With several CPUs each gets its own hooks (they
 * know the CPU's index), so every CPU's accesses reach the watchpoints and every CPU's
 * instructions the history; they run one at a time on one thread, so the hooks of the CPU that
 * ran last describe the instruction making an access.
 */
public final class Debugger {
    private final Cpu[] cpus;
    private final Mmu[] mmus;
    private final CpuHooks[] hooks;
    private final CurrentInstruction current = new CurrentInstruction();
    private final Watchpoints watchpoints;
    private History history;
    private boolean watching;
    private DeliveryListener deliveries;
    private java.util.function.Consumer<String> resets = text -> { };
    /** QEMU's -no-reboot: a guest's reset request stops the machine instead of restarting it. */
    private boolean stopOnGuestReset;

    /** The debugger of a machine with CPUs {@code cpus}, {@code mmus[i]} being CPU i's MMU. */
    public Debugger(Cpu[] cpus, Mmu[] mmus, PhysicalMemory mem) {
        this.cpus = cpus.clone();
        this.mmus = mmus.clone();
        this.hooks = new CpuHooks[cpus.length];
        for (int i = 0; i < cpus.length; i++) hooks[i] = new CpuHooks(i);
        this.watchpoints = new Watchpoints(this.cpus, this.mmus, mem, current);
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

    /** Marks a disk transfer in the history (when it is on): CPU {@code cpu}'s device at IDE {@code position}. */
    public void diskAccess(int cpu, boolean write, int position, long lba, int count) {
        if (history != null) history.disk(cpu, write, position, lba, count);
    }

    /**
     * Marks a system reset the guest asked for, by writing {@code value} to {@code port}, in the
     * history and, when {@code tell} (not while reverse execution replays the past), tells the reset
     * listener, before the machine restarts.
     */
    public void guestReset(int cpu, int port, int value, boolean tell) {
        if (history != null) history.reset(cpu, port, value);
        if (tell) resets.accept(HistoryEntry.resetText(port, value));
    }

    /** Tells {@code listener} each guest reset's text (see {@link #guestReset}) before the machine restarts; null: nobody. */
    public void setResetListener(java.util.function.Consumer<String> listener) { resets = listener == null ? text -> { } : listener; }

    /** QEMU's {@code -no-reboot} when true: a guest's reset request stops the run (a RESET stop) instead of restarting the machine. */
    public void setStopOnGuestReset(boolean stop) { stopOnGuestReset = stop; }

    public boolean stopOnGuestReset() { return stopOnGuestReset; }

    /** Tells {@code listener} of every delivery from now on (null: nobody). */
    public void setDeliveryListener(DeliveryListener listener) {
        deliveries = listener;
        rehook();
    }

    /** The history, or null when it is off. */
    public History history() { return history; }

    /** The pending watchpoint hit as a {@link WatchHit} (consumed), or null. */
    public WatchHit takeWatchHit() { return watchpoints.takeHit(); }

    public boolean watchHitPending() { return watchpoints.hitPending(); }

    private void rehook() {
        watching = !watchpoints.isEmpty();
        boolean controls = watchpoints.hasPageEntryWatch() || history != null;
        for (int i = 0; i < cpus.length; i++) {
            cpus[i].setObserver(watching || history != null || deliveries != null ? hooks[i] : null);
            mmus[i].setControlListener(controls ? hooks[i] : null);
        }
    }

    /** One CPU's hooks: what it executes and delivers, and its control-register loads. */
    private final class CpuHooks implements ExecutionObserver, ControlListener {
        private final int index;
        private final Cpu cpu;
        private final Mmu mmu;
        /** The instruction being executed: what a software INT n interrupts (EIP is past it by then). */
        private int instructionEip;
        /** The vector being delivered since the last instruction began, or -1. */
        private int deliveringVector = -1;

        CpuHooks(int index) {
            this.index = index;
            this.cpu = cpus[index];
            this.mmu = mmus[index];
        }

        @Override
        public void beforeInstruction(int eip) {
            int cs = cpu.segSelector(Cpu.CS);
            int lin = cpu.segBase(Cpu.CS) + eip;
            instructionEip = eip;
            deliveringVector = -1;
            if (history != null) history.instruction(index, cs, lin);
            if (watching) {
                current.cpu = index;
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
                history.delivery(index, k, vector, errorCode, hasErrorCode);
            }
            current.cpu = index;
            current.deliveringVector = vector;
            if (deliveries != null) {
                deliveries.delivering(index, vector, errorCode, hasErrorCode, hardware, software, software ? instructionEip : cpu.eip(), deliveringVector);
            }
            deliveringVector = vector;
        }

        @Override
        public void controlLoaded(boolean cr3Load) {
            if (cr3Load && history != null) history.cr3Load(index, mmu.cr3());
            // page-entry watchpoints follow the bootstrap CPU's tables
            if (index == 0 && watchpoints.hasPageEntryWatch()) watchpoints.install();
        }
    }
}
