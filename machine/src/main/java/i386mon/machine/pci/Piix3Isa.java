package i386mon.machine.pci;

/**
 * 00:01.0, the PIIX3 PCI-to-ISA bridge (8086:7000, class 0601, function 0 of a multi-function
 * device). Its PIRQ route control registers 0x60-0x63 (PIIX3 datasheet 290550, 2.2.10) say which
 * ISA IRQ each PCI interrupt line INTA#-INTD# drives: bit 7 set disables the routing (the reset
 * value 0x80), bits 3-0 name the IRQ. The edge/level control registers at 0x4D0/0x4D1 are the
 * PICs' (devices.PicPair), as in QEMU.
 */
public final class Piix3Isa extends PciFunction {
    public static final int PIRQ_ROUTE = 0x60;
    static final int ROUTING_DISABLED = 0x80;

    public Piix3Isa() {
        super(1, 0, 0x8086, 0x7000, 0x060100, 0x00);
        multiFunction();
        writable(PIRQ_ROUTE, 4, 0x8F8F_8F8F);
        resetRoutes();
    }

    /** The ISA IRQ PCI line {@code pirq} (0-3 for A-D) is routed to, or -1 when its routing is disabled. */
    public int route(int pirq) {
        int v = get8(PIRQ_ROUTE + pirq);
        return (v & ROUTING_DISABLED) != 0 ? -1 : v & 0x0F;
    }

    @Override
    public void reset() {
        super.reset();
        resetRoutes();
    }

    private void resetRoutes() {
        for (int i = 0; i < 4; i++) set(PIRQ_ROUTE + i, 1, ROUTING_DISABLED);
    }
}
