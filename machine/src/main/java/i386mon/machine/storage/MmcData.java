package i386mon.machine.storage;

/**
 * The data a CD-ROM drive returns for the MMC commands that describe the drive and the disc (MODE
 * SENSE pages, GET CONFIGURATION's profile list, GET EVENT STATUS NOTIFICATION's media event, READ
 * TOC's three formats, READ DISC INFORMATION, MECHANISM STATUS, READ DVD STRUCTURE), with the values
 * QEMU 7.2's ide-cd gives (hw/ide/atapi.c, hw/block/cdrom.c; MMC-5 for the layouts). Each method
 * writes into the packet buffer, as QEMU builds its reply over the packet it came in: bytes a method
 * does not write keep what was there.
 */
final class MmcData {
    static final int PAGE_ERROR_RECOVERY = 0x01, PAGE_AUDIO_CONTROL = 0x0E, PAGE_CAPABILITIES = 0x2A;
    static final int PROFILE_CD_ROM = 0x0008, PROFILE_DVD_ROM = 0x0010;
    /** The largest disc reported as a CD (80 minutes of 2048-byte frames), in 512-byte sectors. */
    static final long CD_MAX_SECTORS = 80L * 60 * 75 * 2048 / 512;
    /** GET EVENT STATUS NOTIFICATION's media class (MMC-5 6.6, notification class 4). */
    static final int GESN_MEDIA = 4;
    static final int MEDIA_TRAY_OPEN = 1, MEDIA_PRESENT = 2;

    private MmcData() { }

    static void be16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void be32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /** The 8-byte MODE SENSE(10) header: the mode data length, medium type 0x70 ("door closed, no disc type"), no block descriptors. */
    private static void modeHeader(byte[] b, int length) {
        be16(b, 0, length - 2);
        b[2] = 0x70;
        b[3] = b[4] = b[5] = b[6] = b[7] = 0;
    }

