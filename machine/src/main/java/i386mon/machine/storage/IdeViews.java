package i386mon.machine.storage;

import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;

/** The monitor's storage views: QEMU's {@code info block}, and {@code info ide} with each position's task file. */
final class IdeViews {
    static final ViewTopic BLOCK = new ViewTopic("block", "Show the drives and their image files, as QEMU's info block.");
    static final ViewTopic IDE = new ViewTopic("ide",
            "Show both IDE channels: each drive's task-file registers, last command and transfer counts, and the bus-master DMA registers.");
    /** QEMU 7.2's pc machine attaches its first IDE drive as /machine/unattached/device[23]. */
    private static final int FIRST_QOM_DEVICE = 23;

    private final StorageConfig config;
    private final AtaChannel[] channels;
    private final BusMasterDma busMaster;

    IdeViews(StorageConfig config, AtaChannel[] channels, BusMasterDma busMaster) {
        this.config = config;
        this.channels = channels;
        this.busMaster = busMaster;
    }

    /** QEMU's text: the node name differs between QEMU runs; ours is fixed per position. */
    void block(Report r) {
        int k = 0;
        for (int index = 0; index < DriveSpec.POSITIONS; index++) {
            DriveSpec d = config.at(index);
            if (d == null) continue;
            AtaDrive drive = channels[index / 2].drive(index % 2);
            if (k > 0) r.line("");
            String attached = String.format("    Attached to:      /machine/unattached/device[%d]", FIRST_QOM_DEVICE + k++);
            String removable = "    Removable device: " + (drive.atapiLocked() ? "locked" : "not locked") + (drive.atapiTrayOpen() ? ", tray open" : ", tray closed");
            if (!drive.present()) {
                r.line(d.qemuName() + ": [not inserted]").field("device", d.qemuName()).field("inserted", false);
                r.line(attached);
                r.line(removable);
                continue;
            }
            boolean overlay = drive.image().mode() == DiskImage.Mode.OVERLAY;
            r.line(String.format("%s (#block%d): %s (raw%s)", d.qemuName(), 100 + index, d.file(), d.readOnly() ? ", read-only" : ""))
                    .field("device", d.qemuName()).field("inserted", true).field("file", d.file().toString()).field("format", "raw")
                    .field("readOnly", d.readOnly()).field("snapshot", config.snapshot()).field("sectors", drive.totalSectors());
            r.line(attached);
            if (drive.cdrom()) r.line(removable);
            r.line("    Cache mode:       writeback" + (overlay && config.snapshot() ? ", ignore flushes" : ""));
        }
        if (others != null) others.accept(r, k > 0);
    }

    /** Where the bus-master block decodes now (the PCI function's BAR4, or a fixed {@code mapAt}), -1 for nowhere. */
    java.util.function.IntSupplier busMasterPort;

    /** The board's other block devices (the floppy drives), listed after the IDE drives; told whether a drive came before. */
    java.util.function.BiConsumer<Report, Boolean> others;

    void ide(Report r) {
        for (AtaChannel c : channels) {
            BusMasterPort bm = busMaster.channel(c.number());
            r.line(String.format("ide%d: %s channel, ports 0x%x-0x%x and 0x%x, IRQ %d%s; device control 0x%02x, %s selected; "
                            + "bus master cmd 0x%02x status 0x%02x PRD table 0x%08x%s",
                    c.number(), c.number() == 0 ? "primary" : "secondary", c.base(), c.base() + 7, c.control(), c.irq(),
                    c.irqLevel ? " (raised)" : "", c.deviceControl, c.unit == 0 ? "master" : "slave",
                    bm.command(), bm.status(), bm.prdTable(), busMasterPort.getAsInt() < 0 ? " (not mapped)" : ""))
                    .field("channel", c.number()).field("irq", c.irq()).field("irqRaised", c.irqLevel)
                    .field("deviceControl", c.deviceControl).field("selected", c.unit)
                    .field("bmCommand", bm.command()).field("bmStatus", bm.status()).field("prdTable", bm.prdTable())
                    .field("interrupts", c.interrupts);
            if (bm.prdTable() != 0) prdTable(r, bm);
            for (int u = 0; u < 2; u++) drive(r, c, u);
        }
    }

    /** Entries shown at most: a driver's table for one request is short. */
    private static final int PRD_SHOWN = 8;

