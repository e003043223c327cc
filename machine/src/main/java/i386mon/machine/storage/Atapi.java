package i386mon.machine.storage;

/**
 * The packet interface of a CD-ROM drive (ATA/ATAPI-6 chapter 9; SCSI MMC commands), as QEMU 7.2's
 * hw/ide/atapi.c answers it for an ide-cd: TEST UNIT READY, REQUEST SENSE, INQUIRY (standard data),
 * READ CAPACITY, READ(10), READ(12), READ TOC (formats 0 and 1), PREVENT ALLOW MEDIUM REMOVAL and
 * START STOP UNIT; any other packet ends in ILLEGAL REQUEST / invalid command operation code.
 * Data moves by PIO in blocks of at most one 2048-byte sector and the byte count limit, or by DMA.
 */
final class Atapi {
    static final int SECTOR = 2048;
    static final int PACKET_SIZE = 12;
    // sense keys and additional sense codes (SPC-3 4.5.6, MMC)
    static final int NO_SENSE = 0, NOT_READY = 2, ILLEGAL_REQUEST = 5, UNIT_ATTENTION = 6;
    static final int ASC_ILLEGAL_OPCODE = 0x20, ASC_LOGICAL_BLOCK_OOR = 0x21, ASC_INV_FIELD_IN_CMD_PACKET = 0x24,
            ASC_MEDIUM_NOT_PRESENT = 0x3A;
    /** Interrupt reason bits in the sector count register: C/D and I/O. */
    static final int REASON_CD = 0x01, REASON_IO = 0x02;
    static final String MODEL = "QEMU DVD-ROM";

    private final transient AtaDrive drive;
    int senseKey, asc;
    boolean dma;
    /** The sector being delivered (-1: a reply from the buffer), bytes left, bytes left in this DRQ block, the buffer index. */
    long lba = -1;
    int packetTransferSize, elementaryTransferSize, bufferIndex;
    boolean locked;

    Atapi(AtaDrive drive) { this.drive = drive; }

    void reset() {
        senseKey = asc = 0;
        dma = false;
        lba = -1;
        packetTransferSize = elementaryTransferSize = bufferIndex = 0;
        locked = false;
    }

    /** The number of 2048-byte sectors on the disc (0: no disc). */
    long discSectors() { return drive.present() ? drive.totalSectors() / 4 : 0; }

    /** The 12 bytes of a packet arrived in {@code buf}: runs it (QEMU's ide_atapi_cmd). */
    void command(byte[] buf) {
        int op = buf[0] & 0xFF;
        boolean needsMedium = op == 0x00 || op == 0x25 || op == 0x28 || op == 0xA8 || op == 0x43;
        if (needsMedium && discSectors() == 0) {
            error(NOT_READY, ASC_MEDIUM_NOT_PRESENT);
            return;
        }
        boolean nonData = op == 0x00 || op == 0x1E || op == 0x1B;
        boolean known = nonData || op == 0x03 || op == 0x12 || op == 0x25 || op == 0x28 || op == 0xA8 || op == 0x43;
        if (known && !nonData && !dma && byteCountLimit() == 0) { // a PIO data command needs a byte count limit
            drive.abortCommand();
            drive.raiseIrq();
            return;
        }
        switch (op) {
            case 0x00 -> ok(); // TEST UNIT READY: the medium check above is all
            case 0x03 -> requestSense(buf);
            case 0x12 -> inquiry(buf);
            case 0x1B -> ok(); // START STOP UNIT: no tray to move
            case 0x1E -> { locked = (buf[4] & 1) != 0; ok(); } // PREVENT ALLOW MEDIUM REMOVAL
            case 0x25 -> readCapacity(buf);
            case 0x28 -> read(buf, be16(buf, 7), be32(buf, 2));
            case 0xA8 -> read(buf, be32(buf, 6), be32(buf, 2));
            case 0x43 -> readToc(buf);
            default -> error(ILLEGAL_REQUEST, ASC_ILLEGAL_OPCODE);
        }
    }

