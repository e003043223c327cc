/**
 * The PC's devices, each driven through port I/O as a kernel drives it and behaving as its
 * datasheet says: 8259A PIC pair, 8254 PIT, 16550A UARTs, VGA text mode, 8042 keyboard controller,
 * CMOS/RTC and the small system ports. Each is a {@link i386mon.machine.board.BoardDevice} that
 * claims its own ports, timers and monitor views; {@link i386mon.machine.devices.PcDevices} plugs
 * them into the board one line each and leaves the state a PC BIOS leaves. New hardware (the
 * local and I/O APIC, PCI, disk controllers) goes here the same way.
 */
package i386mon.machine.devices;
