/**
 * The one debugging and inspection API every front end uses (the monitor shell now, a GDB stub
 * next). {@link i386mon.machine.debug.DebugTarget} is the machine as a front end sees it:
 * registers, side-effect free memory, walks, page-table listings and the TLB, symbols, devices.
 * {@link i386mon.machine.debug.RunControl} decides continue, step and run-until around its
 * primitive run, with {@link i386mon.machine.debug.Breakpoints} and
 * {@link i386mon.machine.debug.Catchpoints} asking the front end's conditions; every run ends in
 * one {@link i386mon.machine.debug.StopReason}. Watchpoints, the instruction history and the
 * explanation of a page fault or triple fault live here too; their hooks are installed into the
 * CPU, MMU and memory only while in use, so an idle debugger costs the machine nothing measurable.
 * Nothing here depends on {@code i386mon.machine.Machine}: the machine hands its parts in.
 */
package i386mon.machine.debug;
