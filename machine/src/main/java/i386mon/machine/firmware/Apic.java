package i386mon.machine.firmware;

/** Where the interrupt controllers the tables describe sit (their power-on addresses on a PC). */
final class Apic {
    static final long LOCAL_APIC_BASE = 0xFEE0_0000L, IO_APIC_BASE = 0xFEC0_0000L;

    private Apic() { }
}
