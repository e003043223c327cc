package i386mon.machine.firmware;

import i386mon.machine.memory.PhysicalMemory;

/**
 * Writes the MP and ACPI tables where SeaBIOS 1.16 leaves them under QEMU 7.2 (measured with a
 * probe kernel, see kernel/ FirmwareTablesDifferentialTest): the RSDP at 0xF59D0 and the MP floating
 * pointer at 0xF5BA0 with its configuration table right after, in the BIOS area a kernel scans
 * (0xF0000-0xFFFFF); the other ACPI tables from the start of the last 128 KiB of RAM, which the
 * memory map reports as reserved.
 */
public final class FirmwareTables {
    public static final long RSDP = 0xF59D0, MP_FLOATING_POINTER = 0xF5BA0;
    /** The firmware area at the top of RAM (SeaBIOS's high zone), as the E820 map reserves it. */
    public static final long TOP_OF_RAM_AREA = 0x20000;

    private FirmwareTables() { }

    /** Where the ACPI tables other than the RSDP start for {@code ramSize} bytes of RAM. */
    public static long acpiBase(long ramSize) {
        return ramSize - TOP_OF_RAM_AREA;
    }

    public static void install(PhysicalMemory memory, Processors cpus) {
        byte[] mp = MpTable.build(cpus, MP_FLOATING_POINTER);
        memory.load(MP_FLOATING_POINTER, mp, 0, mp.length);
        AcpiTables.Area acpi = AcpiTables.build(cpus, acpiBase(memory.ramSize()));
        memory.load(acpi.base(), acpi.bytes(), 0, acpi.bytes().length);
        byte[] rsdp = AcpiTables.rsdp(acpi.rsdt());
        memory.load(RSDP, rsdp, 0, rsdp.length);
    }
}
