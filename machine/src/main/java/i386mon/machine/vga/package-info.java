/**
 * The VGA adapter of QEMU's {@code -vga std}: its video memory with the planar access rules of the
 * sequencer and graphics controller ({@link i386mon.machine.vga.VgaMemory}), the colour DAC
 * ({@link i386mon.machine.vga.VgaDac}) and the Bochs VBE extension ({@link i386mon.machine.vga.BochsVbe})
 * that the SeaBIOS VGA BIOS programs. The board device with the ports, the memory window and the
 * {@code info vga} view is {@link i386mon.machine.devices.VgaText}; the PCI function 00:02.0 is
 * {@link i386mon.machine.pci.StdVgaFunction}.
 */
package i386mon.machine.vga;
