package i386mon.machine.storage;

import java.nio.file.Path;

/**
 * One drive as the options name it: IDE position {@code index} (0 primary master, 1 primary slave,
 * 2 secondary master, 3 secondary slave, as QEMU's {@code -hda..-hdd} and {@code index=N}), its raw
 * image file (null for a CD-ROM drive with no disc), disk or CD-ROM, and read-only.
 */
public record DriveSpec(int index, Path file, DriveMedia media, boolean readOnly) {
    public static final int POSITIONS = 4;

    public DriveSpec {
        if (index < 0 || index >= POSITIONS) throw new IllegalArgumentException("IDE index must be 0-3, not " + index);
        if (media == null) media = DriveMedia.DISK;
        if (file == null && media == DriveMedia.DISK) throw new IllegalArgumentException("a disk needs an image file");
    }

    /** QEMU's device name: ide0-hd0, ide1-cd0 ... */
    public String qemuName() {
        return "ide" + index / 2 + (media == DriveMedia.DISK ? "-hd" : "-cd") + index % 2;
    }
}
