package i386mon.machine.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The drives a machine is built with, whether their writes stay in memory ({@code -snapshot}), and
 * the firmware's boot order as QEMU's {@code -boot} gives it (drive letters: a floppy, c disk,
 * d CD-ROM, n network), recorded for the firmware configuration.
 */
public record StorageConfig(List<DriveSpec> drives, boolean snapshot, String bootOrder) {
    /** QEMU's default boot order: the first hard disk, then the CD-ROM. */
    public static final String DEFAULT_BOOT_ORDER = "cad";

    public StorageConfig {
        drives = List.copyOf(drives);
        if (bootOrder == null || bootOrder.isEmpty()) bootOrder = DEFAULT_BOOT_ORDER;
        boolean[] used = new boolean[DriveSpec.POSITIONS];
        for (DriveSpec d : drives) {
            if (used[d.index()]) throw new IllegalArgumentException("two drives at IDE index " + d.index());
            used[d.index()] = true;
        }
    }

    /** No drives, QEMU's default boot order. */
    public static StorageConfig none() { return new StorageConfig(List.of(), false, DEFAULT_BOOT_ORDER); }

    /** The drive at IDE position {@code index}, or null. */
    public DriveSpec at(int index) {
        for (DriveSpec d : drives) if (d.index() == index) return d;
        return null;
    }

    public StorageConfig withDrive(DriveSpec d) {
        List<DriveSpec> all = new ArrayList<>(drives);
        all.add(d);
        return new StorageConfig(all, snapshot, bootOrder);
    }
}
