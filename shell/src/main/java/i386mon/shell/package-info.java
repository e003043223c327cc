/** The {@code i386mon} launcher: command-line options, boot, batch runs and the hand-over to the REPL. */
package i386mon.shell;
