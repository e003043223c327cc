/**
 * Debugging at the moment things go wrong: watchpoints on linear and physical addresses and on the
 * page-table entries behind an address, the instruction history ring, and the explanation of a
 * page fault or triple fault. Everything here is installed into the CPU, MMU and memory only while
 * in use, so an idle debugger costs the machine nothing measurable.
 */
package i386mon.machine.debug;
