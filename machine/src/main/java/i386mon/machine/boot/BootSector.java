package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

/**
 * A 512-byte boot sector as a PC BIOS loads one from the first hard disk: at 0x7C00, entered in real
 * mode at 0000:7C00 with DL = 0x80 (the drive it came from). Our shortcut until firmware boots disks:
 * the machine keeps the BIOS state our devices model (interrupt vectors to IRET stubs, the BIOS
 * data area) but offers no BIOS services. The sector must end with the 0x55 0xAA signature, as a
 * BIOS requires.
 */
public final class BootSector {
    public static final int SIZE = 512, LOAD_ADDRESS = 0x7C00, BOOT_DRIVE = 0x80;

    private BootSector() { }

    /** Checks {@code sector}: a one-line {@link BootException} says what is wrong with it. */
    public static void check(byte[] sector) {
        if (sector.length != SIZE) throw new BootException("a boot sector must be exactly 512 bytes, not " + sector.length);
        if ((sector[510] & 0xFF) != 0x55 || (sector[511] & 0xFF) != 0xAA) {
            throw new BootException(String.format("not a boot sector: bytes 510-511 are %02x %02x, not the 55 aa signature",
                    sector[510] & 0xFF, sector[511] & 0xFF));
        }
    }

    /** Copies the checked sector to 0x7C00. */
    public static void load(PhysicalMemory memory, byte[] sector) {
        check(sector);
        memory.load(LOAD_ADDRESS, sector, 0, SIZE);
    }
}
