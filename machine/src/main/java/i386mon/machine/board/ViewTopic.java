package i386mon.machine.board;

/**
 * A monitor view that devices contribute to, e.g. {@code serial} (every UART adds its lines).
 * {@code name} is one lower-case word (the front end's {@code info NAME}); {@code summary} one
 * sentence saying what it shows.
 */
public record ViewTopic(String name, String summary) {
    /**
     * The interrupt controllers' shared view, QEMU's {@code info pic}: the I/O APIC and the 8259A
     * pair each add their lines. Here because neither controller's package may depend on the other's.
     */
    public static final ViewTopic PIC = new ViewTopic("pic",
            "Show the I/O APIC's pins, then both 8259A PICs as QEMU does: IRR, IMR, ISR, highest priority, vector base, read select, ELCR, SFNM.");

    /**
     * QEMU's {@code info irq}: how often each interrupt line was raised, per controller (the I/O
     * APIC, then the 8259A pair, as QEMU lists them). Here for the same reason as {@link #PIC}.
     */
    public static final ViewTopic IRQ = new ViewTopic("irq", "Show how often each IRQ line was raised, as QEMU's IRQ statistics.");

    public ViewTopic {
        if (!name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("view name must be one lower-case word: " + name);
    }
}
