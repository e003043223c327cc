package i386mon.machine.firmware.fwcfg;

import i386mon.machine.firmware.AcpiTables;
import i386mon.machine.firmware.Processors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What QEMU 7.2's {@code pc} machine puts in fw_cfg for SeaBIOS (hw/i386/fw_cfg.c, pc.c,
 * acpi-build.c), for this board: the RAM size, CPU counts, an empty NUMA table, no boot menu,
 * IRQ0 override on, no E820 reservations; the files {@code etc/e820} (RAM from 0), {@code
 * bootorder} (empty: the BIOS's own order), {@code etc/boot-fail-wait} (-1: never reboot) and the
 * ACPI tables as {@code etc/acpi/tables} and {@code etc/acpi/rsdp} with the {@code
 * etc/table-loader} script that links them. Left out, so SeaBIOS builds its own: the SMBIOS
 * tables; and the kvmvapic option ROM (a KVM accelerator, QEMU's {@code genroms/kvmvapic.bin}).
 */
public final class PcFwCfg {
    static final int UUID = 0x02, RAM_SIZE = 0x03, NOGRAPHIC = 0x04, NB_CPUS = 0x05, NUMA = 0x0D, BOOT_MENU = 0x0E,
            MAX_CPUS = 0x0F, ACPI_TABLES = 0x8000, IRQ0_OVERRIDE = 0x8002, E820_TABLE = 0x8003;
    static final String TABLES = "etc/acpi/tables", RSDP = "etc/acpi/rsdp";
    private static final int E820_RAM = 1;
    /** ACPI header fields: length at 4, checksum at 9; FADT FIRMWARE_CTRL at 36 and DSDT at 40; RSDP RSDT address at 16. */
    private static final int LENGTH = 4, CHECKSUM = 9, HEADER = 36, RSDP_RSDT = 16, RSDP_CHECKSUMMED = 20;
    /**
     * QEMU pads {@code etc/acpi/tables} to 128 KiB (acpi-build.c, ACPI_BUILD_TABLE_SIZE), so SeaBIOS
     * reserves the same top of RAM for them: the E820 map and the high zone come out as under QEMU.
     */
    static final int TABLES_SIZE = 0x20000;

    private PcFwCfg() { }

    /** Fills {@code cfg} for a machine with {@code ramBytes} of RAM (all below 4 GiB) and {@code cpus}. */
    public static FwCfg fill(FwCfg cfg, long ramBytes, Processors cpus) {
        int n = cpus.count();
        cfg.item(UUID, new byte[16])
                .item(RAM_SIZE, FwCfg.le(ramBytes, 8))
                .item(NOGRAPHIC, FwCfg.le(0, 2))
                .item(NB_CPUS, FwCfg.le(n, 2))
                .item(MAX_CPUS, FwCfg.le(n, 2))
                .item(NUMA, new byte[8 * (1 + n)])
                .item(BOOT_MENU, FwCfg.le(0, 2))
                .item(ACPI_TABLES, FwCfg.le(0, 2))
                .item(IRQ0_OVERRIDE, FwCfg.le(1, 4))
                .item(E820_TABLE, FwCfg.le(0, 4));
        ByteBuffer e820 = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(ramBytes).putInt(E820_RAM);
        cfg.file("etc/e820", e820.array())
                .file("bootorder", new byte[0])
                .file("etc/boot-fail-wait", FwCfg.le(-1, 4));
        acpi(cfg, cpus);
        return cfg;
    }

    /**
     * The ACPI tables built at address 0, so every pointer among them is an offset into the file:
     * the loader adds the file's address to each ({@code ADD_POINTER}) and then fixes each table's
     * checksum, as QEMU's acpi-build does.
     */
    static void acpi(FwCfg cfg, Processors cpus) {
        AcpiTables.Area area = AcpiTables.build(cpus, 0);
        int end = area.bytes().length;
        byte[] tables = java.util.Arrays.copyOf(area.bytes(), Math.max(end, TABLES_SIZE));
        byte[] rsdp = AcpiTables.rsdp(area.rsdt());
        TableLoader loader = new TableLoader().allocate(TABLES, 64, TableLoader.ZONE_HIGH);
        ByteBuffer t = ByteBuffer.wrap(tables).order(ByteOrder.LITTLE_ENDIAN);
        int at = t.getInt(LENGTH); // the FACS first: no checksum, no pointers
        while (at < end) {
            String signature = new String(tables, at, 4, StandardCharsets.US_ASCII);
            int length = t.getInt(at + LENGTH);
            if (signature.equals("FACP")) {
                loader.addPointer(TABLES, TABLES, at + HEADER, 4).addPointer(TABLES, TABLES, at + HEADER + 4, 4);
            } else if (signature.equals("RSDT")) {
                for (int p = at + HEADER; p < at + length; p += 4) loader.addPointer(TABLES, TABLES, p, 4);
            }
            loader.addChecksum(TABLES, at + CHECKSUM, at, length);
            at += length;
        }
        loader.allocate(RSDP, 16, TableLoader.ZONE_FSEG)
                .addPointer(RSDP, TABLES, RSDP_RSDT, 4)
                .addChecksum(RSDP, 8, 0, RSDP_CHECKSUMMED);
        cfg.file(TABLES, tables).file(RSDP, rsdp).file("etc/table-loader", loader.toArray());
    }
}
