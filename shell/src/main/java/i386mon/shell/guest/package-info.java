/**
 * The PC devices as the monitor's device commands show them. Everything else a front end needs
 * from the machine (registers, inspection, run control) is {@code i386mon.machine.debug.DebugTarget}.
 */
package i386mon.shell.guest;
