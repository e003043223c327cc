/**
 * QEMU's {@code -d} logs where they map onto what i386mon can observe: interrupt and exception
 * deliveries in QEMU's {@code -d int} format, CPU resets and the guest's unhandled-port errors,
 * to stderr or a {@code -D} file.
 */
package i386mon.shell.log;