    /**
     * A current-values mode page: its length with the header, or -1 for a page the drive does not
     * have. {@code locked}: the tray is locked (the capabilities page says so).
     */
    static int modePage(byte[] b, int page, boolean locked) {
        switch (page) {
            case PAGE_ERROR_RECOVERY -> {
                modeHeader(b, 16);
                b[8] = PAGE_ERROR_RECOVERY;
                b[9] = 16 - 10;
                b[10] = 0x00;
                b[11] = 0x05; // read retry count
                b[12] = b[13] = b[14] = b[15] = 0;
                return 16;
            }
            case PAGE_AUDIO_CONTROL -> { // QEMU writes only these bytes; the rest keep the buffer's old contents
                modeHeader(b, 24);
                b[8] = PAGE_AUDIO_CONTROL;
                b[9] = 24 - 10;
                b[17] = b[19] = b[21] = b[23] = 0;
                return 24;
            }
            case PAGE_CAPABILITIES -> {
                modeHeader(b, 30);
                b[8] = PAGE_CAPABILITIES;
                b[9] = 30 - 10;
                b[10] = 0x3B; // reads CD-R, CD-RW, DVD-ROM, DVD-R, DVD-RAM
                b[11] = 0x00; // writes none
                b[12] = 0x71; // plays audio (Linux checks it before it automounts), multisession, mode 2 forms
                b[13] = 3 << 5; // ISRC, UPC
                b[14] = (byte) (1 | 1 << 3 | 1 << 5 | (locked ? 1 << 1 : 0)); // lock, eject, tray loader; locked
                b[15] = 0x00;
                be16(b, 16, 704); // maximum read speed: 4x
                b[18] = 0;
                b[19] = 2;        // two volume levels
                be16(b, 20, 512); // 512 KiB buffer
                be16(b, 22, 704); // current read speed
                b[24] = b[25] = b[26] = b[27] = b[28] = b[29] = 0;
                return 30;
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * GET CONFIGURATION's header and profile list feature (feature 0): DVD-ROM and CD-ROM, the
     * current one by the disc's size ({@code sectors} of 512 bytes; 0 none). QEMU clears only
     * {@code cleared} bytes first (the allocation length, at most 512). Returns the full length.
     */
    static int configuration(byte[] b, long sectors, int cleared) {
        java.util.Arrays.fill(b, 0, cleared, (byte) 0);
        if (sectors > CD_MAX_SECTORS) be16(b, 6, PROFILE_DVD_ROM);
        else if (sectors > 0) be16(b, 6, PROFILE_CD_ROM);
        b[10] = 0x02 | 0x01; // persistent and current
        int len = 12;
        len += profile(b, 0, PROFILE_DVD_ROM);
        len += profile(b, 1, PROFILE_CD_ROM);
        be32(b, 0, len - 4);
        return len;
    }

    /** Profile descriptor {@code index}: the profile and whether it is the current one (ide_atapi_set_profile). */
    private static int profile(byte[] b, int index, int profile) {
        int at = 12 + index * 4;
        be16(b, at, profile);
        b[at + 2] = (byte) (b[at] == b[6] && b[at + 1] == b[7] ? 1 : 0);
        b[11] += 4; // the feature's additional length
        return 4;
    }

    /**
     * GET EVENT STATUS NOTIFICATION (polled): the media class's event when the packet asks for it
     * (no change: this drive's disc never changes), else "no event available". Returns the length.
     */
    static int eventStatus(byte[] b, int requestedClasses, int mediaStatus) {
        b[3] = 1 << GESN_MEDIA; // supported classes
        int used;
        if ((requestedClasses & 1 << GESN_MEDIA) != 0) {
            b[2] = GESN_MEDIA;
            b[4] = 0; // no change
            b[5] = (byte) mediaStatus;
            b[6] = b[7] = 0;
            used = 8;
        } else {
            b[2] = (byte) 0x80; // no event available
            used = 4;
        }
        be16(b, 0, used - 4);
        return used;
    }

    private static int msf(byte[] b, int q, long lba) {
        long l = lba + 150;
        b[q] = (byte) (l / 75 / 60);
        b[q + 1] = (byte) (l / 75 % 60);
        b[q + 2] = (byte) (l % 75);
        return q + 3;
    }

    /** READ TOC format 0: track 1 from {@code startTrack} and the lead-out, or -1 for a track past the first (cdrom_read_toc). */
    static int toc(byte[] b, long discSectors, boolean msf, int startTrack) {
        if (startTrack > 1 && startTrack != 0xAA) return -1;
        int q = 2;
        b[q++] = 1; // first track
        b[q++] = 1; // last track
        if (startTrack <= 1) q = tocEntry(b, q, 0x14, 1, 0, msf);
        q = tocEntry(b, q, 0x16, 0xAA, discSectors, msf);
        be16(b, 0, q - 2);
        return q;
    }

    private static int tocEntry(byte[] b, int q, int control, int track, long lba, boolean msf) {
        b[q++] = 0;
        b[q++] = (byte) control;
        b[q++] = (byte) track;
        b[q++] = 0;
        if (msf) {
            b[q++] = 0;
            return msf(b, q, lba);
        }
        be32(b, q, lba);
        return q + 4;
    }

    /** READ TOC format 1: one session. */
    static int sessions(byte[] b) {
        java.util.Arrays.fill(b, 0, 12, (byte) 0);
        b[1] = 0x0A;
        b[2] = 1;
        b[3] = 1;
        return 12;
    }

    /** READ TOC format 2, the raw TOC: the A0, A1 and A2 points and track 1 of session 1 (cdrom_read_toc_raw). */
    static int rawToc(byte[] b, long discSectors, boolean msf) {
        int q = 2;
        b[q++] = 1; // first session
        b[q++] = 1; // last session
        q = rawPoint(b, q, 0xA0, 1);    // first track
        q = rawPoint(b, q, 0xA1, 1);    // last track
        q = rawHead(b, q, 0xA2);        // the lead-out's start
        if (msf) {
            b[q++] = 0;
            q = msf(b, q, discSectors);
        } else {
            be32(b, q, discSectors);
            q += 4;
        }
        q = rawHead(b, q, 1);           // track 1 starts at 0
        if (msf) {
            b[q++] = 0;
            q = msf(b, q, 0);
        } else {
            be32(b, q, 0);
            q += 4;
        }
        be16(b, 0, q - 2);
        return q;
    }

    /** Session 1, data track, TNO 0, {@code point}, zero ATIME and a zero byte: seven bytes. */
    private static int rawHead(byte[] b, int q, int point) {
        b[q++] = 1;
        b[q++] = 0x14;
        b[q++] = 0;
        b[q++] = (byte) point;
        b[q++] = 0;
        b[q++] = 0;
        b[q++] = 0;
        return q;
    }

    private static int rawPoint(byte[] b, int q, int point, int track) {
        q = rawHead(b, q, point);
        b[q++] = 0;
        b[q++] = (byte) track;
        b[q++] = 0;
        b[q++] = 0;
        return q;
    }

    /** READ DISC INFORMATION (data type 0): one complete session with track 1, a finalized CD-ROM or DVD-ROM. */
    static int discInformation(byte[] b) {
        java.util.Arrays.fill(b, 0, 34, (byte) 0);
        b[1] = 32;
        b[2] = 0x0E; // last session complete, disc finalized
        b[3] = 1;    // first track on the disc
        b[4] = 1;    // sessions
        b[5] = 1;    // first track of the last session
        b[6] = 1;    // last track of the last session
        b[7] = 0x20; // unrestricted use
        b[8] = 0x00; // CD-ROM or DVD-ROM
        return 34;
    }

    /** MECHANISM STATUS: no changer, no current LBA, one slot. */
    static int mechanismStatus(byte[] b) {
        be16(b, 0, 0);
        b[2] = b[3] = b[4] = 0;
        b[5] = 1;
        be16(b, 6, 0);
        return 8;
    }

    /**
     * READ DVD STRUCTURE for a DVD-ROM disc of {@code sectors} 512-byte sectors, format
     * {@code format} of layer {@code layer}: the length, or minus the additional sense code.
     */
    static int dvdStructure(byte[] b, int format, int layer, long sectors) {
        switch (format) {
            case 0x00 -> { // physical format information
                if (layer != 0) return -Atapi.ASC_INV_FIELD_IN_CMD_PACKET;
                long total = sectors >> 2;
                if (total == 0) return -Atapi.ASC_MEDIUM_NOT_PRESENT;
                b[4] = 1;   // DVD-ROM, part version 1
                b[5] = 0xF; // 120 mm, maximum rate unspecified
                b[6] = 1;   // one layer, read-only
                b[7] = 0;
                be32(b, 8, 0);           // first sector
                be32(b, 12, total - 1);  // last sector
                be32(b, 16, total - 1);  // last sector of layer 0
                be16(b, 0, 2048 + 2);
                return 2048 + 4;
            }
            case 0x01 -> { // copyright: none, no region restriction
                b[4] = 0;
                b[5] = 0;
                be16(b, 0, 4 + 2);
                return 4 + 4;
            }
            case 0x04 -> { // disc manufacturing information: all zeros
                be16(b, 0, 2048 + 2);
                return 2048 + 4;
            }
            case 0xFF -> { // the structures above, each readable
                structureEntry(b, 4, 0x00, 2048 + 4);
                structureEntry(b, 8, 0x01, 4 + 4);
                structureEntry(b, 12, 0x03, 188 + 4);
                structureEntry(b, 16, 0x04, 2048 + 4);
                be16(b, 0, 16 + 2);
                return 16 + 4;
            }
            default -> {
                return -Atapi.ASC_INV_FIELD_IN_CMD_PACKET; // 0x03 (no BCA) and the rest
            }
        }
    }

    private static void structureEntry(byte[] b, int at, int format, int length) {
        b[at] = (byte) format;
        b[at + 1] = 0x40; // readable, not writable
        be16(b, at + 2, length);
    }
}
