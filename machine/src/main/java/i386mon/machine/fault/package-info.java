/**
 * Guest exceptions (Intel SDM vol. 3, chapter 6): the vector numbers, which of them push an error
 * code and which are contributory, and {@link i386mon.machine.fault.CpuException}, which carries
 * one from where it is raised to the CPU's delivery. It depends on nothing, so that the MMU (which
 * raises #PF, and #GP for a bad PAE PDPTE) and the CPU may both use it without depending on each
 * other.
 */
package i386mon.machine.fault;

import i386mon.machine.fault.CpuException;
