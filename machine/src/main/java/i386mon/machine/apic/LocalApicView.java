package i386mon.machine.apic;

import i386mon.machine.board.Report;

/** {@code info lapic}: QEMU 7.2's text (target/i386 dump of the local APIC), one line per register group. */
final class LocalApicView {
    private static final String[] LVT_NAMES = {"LVT0", "LVT1", "LVTPC", "LVTERR", "LVTTHMR", "LVTT"};
    /** QEMU's order of the LVT lines, as indices into {@link LocalApic#lvt}. */
    private static final int[] LVT_ORDER = {LocalApic.LVT_LINT0, LocalApic.LVT_LINT1, LocalApic.LVT_PERF, LocalApic.LVT_ERROR,
        LocalApic.LVT_THERMAL, LocalApic.LVT_TIMER};
    private static final String[] MODES = {"Fixed", "LowPri", "SMI", "...", "NMI", "INIT", "...", "ExtINT"};
    private static final String[] TIMER_MODES = {"one-shot", "periodic", "tsc-deadline", "reserved"};
    private static final String[] SHORTHANDS = {"no-shorthand", "self", "all-self", "all"};

    private final LocalApic apic;

    LocalApicView(LocalApic apic) { this.apic = apic; }

    void report(Report r) {
        LocalApic a = apic;
        r.line("dumping local APIC state for CPU " + a.id() + " ").field("cpu", a.id());
        r.line("");
        for (int i = 0; i < LVT_ORDER.length; i++) {
            int v = a.lvt[LVT_ORDER[i]];
            r.line(lvtLine(LVT_NAMES[i], v, LVT_ORDER[i] == LocalApic.LVT_TIMER)).field("register", LVT_NAMES[i]).field("value", v);
        }
        ApicTimer t = a.timer();
        long now = a.now();
        r.line(String.format("Timer\t DCR=0x%x (divide by %d) initial_count = %d current_count = %d", t.divideConfiguration(),
                t.divisor(), t.initialCount() & 0xFFFF_FFFFL, t.currentCount(now) & 0xFFFF_FFFFL))
                .field("dcr", t.divideConfiguration()).field("initial_count", t.initialCount() & 0xFFFF_FFFFL)
                .field("current_count", t.currentCount(now) & 0xFFFF_FFFFL);
        r.line(String.format("SPIV\t 0x%08x APIC %s, focus=%s, spurious vec %d", a.svr, (a.svr & LocalApic.SVR_ENABLE) != 0 ? "enabled" : "disabled",
                (a.svr & 1 << 9) != 0 ? "on" : "off", a.svr & 0xFF)).field("spiv", a.svr);
        int icr = a.icrLow;
        r.line(String.format("ICR\t 0x%08x %s %s %s %s", icr, (icr & 1 << 11) != 0 ? "logical" : "physical",
                (icr & 1 << 15) != 0 ? "level" : "edge", (icr & 1 << 14) != 0 ? "assert" : "de-assert", SHORTHANDS[icr >>> 18 & 3]))
                .field("icr", icr);
        r.line(icr2Line(a)).field("icr2", a.icrHigh);
        r.line(String.format("ESR\t 0x%08x", a.esr)).field("esr", a.esr);
        r.line(vectors("ISR", a.isr, a.tmr));
        r.line(vectors("IRR", a.irr, a.tmr));
        r.line("");
        r.line(String.format("APR 0x%02x TPR 0x%02x DFR 0x%02x LDR 0x%02x PPR 0x%02x", 0, a.tpr, a.dfr >>> 28, a.ldr >>> 24, a.ppr()))
                .field("tpr", a.tpr).field("dfr", a.dfr >>> 28).field("ldr", a.ldr >>> 24).field("ppr", a.ppr());
    }

    private static String lvtLine(String name, int v, boolean timer) {
        int mode = v >>> 8 & 7;
        StringBuilder sb = new StringBuilder(String.format("%s\t 0x%08x %s %-5s", name, v,
                (v & LocalApic.LVT_LOW_ACTIVE) != 0 ? "active-lo" : "active-hi", (v & LocalApic.LVT_LEVEL) != 0 ? "level" : "edge"));
        sb.append((v & LocalApic.LVT_MASKED) != 0 ? " masked" : "       ");
        if ((v & LocalApic.LVT_PENDING) != 0) sb.append(" pending");
        if ((v & LocalApic.LVT_REMOTE_IRR) != 0) sb.append(" remote-irr");
        sb.append(timer ? String.format("%9s%-13s", "", TIMER_MODES[v >>> 17 & 3]) : " ".repeat(22));
        sb.append(String.format("%-6s", MODES[mode]));
        if (mode != 4) sb.append(String.format(" (vec %d)", v & 0xFF));
        return sb.toString();
    }

    private static String icr2Line(LocalApic a) {
        StringBuilder sb = new StringBuilder(String.format("ICR2\t 0x%08x", a.icrHigh));
        if ((a.icrLow >>> 18 & 3) == 0) {
            int dest = a.icrHigh >>> 24;
            if ((a.icrLow & 1 << 11) == 0) sb.append(String.format(" cpu %d (APIC ID)", dest));
            else if ((a.dfr >>> 28) == 0xF) sb.append(String.format(" mask %02x (APIC ID)", dest));
            else sb.append(String.format(" cluster %d mask %02x (APIC ID)", dest >>> 4, dest & 0xF));
        }
        return sb.toString();
    }

    private static String vectors(String name, int[] bits, int[] tmr) {
        StringBuilder sb = new StringBuilder(name).append("\t ");
        boolean empty = true;
        for (int v = 0; v < 256; v++) {
            if ((bits[v >>> 5] & 1 << (v & 31)) == 0) continue;
            sb.append(v).append((tmr[v >>> 5] & 1 << (v & 31)) != 0 ? "(level)" : "").append(' ');
            empty = false;
        }
        return sb.append(empty ? "(none)" : "").toString();
    }
}
