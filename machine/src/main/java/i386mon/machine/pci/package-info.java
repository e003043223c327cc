/**
 * The PCI side of QEMU's {@code pc} machine: configuration mechanism #1 at 0xCF8/0xCFC
 * ({@link i386mon.machine.pci.PciHost}), functions with a 256-byte configuration space, BARs whose
 * size the guest probes by writing all ones ({@link i386mon.machine.pci.PciFunction}), and the
 * chipset functions with QEMU's IDs: the i440FX host bridge with its PAM shadow-RAM registers, the
 * PIIX3 ISA bridge (PIRQ routing), the PIIX3 IDE function (its bus-master window at BAR4) and the
 * PIIX4 power management function (the ACPI PM I/O base). {@link i386mon.machine.pci.BiosPciSetup}
 * programs them as SeaBIOS does on QEMU, for kernels booted without firmware.
 */
package i386mon.machine.pci;
