package i386mon.machine.storage;

/** What sits at an IDE position: a hard disk or a CD-ROM drive (QEMU's {@code media=disk|cdrom}). */
public enum DriveMedia {
    DISK, CDROM;

    /** QEMU's spelling. */
    public String qemuName() { return this == DISK ? "disk" : "cdrom"; }
}