    /** The decoded status bits and the PRD table the bus master points at (it may be stale once the transfer is over). */
    private static void prdTable(Report r, BusMasterPort bm) {
        java.util.List<long[]> entries = bm.prdEntries(PRD_SHOWN + 1);
        StringBuilder text = new StringBuilder(String.format("  bus master %s, %s; PRD",
                (bm.status() & BusMasterDma.STATUS_ACTIVE) != 0 ? "active" : "idle",
                (bm.command() & BusMasterDma.CMD_WRITE_TO_MEMORY) != 0 ? "device to memory" : "memory to device"));
        if ((bm.status() & BusMasterDma.STATUS_INTERRUPT) != 0) text.insert(text.indexOf(";"), ", interrupt");
        if ((bm.status() & BusMasterDma.STATUS_ERROR) != 0) text.insert(text.indexOf(";"), ", error");
        java.util.List<java.util.Map<String, Object>> json = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(entries.size(), PRD_SHOWN); i++) {
            long[] e = entries.get(i);
            text.append(String.format(" 0x%08x+%d%s", e[0], e[1], e[2] != 0 ? " (end)" : ","));
            java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("address", e[0]);
            entry.put("bytes", e[1]);
            entry.put("last", e[2] != 0);
            json.add(entry);
        }
        if (entries.size() > PRD_SHOWN) text.append(" ...");
        r.line(text.toString()).field("prd", json);
    }

    private void drive(Report r, AtaChannel c, int unit) {
        AtaDrive d = c.drive(unit);
        String pos = unit == 0 ? "master" : "slave ";
        if (!d.exists()) {
            r.line("  " + pos + ": none").field("channel", c.number()).field("unit", unit).field("present", false);
            return;
        }
        String file = d.present() ? d.image().file().toString() : "no disc";
        if (d.cdrom()) {
            r.line(String.format("  %s: CD-ROM, %s, %d sectors of 2048 bytes, serial %s", pos, file, d.totalSectors() / 4, d.serial()))
                    .field("channel", c.number()).field("unit", unit).field("present", true).field("cdrom", true)
                    .field("file", d.present() ? file : null).field("sectors", d.totalSectors() / 4).field("serial", d.serial());
        } else {
            r.line(String.format("  %s: %s, %d sectors, CHS %d/%d/%d, serial %s", pos, file, d.totalSectors(),
                    d.cylinders, d.heads, d.sectors, d.serial()))
                    .field("channel", c.number()).field("unit", unit).field("present", true).field("cdrom", false).field("file", file)
                    .field("sectors", d.totalSectors()).field("serial", d.serial());
        }
        r.line(String.format("    status 0x%02x error 0x%02x feature 0x%02x nsector 0x%02x sector 0x%02x lcyl 0x%02x hcyl 0x%02x select 0x%02x",
                d.status, d.error, d.feature, d.nsector & 0xFF, d.sector, d.lcyl, d.hcyl, d.select))
                .field("status", d.status).field("error", d.error).field("feature", d.feature).field("nsector", d.nsector & 0xFF)
                .field("sector", d.sector).field("lcyl", d.lcyl).field("hcyl", d.hcyl).field("select", d.select);
        r.line(String.format("    hob: feature 0x%02x nsector 0x%02x sector 0x%02x lcyl 0x%02x hcyl 0x%02x; multiple %d",
                d.hobFeature, d.hobNsector, d.hobSector, d.hobLcyl, d.hobHcyl, d.multSectors))
                .field("multiple", d.multSectors);
        String last = d.lastCommand < 0 ? "none" : String.format("0x%02x %s", d.lastCommand, AtaCommandNames.name(d.lastCommand));
        String transfer = (d.status & AtaStatus.DRQ) == 0 ? "no transfer"
                : d.dmaPending() ? "DMA waiting for the bus master" : String.format("PIO %d of %d bytes", d.dataPtr, d.dataEnd);
        r.line(String.format("    last command %s; %s; %d sectors read, %d written; %d bytes by PIO, %d by DMA",
                last, transfer, d.sectorsRead, d.sectorsWritten, d.pioBytes, d.dmaBytes))
                .field("lastCommand", d.lastCommand).field("sectorsRead", d.sectorsRead)
                .field("sectorsWritten", d.sectorsWritten).field("pioBytes", d.pioBytes).field("dmaBytes", d.dmaBytes);
    }
}
