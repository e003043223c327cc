/** The port I/O bus that IN/OUT reach. */
package i386mon.machine.io;
