/**
 * Storage behind the PC's two legacy IDE channels: ATA disks ({@link i386mon.machine.storage.AtaDrive})
 * on the primary (0x1F0-0x1F7, 0x3F6, IRQ14) and secondary (0x170-0x177, 0x376, IRQ15)
 * {@link i386mon.machine.storage.AtaChannel}s, the bus-master DMA register block
 * ({@link i386mon.machine.storage.BusMasterDma}, mapped at the PIIX IDE function's BAR4), and raw disk
 * images read lazily and written back ({@link i386mon.machine.storage.DiskImage}); the CD-ROM's packet
 * commands ({@link i386mon.machine.storage.Atapi}, their MMC data in {@link i386mon.machine.storage.MmcData})
 * and a disk's SMART ({@link i386mon.machine.storage.Smart}). Behaviour follows
 * QEMU 7.2's hw/ide (register semantics, IDENTIFY contents, error bits); every transfer completes
 * at once, so runs are deterministic.
 */
package i386mon.machine.storage;
