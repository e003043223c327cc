/**
 * The monitor's commands as a picocli model (one source for parsing, help and completion), the
 * line splitter that turns QEMU's {@code x/4x ADDR} grammar into arguments, and the dispatcher
 * that runs one line and reports errors as one line.
 */
package i386mon.shell.commands;
