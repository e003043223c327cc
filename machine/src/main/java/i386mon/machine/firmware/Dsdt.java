package i386mon.machine.firmware;

/**
 * The DSDT's AML body. QEMU's DSDT (about 6.5 KiB) describes its i440FX/PIIX4 device tree: the PCI
 * host bridge and hotplug, PCI interrupt links, the ISA devices, CPU objects and the sleep states.
 * Kernels booted directly read at most the header and the \_S5 package (the SLP_TYP values for a
 * soft-off through PM1a_CNT), so this DSDT holds only that object, with QEMU's value:
 * {@code Name (_S5, Package (0x04) {0, 0, 0, 0})}.
 */
final class Dsdt {
    private static final int NAME_OP = 0x08, PACKAGE_OP = 0x12, ZERO_OP = 0x00;

    static final byte[] AML = {
        NAME_OP, '_', 'S', '5', '_', PACKAGE_OP, 0x06 /* PkgLength */, 0x04 /* NumElements */,
        ZERO_OP, ZERO_OP, ZERO_OP, ZERO_OP,
    };

    private Dsdt() { }
}
