package i386mon.machine.storage;

/**
 * The packet interface of a CD-ROM drive (ATA/ATAPI-6 chapter 9; SCSI MMC commands), as QEMU 7.2's
 * hw/ide/atapi.c answers it for an ide-cd: TEST UNIT READY, REQUEST SENSE, INQUIRY (standard data),
 * START STOP UNIT (the tray), PREVENT ALLOW MEDIUM REMOVAL, READ CAPACITY, READ(10), SEEK(10), READ
 * TOC (formats 0, 1 and 2), GET CONFIGURATION, GET EVENT STATUS NOTIFICATION, READ DISC
 * INFORMATION, MODE SENSE(10), READ(12), READ DVD STRUCTURE, SET CD SPEED, MECHANISM STATUS and
 * READ CD (user data or whole 2352-byte sectors); any other packet ends in ILLEGAL REQUEST / invalid
 * command operation code. Data moves by PIO in blocks of at most one sector and the byte count
 * limit, or by DMA. The reply data for the descriptive commands comes from {@link MmcData}.
 */
final class Atapi {
    static final int SECTOR = 2048, RAW_SECTOR = 2352;
    static final int PACKET_SIZE = 12;
    // sense keys and additional sense codes (SPC-3 4.5.6, MMC)
    static final int NO_SENSE = 0, NOT_READY = 2, ILLEGAL_REQUEST = 5, UNIT_ATTENTION = 6;
    static final int ASC_ILLEGAL_OPCODE = 0x20, ASC_LOGICAL_BLOCK_OOR = 0x21, ASC_INV_FIELD_IN_CMD_PACKET = 0x24,
            ASC_INCOMPATIBLE_FORMAT = 0x30, ASC_SAVING_PARAMETERS_NOT_SUPPORTED = 0x39, ASC_MEDIUM_NOT_PRESENT = 0x3A,
            ASC_MEDIA_REMOVAL_PREVENTED = 0x53;
    /** Interrupt reason bits in the sector count register: C/D and I/O. */
    static final int REASON_CD = 0x01, REASON_IO = 0x02;
    static final String MODEL = "QEMU DVD-ROM";
    // operation codes (MMC-5 table 58)
    static final int TEST_UNIT_READY = 0x00, REQUEST_SENSE = 0x03, INQUIRY = 0x12, START_STOP_UNIT = 0x1B,
            PREVENT_ALLOW_MEDIUM_REMOVAL = 0x1E, READ_CAPACITY = 0x25, READ_10 = 0x28, SEEK_10 = 0x2B, READ_TOC = 0x43,
            GET_CONFIGURATION = 0x46, GET_EVENT_STATUS_NOTIFICATION = 0x4A, READ_DISC_INFORMATION = 0x51, MODE_SENSE_10 = 0x5A,
            READ_12 = 0xA8, READ_DVD_STRUCTURE = 0xAD, SET_CD_SPEED = 0xBB, MECHANISM_STATUS = 0xBD, READ_CD = 0xBE;
    // how a command is checked before it runs (QEMU's atapi_cmd_table flags)
    private static final int KNOWN = 1, CHECK_READY = 2, NONDATA = 4, CONDDATA = 8;

    private final transient AtaDrive drive;
    int senseKey, asc;
    boolean dma;
    /** The sector being delivered (-1: a reply from the buffer), bytes left, bytes left in this DRQ block, the buffer index. */
    long lba = -1;
    int packetTransferSize, elementaryTransferSize, bufferIndex;
    /** The size of the sectors a read delivers: 2048 (user data) or 2352 (READ CD of whole sectors). */
    int cdSectorSize = SECTOR;
    boolean locked;
    /** START STOP UNIT ejected the disc: the tray is open until a load closes it. */
    boolean trayOpen;

    Atapi(AtaDrive drive) { this.drive = drive; }

    void reset() {
        senseKey = asc = 0;
        dma = false;
        lba = -1;
        packetTransferSize = elementaryTransferSize = bufferIndex = 0;
        cdSectorSize = SECTOR;
        locked = false;
        trayOpen = false;
    }

