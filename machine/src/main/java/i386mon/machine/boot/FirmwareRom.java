package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

/**
 * A firmware ROM image mapped as QEMU's {@code -bios FILE} maps it: the whole image read-only at the
 * top of the 4 GiB space (so the reset vector, 0xFFFFFFF0, is its 16th byte from the end), and its
 * last 128 KiB (or all of a smaller image) also below 1 MiB, ending at 0xFFFFF, where real-mode code
 * reaches it as segment 0xF000 (0xE000 too for a 128 KiB window). The CPU then starts from its
 * power-on reset state. Sizes follow QEMU's rule (a multiple of 64 KiB) within 64 KiB to 256 KiB.
 */
public final class FirmwareRom {
    public static final int MIN_SIZE = 64 << 10, MAX_SIZE = 256 << 10;
    /** The part of the image also mapped below 1 MiB (QEMU's "isa-bios" window). */
    public static final int LOW_WINDOW = 128 << 10;
    /** Debian's SeaBIOS (package seabios), the image QEMU 7.2's pc machine runs: the default firmware. */
    public static final String SEABIOS = "/usr/share/seabios/bios-256k.bin";

    private FirmwareRom() { }

    /** Checks {@code image}: a one-line {@link BootException} says what is wrong with it. */
    public static void check(byte[] image) {
        if (image.length < MIN_SIZE || image.length > MAX_SIZE || image.length % MIN_SIZE != 0) {
            throw new BootException(String.format(
                    "a BIOS ROM image must be 64, 128, 192 or 256 KiB (a multiple of 64 KiB, as QEMU requires), not %d bytes", image.length));
        }
    }

    /** Maps {@code image} at the top of the 4 GiB space and its last 128 KiB below 1 MiB. */
    public static void map(PhysicalMemory memory, byte[] image) {
        check(image);
        memory.mapHighRom(image);
        int low = Math.min(LOW_WINDOW, image.length);
        memory.load(PhysicalMemory.ROM_END - low, image, image.length - low, low);
    }
}
