/**
 * The narrow view of the emulated machine that the shell's commands use: registers, side-effect
 * free memory inspection, ports, symbols and execution control. {@code MachineTarget} adapts the
 * real {@code i386mon.machine.Machine}; tests may substitute a small fake.
 */
package i386mon.shell.guest;
