/**
 * Booting kernels directly, as a boot loader would: the ELF32 reader, the Multiboot 1 (spec 0.6.96)
 * and Multiboot 2 loaders, the {@link i386mon.machine.boot.KernelLoader} facade that chooses between
 * them, and the kernel's {@link i386mon.machine.boot.SymbolTable}.
 *
 * <p>Physical layout chosen by the loaders (see {@link i386mon.machine.boot.BootLayout}): kernel
 * segments where the kernel asks; its non-allocated ELF sections (symbol and string tables) and then
 * the modules, each page-aligned, from the first page at or above both 1 MiB and the kernel's end;
 * the multiboot 1 command line, module list and strings page-aligned after the kernel, as QEMU puts
 * them; the information structures (info block, memory map, section header copy) in low memory from
 * 0x9000, as QEMU does, never above 0x9FBFF, or after everything else when a kernel segment wants
 * that memory (QEMU would write its kernel over them). ESP at entry is 0x6F08, where QEMU leaves it.
 *
 * <p>Code that starts in real mode: {@link i386mon.machine.boot.FirmwareRom} maps a ROM image at the
 * reset vector as QEMU's {@code -bios} does; {@link i386mon.machine.boot.BootSector} places a boot
 * sector at 0x7C00 as a BIOS would.
 *
 * <p>Every malformed or unbootable input is refused with a {@link i386mon.machine.boot.BootException}
 * whose message is one line; nothing is written to guest memory until the whole plan is valid.
 */
package i386mon.machine.boot;
