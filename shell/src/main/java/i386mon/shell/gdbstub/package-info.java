/**
 * The GDB remote serial protocol stub: a second front end over the machine's debugging API
 * ({@code i386mon.machine.debug}) beside the REPL. It lives in the shell module because
 * {@code monitor CMD} (qRcmd) runs any monitor command through the shell's dispatcher and the
 * stub shares the session's machine, breakpoint decisions and catchpoints; it reaches the
 * dispatcher only as a {@code LineExecutor}, so it depends on {@code session}, never on
 * {@code commands}. Framing ({@link i386mon.shell.gdbstub.PacketReader},
 * {@link i386mon.shell.gdbstub.PacketWriter}), registers as QEMU presents an i386
 * ({@link i386mon.shell.gdbstub.GdbRegisters}), one packet's answer
 * ({@link i386mon.shell.gdbstub.PacketHandler}), stops as stop replies
 * ({@link i386mon.shell.gdbstub.StopReplies}) and the listener with its run loop
 * ({@link i386mon.shell.gdbstub.GdbServer}) are separate classes.
 */
package i386mon.shell.gdbstub;
