/**
 * The emulated i386 PC as a library: {@link i386mon.machine.Machine} ties together the CPU
 * ({@code .cpu}), paging ({@code .mmu}), physical memory ({@code .memory}), port I/O ({@code .io}),
 * PC devices ({@code .devices}), boot loaders ({@code .boot}) and virtual time ({@code .clock}).
 * It knows nothing of terminals; inspection calls never change guest state.
 */
package i386mon.machine;
