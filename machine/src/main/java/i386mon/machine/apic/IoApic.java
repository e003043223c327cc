package i386mon.machine.apic;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.memory.MmioDevice;

/**
 * The I/O APIC (Intel 82093AA datasheet): 24 input pins, each with a redirection entry that turns
 * its interrupt into a message to local APICs on the {@link ApicBus}. Registers are reached
 * indirectly: IOREGSEL (offset 0x00) selects, IOWIN (0x10) reads and writes. On a PC the ISA
 * lines reach its pins one to one, except IRQ0 (the PIT), which arrives on pin 2.
 */
public final class IoApic implements BoardDevice, MmioDevice, IrqSink {
    public static final ViewTopic VIEW = new ViewTopic("ioapic", "Show the I/O APIC's redirection table as QEMU's info pic does.");
    public static final long DEFAULT_BASE = 0xFEC0_0000L;
    public static final int PINS = 24;
    /** The 82093AA's version 0x11 with the highest entry index 23 in bits 16-23. */
    public static final int VERSION = (PINS - 1) << 16 | 0x11;
    static final long MASKED = 1L << 16, LEVEL = 1L << 15, REMOTE_IRR = 1L << 14, LOW_ACTIVE = 1L << 13, LOGICAL = 1L << 11;
    /** Writable bits of an entry: all but delivery status (12) and remote IRR (14), and reserved 17-55. */
    private static final long WRITABLE = 0xFF00_0000_0000_0000L | MASKED | LEVEL | LOW_ACTIVE | LOGICAL | 0x7FF;

    private final ApicBus bus;
    final long[] redirection = new long[PINS];
    /** Pins whose input is asserted (after polarity), bit n for pin n. */
    int asserted;
    /** The inputs' levels as driven (before polarity), and how often each went high (QEMU's IRQ statistics). */
    private int levels;
    private final long[] raised = new long[PINS];
    int id, select;

    public IoApic(ApicBus bus) {
        this.bus = bus;
        bus.add(this);
        for (int i = 0; i < PINS; i++) redirection[i] = MASKED;
    }

    /** The ISA wiring of a PC: IRQ n on pin n, the timer's IRQ0 on pin 2 (MP spec's interrupt source override). */
    public static int isaPin(int irq) { return irq == 0 ? 2 : irq; }

    @Override
    public void attach(Board board) {
        board.mmio(DEFAULT_BASE, 0x1000, this);
        board.interrupts().connectIsa(this, IoApic::isaPin);
        IoApicView view = new IoApicView(this);
        board.view(ViewTopic.PIC, view::report); // QEMU's info pic lists the I/O APIC before the 8259s
        board.view(VIEW, view::report);
        board.view(ViewTopic.IRQ, this::reportIrqCounts);
    }

    /**
     * QEMU's IRQ statistics for its I/O APIC: the rising edges per input, numbered as QEMU counts
     * them, before it moves the ISA timer's IRQ0 to pin 2 (so the timer shows as line 0).
     */
    private void reportIrqCounts(Report r) {
        r.line("IRQ statistics for ioapic:");
        if (raised[2] > 0) r.line(String.format("%2d: %d", 0, raised[2])).field("irq", 0).field("count", raised[2]);
        for (int pin = 0; pin < PINS; pin++) {
            if (pin != 2 && raised[pin] > 0) r.line(String.format("%2d: %d", pin, raised[pin])).field("irq", pin).field("count", raised[pin]);
        }
    }

    // ---- registers ------------------------------------------------------------------------------

    @Override
    public int read(long offset, int size) {
        if (offset == 0x00) return select;
        if (offset != 0x10 || size != 4) return 0;
        switch (select) {
            case 0x00: return id << 24;
            case 0x01: return VERSION;
            case 0x02: return id << 24; // arbitration ID: the APIC ID after reset
            default:
                int pin = (select - 0x10) >> 1;
                if (select < 0x10 || pin >= PINS) return 0;
                long e = redirection[pin];
                return (select & 1) == 0 ? (int) e : (int) (e >>> 32);
        }
    }

    @Override
    public void write(long offset, int size, int value) {
        if (offset == 0x00) {
            select = value & 0xFF;
            return;
        }
        if (offset != 0x10 || size != 4) return;
        if (select == 0x00) {
            id = value >>> 24 & 0xF;
            return;
        }
        int pin = (select - 0x10) >> 1;
        if (select < 0x10 || pin >= PINS) return;
        long e = redirection[pin];
        long v = (select & 1) == 0 ? e & 0xFFFF_FFFF_0000_0000L | value & 0xFFFF_FFFFL : e & 0xFFFF_FFFFL | (long) value << 32;
        redirection[pin] = v & WRITABLE | e & REMOTE_IRR;
        if ((v & LEVEL) == 0) redirection[pin] &= ~REMOTE_IRR;
        service(pin);
    }

    // ---- pins -----------------------------------------------------------------------------------

    /** Drives pin {@code pin}: an edge entry sends on assertion, a level entry while asserted (82093AA 3.2.4). */
    @Override
    public void setIrq(int pin, boolean high) {
        if (pin < 0 || pin >= PINS) throw new IllegalArgumentException("I/O APIC pin out of range 0-23: " + pin);
        int bit = 1 << pin;
        if (high && (levels & bit) == 0) raised[pin]++;
        levels = high ? levels | bit : levels & ~bit;
        boolean on = high ^ (redirection[pin] & LOW_ACTIVE) != 0;
        boolean rising = on && (asserted & bit) == 0;
        asserted = on ? asserted | bit : asserted & ~bit;
        long e = redirection[pin];
        if ((e & LEVEL) == 0) {
            if (rising && (e & MASKED) == 0) send(pin); // a masked edge is lost (datasheet: not held pending)
        } else {
            service(pin);
        }
    }

    /** A level entry sends while its input is asserted, unmasked and no earlier message awaits its EOI. */
    private void service(int pin) {
        long e = redirection[pin];
        if ((e & LEVEL) == 0 || (e & MASKED) != 0 || (e & REMOTE_IRR) != 0 || (asserted & 1 << pin) == 0) return;
        redirection[pin] |= REMOTE_IRR;
        send(pin);
    }

    private void send(int pin) {
        long e = redirection[pin];
        int mode = (int) (e >>> 8 & 7);
        if (mode != ApicMessage.FIXED && mode != ApicMessage.LOWEST_PRIORITY && mode != ApicMessage.NMI) return; // SMI, INIT, ExtINT: not wired here
        bus.deliver((int) (e >>> 56), (e & LOGICAL) != 0, new ApicMessage(mode, (int) e & 0xFF, (e & LEVEL) != 0));
    }

    /** The local APICs' EOI of {@code vector}: level entries with that vector clear remote IRR and, still asserted, send again. */
    void endOfInterrupt(int vector) {
        for (int pin = 0; pin < PINS; pin++) {
            long e = redirection[pin];
            if ((e & REMOTE_IRR) != 0 && (e & 0xFF) == vector) {
                redirection[pin] = e & ~REMOTE_IRR;
                service(pin);
            }
        }
    }
}
