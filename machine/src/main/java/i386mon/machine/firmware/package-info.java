/**
 * The firmware tables a PC BIOS leaves for an operating system, built as SeaBIOS 1.16 builds them
 * under QEMU 7.2 so that a kernel booted directly finds the same: the MP floating pointer and
 * configuration table (Intel MultiProcessor Specification 1.4) and the ACPI tables (RSDP, RSDT,
 * FADT, FACS, DSDT, MADT; ACPI 1.0 layouts). {@link i386mon.machine.firmware.FirmwareTables} writes
 * them into guest memory at power-on, where a kernel scanning the BIOS areas finds them.
 */
package i386mon.machine.firmware;
