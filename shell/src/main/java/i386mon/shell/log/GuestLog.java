package i386mon.shell.log;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.DeliveryListener;
import i386mon.shell.format.RegisterDump;
import i386mon.shell.session.GuestEvents;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * The launcher's {@code -d} log: what the chosen {@link LogItems.Item}s observe, in QEMU 7.2's words
 * where QEMU logs the same thing, one line (or one register dump) per event, flushed as it comes.
 * The register dumps are {@code info registers}' lines: QEMU's lazy-flags line (CCS= CCD= CCO=) has
 * no counterpart here and is left out.
 */
public final class GuestLog implements GuestEvents, DeliveryListener {
    /** QEMU's -d int prints CR2 for a page fault and EAX for every other vector. */
    private static final int PAGE_FAULT = 14;

    private final PrintWriter out;
    private final Set<LogItems.Item> items;
    private DebugTarget target;
    /** QEMU numbers the protected-mode deliveries it logs. */
    private int count;

    public GuestLog(PrintWriter out, Set<LogItems.Item> items) {
        this.out = out;
        this.items = items;
    }

    @Override
    public void attached(DebugTarget previous, DebugTarget now) {
        if (previous != null) cpuReset(previous);
        target = now;
        if (items.contains(LogItems.Item.INT) && now.debugger() != null) now.debugger().setDeliveryListener(this);
    }

    @Override
    public void guestReset(DebugTarget t) { cpuReset(t); }

    /** QEMU's -d cpu_reset: each CPU's state before the reset. */
    private void cpuReset(DebugTarget t) {
        if (!items.contains(LogItems.Item.CPU_RESET)) return;
        for (int cpu = 0; cpu < t.cpuCount(); cpu++) {
            out.println("CPU Reset (CPU " + cpu + ")");
            registers(t, cpu, -1);
        }
        out.flush();
    }

    @Override
    public void unknownPort(int port) {
        if (!items.contains(LogItems.Item.GUEST_ERRORS)) return;
        out.printf("I/O port 0x%x was used; no device decodes it (reads give all ones, writes are ignored)%n", port);
        out.flush();
    }

    @Override
    public void delivering(int cpu, int vector, int errorCode, boolean hasErrorCode, boolean hardware, boolean software, int eip, int during) {
        // one CPU only (the launcher refuses -d int with -smp): selecting another CPU in the middle of
        // its turn would also move the board's current CPU, and with it every LAPIC access
        if (hardware) {
            out.printf("Servicing hardware INT=0x%02x%n", vector);
        } else if (!software) {
            // QEMU's "old" is the #DF, #PF or contributory exception whose delivery failed
            out.printf("check_exception old: 0x%x new 0x%x%n", remembered(during), vector);
        }
        if ((target.cr0() & 1) != 0) { // QEMU logs deliveries in protected mode only
            out.printf("%6d: v=%02x e=%04x i=%d cpl=%d IP=%04x:%08x pc=%08x SP=%04x:%08x", count++, vector,
                    hasErrorCode ? errorCode & 0xffff : 0, software ? 1 : 0, target.cpl(), target.segSelector(CS), eip,
                    target.segBase(CS) + eip, target.segSelector(SS), target.reg(ESP));
            if (vector == PAGE_FAULT) out.printf(" CR2=%08x%n", target.cr2());
            else out.printf(" env->regs[R_EAX]=%08x%n", target.reg(EAX));
            registers(target, cpu, eip);
        }
        out.flush();
    }

    private static final int EAX = 0, ESP = 4, CS = 1, SS = 2;

    /** QEMU remembers a failed delivery only of #DE, #TS, #NP, #SS, #GP (contributory), #PF and #DF. */
    private static int remembered(int vector) {
        boolean kept = vector == 0 || (vector >= 10 && vector <= 14) || vector == 8;
        return kept ? vector : -1;
    }

    /**
     * CPU {@code cpu}'s registers as info registers shows them, EIP as {@code eip} unless that is -1;
     * selecting another CPU is only safe between runs (a reset).
     */
    private void registers(DebugTarget t, int cpu, int eip) {
        int selected = t.selectedCpu();
        if (selected != cpu) t.selectCpu(cpu);
        try {
            List<String> lines = RegisterDump.lines(t);
            for (String line : lines) {
                // an INT n is logged at the instruction itself, EIP being past it already
                if (eip != -1 && line.startsWith("EIP=")) line = String.format("EIP=%08x", eip) + line.substring(12);
                out.println(line);
            }
        } finally {
            if (selected != cpu) t.selectCpu(selected);
        }
    }
}
