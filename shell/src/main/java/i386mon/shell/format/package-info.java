/**
 * Text formats shared with QEMU 7.2's monitor ({@code /FMT} grammar, memory dumps, {@code info
 * registers}) and Bochs-style decodes of control registers and descriptor tables.
 */
package i386mon.shell.format;