    private int byteCountLimit() {
        int bcl = drive.lcyl | drive.hcyl << 8;
        return bcl == 0xFFFF ? 0xFFFE : bcl;
    }

    private static int be16(byte[] b, int i) { return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF; }

    private static long be32(byte[] b, int i) { return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF; }

    private static void putBe32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

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
        putBe32(buf, 0, discSectors() - 1); // the last sector's number
        putBe32(buf, 4, SECTOR);
        reply(8, 8);
    }

    private void read(byte[] buf, long count, long first) {
        if (count == 0) {
            ok();
            return;
        }
        long total = discSectors();
        if (first >= total || first + count - 1 >= total) {
            error(ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
            return;
        }
        lba = first;
        packetTransferSize = (int) Math.min(count * SECTOR, Integer.MAX_VALUE & ~(SECTOR - 1));
        elementaryTransferSize = 0;
        bufferIndex = SECTOR; // the first sector is still to be read
        if (dma) drive.startAtapiDma();
        else replyEnd();
    }

    private void readToc(byte[] buf) {
        int max = be16(buf, 7);
        int format = (buf[9] & 0xFF) >> 6;
        boolean msf = (buf[1] & 2) != 0;
        int startTrack = buf[6] & 0xFF;
        if (format == 1) { // multisession: one session
            java.util.Arrays.fill(buf, 0, 12, (byte) 0);
            buf[1] = 0x0A;
            buf[2] = 1;
            buf[3] = 1;
            reply(12, max);
            return;
        }
        if (format != 0 || startTrack > 1 && startTrack != 0xAA) {
            error(ILLEGAL_REQUEST, ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        int q = 2;
        buf[q++] = 1; // first track
        buf[q++] = 1; // last track
        if (startTrack <= 1) q = tocEntry(buf, q, 0x14, 1, 0, msf);
        q = tocEntry(buf, q, 0x16, 0xAA, discSectors(), msf); // the lead-out
        buf[0] = (byte) ((q - 2) >>> 8);
        buf[1] = (byte) (q - 2);
        reply(q, max);
    }

    private static int tocEntry(byte[] buf, int q, int control, int track, long lbaStart, boolean msf) {
        buf[q++] = 0;
        buf[q++] = (byte) control;
        buf[q++] = (byte) track;
        buf[q++] = 0;
        if (msf) {
            long l = lbaStart + 150;
            buf[q++] = 0;
            buf[q++] = (byte) (l / 75 / 60);
            buf[q++] = (byte) (l / 75 % 60);
            buf[q++] = (byte) (l % 75);
        } else {
            putBe32(buf, q, lbaStart);
            q += 4;
        }
        return q;
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
            if (lba != -1 && bufferIndex >= SECTOR) {
                drive.readCdSector(lba, 0);
                lba++;
                bufferIndex = 0;
            }
            int size;
            if (elementaryTransferSize > 0) {
                size = Math.min(SECTOR - bufferIndex, elementaryTransferSize);
            } else {
                drive.nsector = drive.nsector & ~7 | REASON_IO;
                drive.raiseIrq();
                int limit = byteCountLimit();
                size = packetTransferSize;
                if (size > limit) size = limit & ~1;
                drive.lcyl = size & 0xFF;
                drive.hcyl = size >>> 8 & 0xFF;
                elementaryTransferSize = size;
                if (lba != -1) size = Math.min(size, SECTOR - bufferIndex);
            }
            packetTransferSize -= size;
            elementaryTransferSize -= size;
            bufferIndex += size;
            drive.offerReply(bufferIndex - size, size);
            return; // the guest reads the block; its end brings us back here
        }
        ok();
    }

    /** The DMA phase: the reply or the sectors as one buffer (null when a sector cannot be read). */
    byte[] dmaData(byte[] ioBuffer) {
        if (lba == -1) return java.util.Arrays.copyOf(ioBuffer, packetTransferSize);
        byte[] data = new byte[packetTransferSize];
        for (int done = 0; done < data.length; done += SECTOR) {
            drive.readCdSector(lba++, 0);
            System.arraycopy(ioBuffer, 0, data, done, SECTOR);
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
