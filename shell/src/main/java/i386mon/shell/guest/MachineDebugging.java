package i386mon.shell.guest;

import i386mon.machine.Machine;
import i386mon.machine.debug.ChainStep;
import i386mon.machine.debug.Debugger;
import i386mon.machine.debug.FaultExplainer;
import i386mon.machine.debug.FaultExplanation;
import i386mon.machine.debug.HistoryEntry;
import i386mon.machine.debug.InstructionHistory;
import i386mon.machine.debug.PageFaultExplanation;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.WatchHit;
import i386mon.machine.debug.Watchpoint;
import i386mon.machine.mmu.Step;
import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.List;

/** {@link Debugging} over the machine's {@link Debugger} and {@link FaultExplainer}. */
final class MachineDebugging implements Debugging {
    private final Machine machine;

    MachineDebugging(Machine machine) {
        this.machine = machine;
    }

    private Debugger debugger() { return machine.debugger(); }

    @Override
    public int watch(WatchInfo.Space space, long address, int length, WatchInfo.Access access) {
        WatchAccess a = WatchAccess.valueOf(access.name());
        try {
            Watchpoint w = switch (space) {
                case LINEAR -> debugger().watchLinear((int) address, length, a);
                case PHYSICAL -> debugger().watchPhysical(address, length, a);
                case PTE -> debugger().watchPageEntries((int) address);
            };
            return w.id();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    @Override
    public boolean unwatch(int id) {
        return debugger().unwatch(id);
    }

    @Override
    public List<WatchInfo> watchpoints() {
        List<WatchInfo> out = new ArrayList<>();
        for (Watchpoint w : debugger().watchpoints().list()) {
            List<WatchInfo.Entry> entries = new ArrayList<>();
            WatchInfo.Space space = switch (w.space()) {
                case LINEAR -> WatchInfo.Space.LINEAR;
                case PHYSICAL -> WatchInfo.Space.PHYSICAL;
                case PAGE_ENTRIES -> WatchInfo.Space.PTE;
            };
            if (space == WatchInfo.Space.PTE) {
                for (Step s : debugger().watchpoints().entriesOf(w)) entries.add(new WatchInfo.Entry(s.level().name(), s.entryAddress()));
            }
            out.add(new WatchInfo(w.id(), space, w.address(), w.length(), WatchInfo.Access.valueOf(w.access().name()), List.copyOf(entries)));
        }
        return out;
    }

    @Override
    public WatchReport lastWatchHit() {
        WatchHit h = machine.lastWatchHit();
        if (h == null) return null;
        return new WatchReport(h.watchpoint().id(), h.address(), h.physical(), h.write(), h.size(), h.oldValue(), h.newValue(),
                h.cs(), h.eip(), h.linearEip(), h.entry() == null ? null : h.entry().name(), h.deliveringVector());
    }

    @Override
    public void setHistory(int capacity) {
        if (capacity < 0) throw new CommandException("history size must not be negative: " + capacity);
        debugger().setHistory(capacity);
    }

    @Override
    public int historyCapacity() {
        InstructionHistory h = debugger().history();
        return h == null ? 0 : h.capacity();
    }

    @Override
    public List<HistoryItem> history(int n) {
        InstructionHistory h = debugger().history();
        if (h == null) return List.of();
        List<HistoryItem> out = new ArrayList<>();
        for (HistoryEntry e : h.last(n)) {
            out.add(new HistoryItem(HistoryItem.Kind.valueOf(e.kind().name()), e.cs(), e.linearEip(), e.vector(),
                    e.hasErrorCode() ? e.errorCode() : -1, e.value()));
        }
        return out;
    }

    @Override
    public FaultReport explainFault() {
        if (machine.cpu().lastException() == null || machine.cpu().faultChain().length == 0) return null;
        FaultExplanation f = FaultExplainer.explain(machine);
        List<FaultReport.Link> chain = new ArrayList<>();
        for (ChainStep s : f.chain()) chain.add(new FaultReport.Link(s.name(), s.errorCode(), s.detail()));
        PageFaultExplanation p = f.pageFault();
        FaultReport.PageFaultReport pf = p == null ? null : new FaultReport.PageFaultReport(p.cr2(), p.cr2Symbol(),
                p.errorCode(), p.accessText(), p.user(), p.level() == null ? null : p.level().name(),
                p.rule() == null ? null : p.rule().text(), p.entryAddress(), p.entryValue(), p.reason());
        return new FaultReport(f.tripleFault(), f.vector(), f.name(), f.errorCode(), f.cs(), f.eip(), f.linearEip(),
                pf, List.copyOf(chain), f.chainText());
    }
}
