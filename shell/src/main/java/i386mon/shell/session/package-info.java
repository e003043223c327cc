/**
 * One monitor session: the booted machine, remembered display formats, breakpoints, captured
 * serial output, run control and the exit status a batch run ends with.
 */
package i386mon.shell.session;
