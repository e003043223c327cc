/**
 * The PC's floppy subsystem: the 82077AA-compatible controller at 0x3F0-0x3F7 (IRQ 6, DMA channel
 * 2) as QEMU's fdc models it, its two drives, and the raw images in them (geometry chosen by
 * image size from QEMU's table, read lazily, written back to the file or, under -snapshot, kept in
 * memory); drive A is there without a diskette when none is given, as on QEMU's pc machine.
 */
package i386mon.machine.floppy;
