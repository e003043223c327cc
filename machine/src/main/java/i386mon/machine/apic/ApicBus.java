package i386mon.machine.apic;

import java.util.ArrayList;
import java.util.List;

/**
 * The APIC bus (the system bus on xAPICs): interrupt messages from the I/O APIC and IPIs go to the
 * local APICs their destination selects; a message for an APIC that does not exist is dropped, as
 * hardware drops it. Local APICs broadcast the EOI of level-triggered vectors back to I/O APICs.
 */
public final class ApicBus {
    private final List<LocalApic> cpus = new ArrayList<>();
    private final List<IoApic> ioApics = new ArrayList<>();

    void add(LocalApic apic) { cpus.add(apic); }

    void add(IoApic ioApic) { ioApics.add(ioApic); }

    /** The local APIC of CPU {@code index}, or null when there is no such CPU. */
    LocalApic localApic(int index) {
        for (LocalApic a : cpus) if (a.id() == index) return a;
        return null;
    }

    /**
     * Delivers {@code message} to every local APIC {@code destination} selects (physical: the APIC
     * ID or 0xFF for all; logical: the LDR/DFR match, SDM 10.6.2.2). Lowest priority goes to one
     * of them: the lowest processor priority, the lowest CPU index among equals (the SDM leaves
     * the tie to bus arbitration; a fixed rule keeps runs deterministic). Returns how many accepted it.
     */
    int deliver(int destination, boolean logical, ApicMessage message) {
        if (message.mode() == ApicMessage.LOWEST_PRIORITY) {
            LocalApic chosen = null;
            for (LocalApic a : cpus) {
                if (a.matches(destination, logical) && a.globallyEnabled() && (chosen == null || a.ppr() < chosen.ppr())) chosen = a;
            }
            if (chosen == null) return 0;
            chosen.receive(message);
            return 1;
        }
        int accepted = 0;
        for (LocalApic a : cpus) {
            if (a.matches(destination, logical)) {
                a.receive(message);
                accepted++;
            }
        }
        return accepted;
    }

    /** Sends {@code message} to the local APICs a shorthand names: {@code self} included or not. */
    void broadcast(LocalApic sender, boolean includeSelf, ApicMessage message) {
        for (LocalApic a : cpus) {
            if (a != sender || includeSelf) a.receive(message);
        }
    }

    /** The EOI of a level-triggered {@code vector}: every I/O APIC clears the matching remote IRR. */
    void endOfInterrupt(int vector) {
        for (IoApic io : ioApics) io.endOfInterrupt(vector);
    }
}
