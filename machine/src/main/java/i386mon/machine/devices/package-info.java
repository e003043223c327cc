/**
 * The PC's devices, each driven through port I/O as a kernel drives it and behaving as its
 * datasheet says: 8259A PIC pair, 8254 PIT, 16550A UARTs, VGA text mode, 8042 keyboard controller,
 * CMOS/RTC and the small system ports; {@link i386mon.machine.devices.PcDevices} wires them up and
 * leaves the state a PC BIOS leaves.
 */
package i386mon.machine.devices;