    /** The number of 2048-byte sectors on the disc (0: no disc). */
    long discSectors() { return drive.present() ? drive.totalSectors() / 4 : 0; }

    /** A disc is in the drive and the tray is closed (QEMU's media_present). */
    boolean mediumPresent() { return !trayOpen && drive.present() && drive.totalSectors() > 0; }

    private static int flags(int op) {
        return switch (op) {
            case TEST_UNIT_READY, SEEK_10 -> KNOWN | CHECK_READY | NONDATA;
            case READ_CAPACITY, READ_10, READ_TOC, READ_DISC_INFORMATION, READ_12, READ_DVD_STRUCTURE -> KNOWN | CHECK_READY;
            case READ_CD -> KNOWN | CHECK_READY | CONDDATA;
            case START_STOP_UNIT, PREVENT_ALLOW_MEDIUM_REMOVAL, SET_CD_SPEED -> KNOWN | NONDATA;
            case REQUEST_SENSE, INQUIRY, GET_CONFIGURATION, GET_EVENT_STATUS_NOTIFICATION, MODE_SENSE_10, MECHANISM_STATUS -> KNOWN;
            default -> 0;
        };
    }

    /** The 12 bytes of a packet arrived in {@code buf}: runs it (QEMU's ide_atapi_cmd). */
    void command(byte[] buf) {
        int op = buf[0] & 0xFF;
        int flags = flags(op);
        if ((flags & CHECK_READY) != 0 && !mediumPresent()) {
            error(NOT_READY, ASC_MEDIUM_NOT_PRESENT);
            return;
        }
        if ((flags & KNOWN) != 0 && (flags & (NONDATA | CONDDATA)) == 0 && !byteCountLimitValid()) return;
        switch (op) {
            case TEST_UNIT_READY -> ok(); // the medium check above is all
            case REQUEST_SENSE -> requestSense(buf);
            case INQUIRY -> inquiry(buf);
            case START_STOP_UNIT -> startStopUnit(buf);
            case PREVENT_ALLOW_MEDIUM_REMOVAL -> { locked = (buf[4] & 1) != 0; ok(); }
            case READ_CAPACITY -> readCapacity(buf);
            case READ_10 -> read(be16(buf, 7), be32(buf, 2));
            case READ_12 -> read(be32(buf, 6), be32(buf, 2));
            case SEEK_10 -> seek(buf);
            case READ_TOC -> readToc(buf);
            case GET_CONFIGURATION -> getConfiguration(buf);
            case GET_EVENT_STATUS_NOTIFICATION -> eventStatus(buf);
            case READ_DISC_INFORMATION -> discInformation(buf);
            case MODE_SENSE_10 -> modeSense(buf);
            case READ_DVD_STRUCTURE -> dvdStructure(buf);
            case SET_CD_SPEED -> ok(); // no speeds to choose from
            case MECHANISM_STATUS -> reply(MmcData.mechanismStatus(buf), be16(buf, 8));
            case READ_CD -> readCd(buf);
            default -> error(ILLEGAL_REQUEST, ASC_ILLEGAL_OPCODE);
        }
    }

    /**
     * A PIO data command needs a byte count limit (DMA does not): with none the command is aborted
     * at the ATA level, ABRT and an interrupt, not a sense key (QEMU's validate_bcl).
     */
    private boolean byteCountLimitValid() {
        if (dma || byteCountLimit() != 0) return true;
        drive.abortCommand();
        drive.raiseIrq();
        return false;
    }

    private int byteCountLimit() {
        int bcl = drive.lcyl | drive.hcyl << 8;
        return bcl == 0xFFFF ? 0xFFFE : bcl;
    }

    private static int be16(byte[] b, int i) { return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF; }

    private static long be32(byte[] b, int i) { return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF; }

    private static void text(byte[] b, int at, int len, String s) {
        for (int i = 0; i < len; i++) b[at + i] = (byte) (i < s.length() ? s.charAt(i) : ' ');
    }

