package i386mon.machine.storage;

/**
 * The 256 words IDENTIFY DEVICE returns, filled as QEMU 7.2's ide_identify() fills them for an
 * ide-hd with the default properties (model "QEMU HARDDISK", serial "QM0000n", firmware "2.5+",
 * 16 sectors per READ MULTIPLE, PIO 3-4, multiword DMA 0-2, UDMA 0-5 with 5 selected, LBA48,
 * write cache enabled, TRIM through DATA SET MANAGEMENT).
 */
final class IdentifyData {
    static final String MODEL = "QEMU HARDDISK";
    static final String FIRMWARE = "2.5+";
    /** QEMU's MAX_MULT_SECTORS. */
    static final int MAX_MULT_SECTORS = 16;
    static final int WORDS = 256;

    private IdentifyData() { }

    /** Fills {@code w} (256 words) for a disk of {@code total} sectors, current CHS {@code c/h/s}, READ MULTIPLE count {@code mult}. */
    static void fill(int[] w, String serial, long total, int c, int h, int s, int mult) {
        java.util.Arrays.fill(w, 0);
        w[0] = 0x0040; // fixed device
        w[1] = c;
        w[3] = h;
        w[4] = 512 * s & 0xFFFF; // retired: bytes per track
        w[5] = 512;              // retired: bytes per sector
        w[6] = s;
        text(w, 10, serial, 20);
        w[20] = 3;   // retired: buffer type
        w[21] = 512; // cache size in sectors
        w[22] = 4;   // ECC bytes
        text(w, 23, FIRMWARE, 8);
        text(w, 27, MODEL, 40);
        w[47] = 0x8000 | MAX_MULT_SECTORS;
        w[48] = 1;                                  // dword I/O
        w[49] = 1 << 11 | 1 << 9 | 1 << 8;          // IORDY, LBA, DMA
        w[51] = 0x200;                              // PIO transfer cycle
        w[52] = 0x200;                              // DMA transfer cycle
        w[53] = 1 | 1 << 1 | 1 << 2;                // words 54-58, 64-70, 88 valid
        w[54] = c;
        w[55] = h;
        w[56] = s;
        long chs = (long) c * h * s;
        w[57] = (int) (chs & 0xFFFF);
        w[58] = (int) (chs >>> 16 & 0xFFFF);
        if (mult != 0) w[59] = 0x100 | mult;
        long lba28 = Math.min(total, (1 << 28) - 1);
        w[60] = (int) (lba28 & 0xFFFF);
        w[61] = (int) (lba28 >>> 16 & 0xFFFF);
        w[62] = 0x07;                               // single-word DMA 0-2
        w[63] = 0x07;                               // multiword DMA 0-2
        w[64] = 0x03;                               // PIO 3-4
        w[65] = 120;
        w[66] = 120;
        w[67] = 120;
        w[68] = 120;
        w[69] = 1 << 14;                            // deterministic TRIM behaviour
        w[80] = 0xF0;                               // ATA-4 to ATA-7
        w[81] = 0x16;
        w[82] = 1 << 14 | 1 << 5 | 1;               // NOP, write cache, SMART
        w[83] = 1 << 14 | 1 << 13 | 1 << 12 | 1 << 10; // FLUSH CACHE EXT, FLUSH CACHE, LBA48
        w[84] = 1 << 14;
        w[85] = 1 << 14 | 1 << 5 | 1;               // write cache enabled
        w[86] = 1 << 13 | 1 << 12 | 1 << 10;
        w[87] = 1 << 14;
        w[88] = 0x3F | 1 << 13;                     // UDMA 0-5 supported, 5 selected
        w[93] = 1 | 1 << 14 | 0x2000;
        for (int i = 0; i < 4; i++) w[100 + i] = (int) (total >>> (16 * i) & 0xFFFF);
        w[106] = 0x6000;                            // one logical sector per physical sector
        w[169] = 1;                                 // DATA SET MANAGEMENT: TRIM
    }

    /** IDENTIFY PACKET DEVICE's words for QEMU's ide-cd ("QEMU DVD-ROM", ide_atapi_identify with DMA). */
    static void fillPacket(int[] w, String serial) {
        java.util.Arrays.fill(w, 0);
        w[0] = 2 << 14 | 5 << 8 | 1 << 7 | 2 << 5; // ATAPI, CD-ROM, removable, 50 us DRQ, 12-byte packets
        text(w, 10, serial, 20);
        w[20] = 3;
        w[21] = 512;
        w[22] = 4;
        text(w, 23, FIRMWARE, 8);
        text(w, 27, Atapi.MODEL, 40);
        w[48] = 1;
        w[49] = 1 << 9 | 1 << 8; // LBA, DMA
        w[53] = 7;
        w[62] = 7;
        w[63] = 7;
        w[64] = 3;
        w[65] = 0xB4;
        w[66] = 0xB4;
        w[67] = 0x12C;
        w[68] = 0xB4;
        w[71] = 30;
        w[72] = 30;
        w[80] = 0x1E; // ATA/ATAPI-1 to -4
        w[88] = 0x3F | 1 << 13;
    }

    /** ATA strings: two characters per word, the first in the high byte, blank-padded (QEMU's padstr). */
    static void text(int[] w, int word, String s, int len) {
        for (int i = 0; i < len; i++) {
            int ch = i < s.length() ? s.charAt(i) & 0xFF : ' ';
            int k = word + i / 2;
            w[k] = (i & 1) == 0 ? (w[k] & 0x00FF) | ch << 8 : (w[k] & 0xFF00) | ch;
        }
    }

    /** The words as the data port delivers them: little-endian bytes. */
    static void toBytes(int[] w, byte[] out) {
        for (int i = 0; i < WORDS; i++) {
            out[2 * i] = (byte) w[i];
            out[2 * i + 1] = (byte) (w[i] >>> 8);
        }
    }
}
