package i386mon.machine.apic;

import i386mon.machine.board.Report;

/** The I/O APIC's lines of QEMU 7.2's {@code info pic} (hw/intc/ioapic_common.c's dump). */
final class IoApicView {
    private static final String[] MODES = {"fixed", "lowest", "SMI", "...", "NMI", "INIT", "...", "extINT"};

    private final IoApic io;

    IoApicView(IoApic io) { this.io = io; }

    void report(Report r) {
        // QEMU shows the I/O APIC's version byte; ours is the 82093AA's 0x11 (QEMU models version 0x20).
        r.line(String.format("ioapic0: ver=0x%x id=0x%02x sel=0x%02x", IoApic.VERSION & 0xFF, io.id, io.select))
                .field("id", io.id).field("sel", io.select);
        for (int pin = 0; pin < IoApic.PINS; pin++) {
            long e = io.redirection[pin];
            r.line(String.format("  pin %-2d 0x%016x dest=%x vec=%-3d %s %-5s %-6s %-6s %s", pin, e, e >>> 56, e & 0xFF,
                    (e & IoApic.LOW_ACTIVE) != 0 ? "active-lo" : "active-hi", (e & IoApic.LEVEL) != 0 ? "level" : "edge",
                    (e & IoApic.MASKED) != 0 ? "masked" : "", MODES[(int) (e >>> 8 & 7)], (e & IoApic.LOGICAL) != 0 ? "logical" : "physical"))
                    .field("pin", pin).field("entry", e);
        }
        StringBuilder irr = new StringBuilder("  IRR     "), remote = new StringBuilder("  Remote IRR");
        boolean anyIrr = false, anyRemote = false;
        for (int pin = 0; pin < IoApic.PINS; pin++) {
            if ((io.asserted & 1 << pin) != 0) { irr.append(' ').append(pin); anyIrr = true; }
            if ((io.redirection[pin] & IoApic.REMOTE_IRR) != 0) { remote.append(' ').append(pin); anyRemote = true; }
        }
        r.line(anyIrr ? irr.toString() : irr.append(" (none)").toString());
        r.line(anyRemote ? remote.toString() : remote.append(" (none)").toString());
    }
}