    // ---- completion

    /** The command ended well: status DRDY|DSC, reason "status" (I/O and C/D), an IRQ. */
    void ok() {
        drive.error = 0;
        drive.status = AtaStatus.DRDY | AtaStatus.DSC;
        drive.nsector = drive.nsector & ~7 | REASON_IO | REASON_CD;
        drive.transferStop();
        drive.raiseIrq();
    }

    /** The command failed: the sense key in the error register's high nibble, CHECK (ERR), an IRQ. */
    void error(int key, int code) {
        drive.error = key << 4;
        drive.status = AtaStatus.DRDY | AtaStatus.ERR;
        drive.nsector = drive.nsector & ~7 | REASON_IO | REASON_CD;
        senseKey = key;
        asc = code;
        drive.transferStop();
        drive.raiseIrq();
    }

    // ---- commands

    private void requestSense(byte[] buf) {
        int max = buf[4] & 0xFF;
        java.util.Arrays.fill(buf, 0, 18, (byte) 0);
        buf[0] = (byte) (0x70 | 0x80);
        buf[2] = (byte) senseKey;
        buf[7] = 10;
        buf[12] = (byte) asc;
        if (senseKey == UNIT_ATTENTION) senseKey = NO_SENSE;
        reply(18, max);
    }

    private void inquiry(byte[] buf) {
        int max = buf[4] & 0xFF;
        if ((buf[1] & 1) != 0) { // vital product data pages are not offered
            error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        java.util.Arrays.fill(buf, 0, 36, (byte) 0);
        buf[0] = 0x05;         // CD-ROM
        buf[1] = (byte) 0x80;  // removable
        buf[3] = 0x21;         // ATAPI-2 response format
        buf[4] = 36 - 5;
        text(buf, 8, 8, "QEMU");
        text(buf, 16, 16, MODEL);
        text(buf, 32, 4, IdentifyData.FIRMWARE);
        reply(36, max);
    }

    private void readCapacity(byte[] buf) {
        MmcData.be32(buf, 0, discSectors() - 1); // the last sector's number
        MmcData.be32(buf, 4, SECTOR);
        reply(8, 8);
    }

    private void read(long count, long first) {
        if (count == 0) {
            ok();
            return;
        }
        long total = discSectors();
        if (first >= total || first + count - 1 >= total) {
            error(ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
            return;
        }
        startRead(first, count, SECTOR);
    }

    /** Starts delivering {@code count} sectors of {@code size} bytes from {@code first} (ide_atapi_cmd_read). */
    private void startRead(long first, long count, int size) {
        lba = first;
        cdSectorSize = size;
        packetTransferSize = (int) Math.min(count * size, Integer.MAX_VALUE / size * size);
        elementaryTransferSize = 0;
        bufferIndex = size; // the first sector is still to be read
        if (dma) drive.startAtapiDma();
        else replyEnd();
    }

    /**
     * READ CD: the transfer byte's main bits choose user data (0x10), whole 2352-byte sectors with
     * sync, header and zero EDC/ECC (0xF8) or nothing (0x00); QEMU has no other combination. The
     * range is checked as each sector is read, as QEMU's failing block read does.
     */
    private void readCd(byte[] buf) {
        long count = (buf[6] & 0xFF) << 16 | (buf[7] & 0xFF) << 8 | buf[8] & 0xFF;
        long first = be32(buf, 2);
        int request = buf[9] & 0xF8;
        if (count == 0 || request == 0x00) {
            ok();
            return;
        }
        if (!byteCountLimitValid()) return;
        switch (request) {
            case 0x10 -> startRead(first, count, SECTOR);
            case 0xF8 -> startRead(first, count, RAW_SECTOR);
            default -> error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        }
    }

    private void seek(byte[] buf) {
        if (be32(buf, 2) >= discSectors()) error(ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
        else ok();
    }

    /** START STOP UNIT with LoEj: eject opens the tray (refused while locked), load closes it; power conditions do nothing. */
    private void startStopUnit(byte[] buf) {
        boolean start = (buf[4] & 1) != 0, loadEject = (buf[4] & 2) != 0;
        if ((buf[4] & 0xF0) == 0 && loadEject) {
            if (!start && !trayOpen && locked) {
                error(drive.present() ? NOT_READY : ILLEGAL_REQUEST, ASC_MEDIA_REMOVAL_PREVENTED);
                return;
            }
            trayOpen = !start;
        }
        ok();
    }

    private void readToc(byte[] buf) {
        int max = be16(buf, 7);
        int format = (buf[9] & 0xFF) >> 6;
        boolean msf = (buf[1] & 2) != 0;
        int startTrack = buf[6] & 0xFF;
        int len = switch (format) {
            case 0 -> MmcData.toc(buf, discSectors(), msf, startTrack);
            case 1 -> MmcData.sessions(buf);
            case 2 -> MmcData.rawToc(buf, discSectors(), msf);
            default -> -1;
        };
        if (len < 0) error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        else reply(len, max);
    }

    /** GET CONFIGURATION from feature 0 only; the reply is capped at one 512-byte block, as QEMU caps it. */
    private void getConfiguration(byte[] buf) {
        if (buf[2] != 0 || buf[3] != 0) {
            error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        int max = Math.min(be16(buf, 7), DiskImage.SECTOR);
        reply(MmcData.configuration(buf, mediumPresent() ? drive.totalSectors() : 0, max), max);
    }

    /** GET EVENT STATUS NOTIFICATION: polled only (asynchronous operation is optional in MMC and QEMU refuses it). */
    private void eventStatus(byte[] buf) {
        int max = be16(buf, 7);
        if ((buf[1] & 1) == 0) {
            error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        int media = trayOpen ? MmcData.MEDIA_TRAY_OPEN : drive.present() ? MmcData.MEDIA_PRESENT : 0;
        reply(MmcData.eventStatus(buf, buf[4] & 0xFF, media), max);
    }

    private void discInformation(byte[] buf) {
        int max = be16(buf, 7);
        if ((buf[1] & 7) != 0) { // data types 1 and 2 are for Blu-ray
            error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        reply(MmcData.discInformation(buf), max);
    }

    /** MODE SENSE(10): current values of the pages the drive has; changeable or default values are refused, saved ones cannot be. */
    private void modeSense(byte[] buf) {
        int max = be16(buf, 7);
        int control = (buf[2] & 0xFF) >> 6, page = buf[2] & 0x3F;
        if (control == 3) {
            error(ILLEGAL_REQUEST, ASC_SAVING_PARAMETERS_NOT_SUPPORTED);
            return;
        }
        int len = control == 0 ? MmcData.modePage(buf, page, locked) : -1;
        if (len < 0) error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
        else reply(len, max);
    }

    /**
     * READ DVD STRUCTURE: a CD has none; the DVD-ROM structures of {@link MmcData#dvdStructure}.
     * As in QEMU the buffer (the packet too) is cleared up to the allocation length first, so the
     * layer is read after that.
     */
    private void dvdStructure(byte[] buf) {
        int max = be16(buf, 8);
        int media = buf[1] & 0xFF, format = buf[7] & 0xFF;
        if (format < 0xFF) {
            if (mediumPresent() && drive.totalSectors() <= MmcData.CD_MAX_SECTORS) {
                error(ILLEGAL_REQUEST, ASC_INCOMPATIBLE_FORMAT);
                return;
            }
            if (!mediumPresent()) {
                error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
                return;
            }
        }
        java.util.Arrays.fill(buf, 0, Math.min(max, drive.bufferSize()), (byte) 0);
        int len = media == 0 && (format <= 0x7F || format == 0xFF)
                ? MmcData.dvdStructure(buf, format, buf[6] & 0xFF, drive.totalSectors()) : -ASC_INV_FIELD_IN_CMD_PACKET;
        if (len < 0) error(ILLEGAL_REQUEST, -len);
        else reply(len, max);
    }

    // ---- data phase

    /** Sends {@code size} bytes (at most {@code max}) of the buffer as the command's data (ide_atapi_cmd_reply). */
    private void reply(int size, int max) {
        size = Math.min(size, max);
        lba = -1;
        packetTransferSize = size;
        elementaryTransferSize = 0;
        bufferIndex = 0;
        if (dma) {
            drive.startAtapiDma();
            return;
        }
        drive.status = AtaStatus.DRDY | AtaStatus.DSC;
        replyEnd();
    }

    /**
     * Offers the next PIO block, or ends the command (ide_atapi_cmd_reply_end): a new DRQ block
     * (an IRQ, the byte count in the cylinder registers) holds at most the byte count limit and,
     * for sectors, what is left of the current one; the next sector is read when one runs out.
     */
    void replyEnd() {
        while (packetTransferSize > 0) {
            if (lba != -1 && bufferIndex >= cdSectorSize) {
                if (!readSector(lba, 0)) return;
                lba++;
                bufferIndex = 0;
            }
            int size;
            if (elementaryTransferSize > 0) {
                size = Math.min(cdSectorSize - bufferIndex, elementaryTransferSize);
            } else {
                drive.nsector = drive.nsector & ~7 | REASON_IO;
                drive.raiseIrq();
                int limit = byteCountLimit();
                size = packetTransferSize;
                if (size > limit) size = limit & ~1;
                drive.lcyl = size & 0xFF;
                drive.hcyl = size >>> 8 & 0xFF;
                elementaryTransferSize = size;
                if (lba != -1) size = Math.min(size, cdSectorSize - bufferIndex);
            }
            packetTransferSize -= size;
            elementaryTransferSize -= size;
            bufferIndex += size;
            drive.offerReply(bufferIndex - size, size);
            return; // the guest reads the block; its end brings us back here
        }
        ok();
    }

    /**
     * Reads sector {@code n} into the buffer at {@code offset} in the current sector size (a whole
     * sector gets the sync pattern, its MSF address and mode 1 around the data, EDC/ECC left zero,
     * as QEMU's cd_data_to_raw). Past the disc the read fails as QEMU's block layer fails it:
     * ILLEGAL REQUEST, logical block out of range; false then.
     */
    private boolean readSector(long n, int offset) {
        if (n >= discSectors()) {
            drive.transferStop();
            error(ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
            return false;
        }
        if (cdSectorSize == SECTOR) {
            drive.readCdSector(n, offset);
            return true;
        }
        byte[] b = drive.buffer();
        drive.readCdSector(n, offset + 16);
        b[offset] = 0;
        java.util.Arrays.fill(b, offset + 1, offset + 11, (byte) 0xFF);
        b[offset + 11] = 0;
        long l = n + 150;
        b[offset + 12] = (byte) (l / 75 / 60);
        b[offset + 13] = (byte) (l / 75 % 60);
        b[offset + 14] = (byte) (l % 75);
        b[offset + 15] = 1; // mode 1
        java.util.Arrays.fill(b, offset + 16 + SECTOR, offset + RAW_SECTOR, (byte) 0);
        return true;
    }

    /** The DMA phase: the reply or the sectors as one buffer (null when a sector is past the disc: the command failed). */
    byte[] dmaData(byte[] ioBuffer) {
        if (lba == -1) return java.util.Arrays.copyOf(ioBuffer, packetTransferSize);
        byte[] data = new byte[packetTransferSize];
        for (int done = 0; done < data.length; done += cdSectorSize) {
            if (!readSector(lba++, 0)) return null;
            System.arraycopy(ioBuffer, 0, data, done, cdSectorSize);
        }
        return data;
    }

    /** The DMA moved everything: the command completes. */
    void dmaDone() {
        packetTransferSize = 0;
        drive.status = AtaStatus.DRDY | AtaStatus.DSC;
        drive.nsector = drive.nsector & ~7 | REASON_IO | REASON_CD;
        drive.raiseIrq();
    }
}
