package i386mon.shell.gdbstub;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.Debugger;
import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.WatchHit;
import i386mon.shell.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The client's breakpoints (Z0/Z1: kept in the CPU's breakpoint set, guest memory is never
 * written) and watchpoints (Z2 write, Z3 read, Z4 access: the machine's linear watchpoints). The
 * monitor's own breakpoints share the CPU's set, so removing one of ours leaves an address the
 * monitor still breaks on. A new machine (the monitor's load or system_reset) gets ours again.
 */
final class GdbBreakpoints {
    /** A watchpoint as the client set it. */
    private record WatchKey(int type, long address, int length) { }

    private final Session session;
    private final TreeSet<Integer> code = new TreeSet<>();
    private final Map<WatchKey, Integer> watches = new LinkedHashMap<>();
    private DebugTarget installedOn;

    GdbBreakpoints(Session session) {
        this.session = session;
    }

    /** Puts ours on the session's current machine if it is not the one they were set on. */
    void follow() {
        DebugTarget t = session.target();
        if (t == installedOn) return;
        installedOn = t;
        for (int a : code) session.runControl().breakpoints().add(a);
        Debugger d = t.debugger();
        for (Map.Entry<WatchKey, Integer> e : watches.entrySet()) {
            WatchKey k = e.getKey();
            e.setValue(d == null ? -1 : d.watchLinear((int) k.address, k.length, access(k.type)).id());
        }
    }

    /** Z TYPE,ADDR,KIND: "OK", an error, or "" for a type we do not support. */
    String insert(int type, long address, int kind) {
        follow();
        if (type == 0 || type == 1) {
            code.add((int) address);
            session.runControl().breakpoints().add((int) address);
            return "OK";
        }
        if (type < 2 || type > 4) return "";
        WatchKey k = new WatchKey(type, address, kind);
        if (watches.containsKey(k)) return "OK";
        Debugger d = session.target().debugger();
        if (d == null) return "";
        try {
            watches.put(k, d.watchLinear((int) address, kind, access(type)).id());
        } catch (IllegalArgumentException e) {
            return "E22";
        }
        return "OK";
    }

    /** z TYPE,ADDR,KIND. */
    String remove(int type, long address, int kind) {
        follow();
        if (type == 0 || type == 1) {
            int a = (int) address;
            code.remove(a);
            if (session.breakpoints().stream().noneMatch(b -> b.address() == a)) session.runControl().breakpoints().remove(a);
            return "OK";
        }
        if (type < 2 || type > 4) return "";
        Integer id = watches.remove(new WatchKey(type, address, kind));
        if (id != null && id >= 0) session.target().debugger().unwatch(id);
        return "OK";
    }

    /** True when the client set a breakpoint at linear {@code address}. */
    boolean hasCode(int address) {
        return code.contains(address);
    }

    /** True when {@code hit} came from one of the client's watchpoints. */
    boolean owns(WatchHit hit) {
        return hit != null && watches.containsValue(hit.watchpoint().id());
    }

    /** Removes all of ours (the client left). */
    void clear() {
        if (installedOn == session.target()) {
            for (int a : new TreeSet<>(code)) remove(0, a, 1);
            for (WatchKey k : new ArrayList<>(watches.keySet())) remove(k.type, k.address, k.length);
        }
        code.clear();
        watches.clear();
    }

    private static WatchAccess access(int type) {
        return type == 2 ? WatchAccess.WRITE : type == 3 ? WatchAccess.READ : WatchAccess.READ_WRITE;
    }
}
