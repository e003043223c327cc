/**
 * QEMU's firmware configuration interface (docs/specs/fw_cfg.txt in QEMU): the selector and data
 * ports 0x510/0x511, the DMA interface at 0x514, and the items and files QEMU's {@code pc}
 * machine gives SeaBIOS ({@link i386mon.machine.firmware.fwcfg.PcFwCfg}): signature, RAM and CPU
 * counts, the E820 map, the boot settings, and the ACPI tables with the table-loader script that
 * tells SeaBIOS where to put them and how to link them.
 */
package i386mon.machine.firmware.fwcfg;
