package i386mon.machine.storage;

import static i386mon.machine.storage.AtaStatus.ABRT;
import static i386mon.machine.storage.AtaStatus.BSY;
import static i386mon.machine.storage.AtaStatus.DEV_HS;
import static i386mon.machine.storage.AtaStatus.DEV_LBA;
import static i386mon.machine.storage.AtaStatus.DRDY;
import static i386mon.machine.storage.AtaStatus.DRQ;
import static i386mon.machine.storage.AtaStatus.DSC;
import static i386mon.machine.storage.AtaStatus.ERR;

/**
 * One ATA hard disk position on a channel, with or without a disk in it: its copy of the task file,
 * its command execution and its PIO data buffer, following QEMU 7.2's hw/ide/core.c command by
 * command (so a guest sees the same registers and errors). Every command completes at once.
 */
final class AtaDrive {
    // ATA command codes (ATA/ATAPI-6 table 27; QEMU's names in brackets where they differ)
    static final int DEVICE_RESET = 0x08, PACKET = 0xA0, IDENTIFY_PACKET = 0xA1;
    static final int DATA_SET_MANAGEMENT = 0x06, RECALIBRATE = 0x10, READ_SECTORS = 0x20, READ_SECTORS_NR = 0x21, READ_SECTORS_EXT = 0x24,
            READ_DMA_EXT = 0x25, READ_NATIVE_MAX_EXT = 0x27, READ_MULTIPLE_EXT = 0x29, WRITE_SECTORS = 0x30,
            WRITE_SECTORS_NR = 0x31, WRITE_SECTORS_EXT = 0x34, WRITE_DMA_EXT = 0x35, WRITE_MULTIPLE_EXT = 0x39,
            WRITE_VERIFY = 0x3C, VERIFY = 0x40, VERIFY_NR = 0x41, VERIFY_EXT = 0x42, SEEK = 0x70,
            DIAGNOSE = 0x90, INITIALIZE_DEVICE_PARAMETERS = 0x91, CHECK_POWER_MODE2 = 0x98,
            READ_MULTIPLE = 0xC4, WRITE_MULTIPLE = 0xC5, SET_MULTIPLE = 0xC6, READ_DMA = 0xC8, READ_DMA_NR = 0xC9,
            WRITE_DMA = 0xCA, WRITE_DMA_NR = 0xCB, CHECK_POWER_MODE = 0xE5, FLUSH_CACHE = 0xE7, FLUSH_CACHE_EXT = 0xEA,
            IDENTIFY = 0xEC, SET_FEATURES = 0xEF, READ_NATIVE_MAX = 0xF8;

    /** What the end of the current PIO data block does (QEMU's end_transfer_func). */
    enum EndTransfer { STOP, DUMMY, SECTOR_READ, SECTOR_WRITE, ATAPI_PACKET, ATAPI_REPLY }

    /** A DMA command waiting for the bus master to start. */
    enum PendingDma { NONE, READ, WRITE, TRIM, ATAPI }

    private final transient DiskImage image;
    private final String serial;
    /** The disk's size in sectors (0 without a disk). */
    private final long totalSectors;
    private final transient AtaBus bus;
    /** 0 master, 1 slave. */
    private final int unit;
    /** A CD-ROM drive (with or without a disc in it) rather than a hard disk position. */
    private final boolean cdrom;
    private final Atapi atapi = new Atapi(this);
    /** SMART's state: kept across resets, as QEMU keeps it for the drive's life. */
    private final Smart smart = new Smart();

    // task file (the "hob" copies hold the previous write, LBA48's high-order bytes)
    int feature, error, nsector, sector, lcyl, hcyl;
    int hobFeature, hobNsector, hobSector, hobLcyl, hobHcyl;
    int select;
    int status;
    boolean lba48;
    /** The current CHS translation: INITIALIZE DEVICE PARAMETERS changes heads and sectors. */
    int cylinders, heads, sectors;
    int multSectors;
    int reqNbSectors;
    /** IDENTIFY's words are built once and then kept (SET FEATURES edits them), as QEMU does. */
    boolean identifySet;
    private final int[] identify = new int[IdentifyData.WORDS];
    private final byte[] ioBuffer = new byte[IdentifyData.MAX_MULT_SECTORS * DiskImage.SECTOR];
    int dataPtr, dataEnd;
    EndTransfer endTransfer = EndTransfer.STOP;
    PendingDma pendingDma = PendingDma.NONE;
    /** For info ide: the last command the drive accepted (-1: none) and the bytes it moved. */
    int lastCommand = -1;
    long pioBytes, dmaBytes, sectorsRead, sectorsWritten;

    /** A position with {@code image} (null: empty) whose serial number is {@code serial}. */
    AtaDrive(DiskImage image, String serial, int unit, AtaBus bus) {
        this(image, false, serial, unit, bus);
    }

    /** A CD-ROM drive when {@code cdrom} ({@code image} the disc, or null for none), else a disk position. */
    AtaDrive(DiskImage image, boolean cdrom, String serial, int unit, AtaBus bus) {
        this.cdrom = cdrom;
        this.unit = unit;
        this.image = image;
        this.serial = serial;
        this.bus = bus;
        this.totalSectors = image == null ? 0 : image.sectors();
        DiskGeometry g = image == null || cdrom ? new DiskGeometry(0, 0, 0) : DiskGeometry.guess(firstSector(image), totalSectors);
        cylinders = g.cylinders();
        heads = g.heads();
        sectors = g.sectors();
        reset();
    }

    private static byte[] firstSector(DiskImage image) {
        byte[] b = new byte[DiskImage.SECTOR];
        image.read(0, b, 0, 1);
        return b;
    }

    /** A disk image (or a disc) is there. */
    boolean present() { return image != null; }

    /** A device answers at this position: a disk, or a CD-ROM drive even when empty (QEMU's blk). */
    boolean exists() { return image != null || cdrom; }

    boolean cdrom() { return cdrom; }

    /** The guest locked the tray (PREVENT ALLOW MEDIUM REMOVAL). */
    boolean atapiLocked() { return atapi.locked; }

    /** The guest ejected the disc (START STOP UNIT): the tray is open. */
    boolean atapiTrayOpen() { return atapi.trayOpen; }

    DiskImage image() { return image; }

    String serial() { return serial; }

    long totalSectors() { return totalSectors; }

    // ---- reset and signature

    /** Power-on or software reset of the drive's registers (ide_reset). */
    void reset() {
        multSectors = IdentifyData.MAX_MULT_SECTORS;
        feature = error = nsector = sector = lcyl = hcyl = 0;
        hobFeature = hobNsector = hobSector = hobLcyl = hobHcyl = 0;
        select = 0xA0;
        status = DRDY | DSC;
        lba48 = false;
        reqNbSectors = 0;
        pendingDma = PendingDma.NONE;
        atapi.reset();
        setSignature();
        endTransfer = EndTransfer.DUMMY;
        dummyTransferStop();
    }

    /** The signature a reset or EXECUTE DEVICE DIAGNOSTIC leaves: 01/01/00/00 for a disk, ff/ff without one. */
    void setSignature() {
        select &= ~DEV_HS;
        nsector = 1;
        sector = 1;
        if (cdrom) {
            lcyl = 0x14; // the packet device signature
            hcyl = 0xEB;
        } else {
            lcyl = hcyl = present() ? 0 : 0xFF;
        }
    }

    /** Software reset through SRST: registers reset, then the diagnostic's result (ide_perform_srst). */
    void softwareReset() {
        reset();
        diagnose();
    }

    // ---- command execution (the channel has already dropped commands an absent slave or a busy drive may not take)

    void execute(int cmd) {
        lastCommand = cmd;
        if (cdrom ? !packetDeviceTakes(cmd) : !implemented(cmd)) {
            abortCommand();
            bus.raiseIrq();
            return;
        }
        status = DRDY | BSY;
        error = 0;
        if (run(cmd)) {
            status &= ~BSY;
            if (setsSeekComplete(cmd) && error == 0) status |= DSC;
            bus.raiseIrq();
        }
    }

    /** Runs {@code cmd}; true when it completed (the caller raises the IRQ), false when it continues or raised its own. */
    private boolean run(int cmd) {
        if (cdrom) return runPacketDevice(cmd);
        switch (cmd) {
            case IDENTIFY: return identify();
            case READ_SECTORS, READ_SECTORS_NR, READ_SECTORS_EXT: return readPio(cmd == READ_SECTORS_EXT, 1);
            case READ_MULTIPLE, READ_MULTIPLE_EXT: return readPio(cmd == READ_MULTIPLE_EXT, multSectors);
            case WRITE_SECTORS, WRITE_SECTORS_NR, WRITE_SECTORS_EXT, WRITE_VERIFY: return writePio(cmd == WRITE_SECTORS_EXT, 1);
            case WRITE_MULTIPLE, WRITE_MULTIPLE_EXT: return writePio(cmd == WRITE_MULTIPLE_EXT, multSectors);
            case READ_DMA, READ_DMA_NR, READ_DMA_EXT: return startDma(cmd == READ_DMA_EXT, PendingDma.READ);
            case WRITE_DMA, WRITE_DMA_NR, WRITE_DMA_EXT: return startDma(cmd == WRITE_DMA_EXT, PendingDma.WRITE);
            case SET_MULTIPLE: return setMultiple();
            case DATA_SET_MANAGEMENT: return trim();
            case Smart.COMMAND: return smart();
            case FLUSH_CACHE, FLUSH_CACHE_EXT: return flush();
            case SET_FEATURES: return setFeatures();
            case INITIALIZE_DEVICE_PARAMETERS: return specify();
            case VERIFY, VERIFY_NR, VERIFY_EXT:
                lba48Transform(cmd == VERIFY_EXT); // QEMU checks no range here
                return true;
            case READ_NATIVE_MAX, READ_NATIVE_MAX_EXT: return readNativeMax(cmd == READ_NATIVE_MAX_EXT);
            case CHECK_POWER_MODE, CHECK_POWER_MODE2:
                nsector = 0xFF; // active or idle
                return true;
            case DIAGNOSE:
                diagnose();
                return false;
            default: return true; // RECALIBRATE, SEEK, the standby/idle/sleep commands: nothing to do
        }
    }

    /** The ATA commands a packet device takes (QEMU's CD_OK and ALL_OK); the rest is aborted. */
    private static boolean packetDeviceTakes(int cmd) {
        return switch (cmd) {
            case DEVICE_RESET, READ_SECTORS, DIAGNOSE, PACKET, IDENTIFY_PACKET, FLUSH_CACHE, IDENTIFY, SET_FEATURES -> true;
            default -> false;
        };
    }

    private boolean runPacketDevice(int cmd) {
        switch (cmd) {
            case IDENTIFY, READ_SECTORS:
                setSignature(); // a packet device answers these with its signature (ATA/ATAPI-4 8.27.5.2)
                abortCommand();
                return true;
            case IDENTIFY_PACKET:
                if (!identifySet) {
                    IdentifyData.fillPacket(identify, serial);
                    identifySet = true;
                }
                IdentifyData.toBytes(identify, ioBuffer);
                status = DRDY | DSC;
                transferStart(DiskImage.SECTOR, EndTransfer.STOP);
                bus.raiseIrq();
                return false;
            case PACKET:
                if ((feature & 0x02) != 0) { // overlapped commands are not supported
                    abortCommand();
                    return true;
                }
                status = DRDY | DSC;
                atapi.dma = (feature & 1) != 0;
                nsector = 1; // interrupt reason: command packet expected
                transferStart(Atapi.PACKET_SIZE, EndTransfer.ATAPI_PACKET);
                return false;
            case DEVICE_RESET:
                reset();
                status = 0;
                return false;
            case DIAGNOSE:
                diagnose();
                return false;
            case FLUSH_CACHE: return flush();
            default: return setFeatures();
        }
    }

    /** The commands a hard disk takes; anything else is aborted (ATA/ATAPI-6 6.2.1). */
    private static boolean implemented(int cmd) {
        return switch (cmd) {
            case DATA_SET_MANAGEMENT, RECALIBRATE, READ_SECTORS, READ_SECTORS_NR, READ_SECTORS_EXT, READ_DMA_EXT, READ_NATIVE_MAX_EXT, READ_MULTIPLE_EXT,
                    WRITE_SECTORS, WRITE_SECTORS_NR, WRITE_SECTORS_EXT, WRITE_DMA_EXT, WRITE_MULTIPLE_EXT, WRITE_VERIFY,
                    VERIFY, VERIFY_NR, VERIFY_EXT, SEEK, DIAGNOSE, INITIALIZE_DEVICE_PARAMETERS,
                    0x94, 0x95, 0x96, 0x97, CHECK_POWER_MODE2, 0x99, READ_MULTIPLE, WRITE_MULTIPLE, SET_MULTIPLE,
                    Smart.COMMAND, READ_DMA, READ_DMA_NR, WRITE_DMA, WRITE_DMA_NR, 0xE0, 0xE1, 0xE2, 0xE3, CHECK_POWER_MODE, 0xE6,
                    FLUSH_CACHE, FLUSH_CACHE_EXT, IDENTIFY, SET_FEATURES, READ_NATIVE_MAX -> true;
            default -> false;
        };
    }

    /** QEMU's SET_DSC flag: these set DSC in the status when they complete without error. */
    private static boolean setsSeekComplete(int cmd) {
        return switch (cmd) {
            case RECALIBRATE, READ_NATIVE_MAX_EXT, VERIFY, VERIFY_NR, VERIFY_EXT, SEEK, INITIALIZE_DEVICE_PARAMETERS,
                    CHECK_POWER_MODE2, Smart.COMMAND, SET_MULTIPLE, CHECK_POWER_MODE, SET_FEATURES, READ_NATIVE_MAX -> true;
            default -> false;
        };
    }

    void abortCommand() {
        transferStop();
        status = DRDY | ERR;
        error = ABRT;
    }

    private boolean identify() {
        if (!present()) {
            abortCommand();
            return true;
        }
        if (!identifySet) {
            IdentifyData.fill(identify, serial, totalSectors, cylinders, heads, sectors, multSectors);
            identifySet = true;
        }
        IdentifyData.toBytes(identify, ioBuffer);
        status = DRDY | DSC;
        transferStart(DiskImage.SECTOR, EndTransfer.STOP);
        return true;
    }

    /** SMART B0h: the subcommand runs; a data page is offered by PIO with an interrupt, like IDENTIFY's. */
    private boolean smart() {
        switch (smart.run(feature, sector, hcyl << 8 | lcyl, ioBuffer, c -> { hcyl = c >>> 8; lcyl = c & 0xFF; })) {
            case ABORT:
                abortCommand();
                return true;
            case DATA:
                status = DRDY | DSC;
                transferStart(DiskImage.SECTOR, EndTransfer.STOP);
                bus.raiseIrq();
                return false;
            default:
                return true;
        }
    }

    /** EXECUTE DEVICE DIAGNOSTIC: the signature, "device 0 passed, device 1 passed or absent" (error 01), an IRQ. */
    private void diagnose() {
        setSignature();
        error = 0x01;
        if (cdrom) {
            status = 0; // packet devices leave DRDY clear and raise no interrupt (ATAPI, 9.10)
            return;
        }
        status = DRDY | DSC;
        bus.raiseIrq();
    }

    private boolean specify() {
        if (!present()) {
            abortCommand();
            return true;
        }
        heads = (select & DEV_HS) + 1;
        sectors = nsector;
        bus.raiseIrq();
        return true;
    }

    private boolean readNativeMax(boolean ext) {
        if (totalSectors == 0) {
            abortCommand();
            return true;
        }
        lba48Transform(ext);
        setSector(totalSectors - 1);
        return true;
    }

    private boolean setMultiple() {
        if (nsector > IdentifyData.MAX_MULT_SECTORS || (nsector & (nsector - 1)) != 0) {
            abortCommand();
        } else {
            multSectors = nsector & 0xFF;
            status = DRDY | DSC;
        }
        return true;
    }

    private boolean flush() {
        if (cdrom && !present()) { // no medium to flush: QEMU's flush fails and aborts
            abortCommand();
            return true;
        }
        if (present()) image.flush();
        status = DRDY | DSC;
        return true;
    }

    private boolean setFeatures() {
        if (!present()) {
            abortCommand();
            return true;
        }
        switch (feature) {
            case 0x02: // write cache enable
                identify[85] = 1 << 14 | 1 << 5 | 1;
                return true;
            case 0x82: // write cache disable: what was cached is flushed
                identify[85] = 1 << 14 | 1;
                return flush();
            case 0xCC, 0x66, 0xAA, 0x55, 0x05, 0x85, 0x69, 0x67, 0x96, 0x9A, 0x42, 0xC2:
                return true; // accepted, nothing to model
            case 0x03:
                return setTransferMode();
            default:
                abortCommand();
                return true;
        }
    }

    /** SET FEATURES 03h: the mode in the sector count selects which DMA mode IDENTIFY shows as active. */
    private boolean setTransferMode() {
        int mode = 1 << ((nsector & 7) + 8);
        switch (nsector >> 3) {
            case 0x00, 0x01 -> setDmaWords(0x07, 0x07, 0x3F);
            case 0x02 -> setDmaWords(0x07 | mode, 0x07, 0x3F);
            case 0x04 -> setDmaWords(0x07, 0x07 | mode, 0x3F);
            case 0x08 -> setDmaWords(0x07, 0x07, 0x3F | mode);
            default -> abortCommand();
        }
        return true;
    }

    private void setDmaWords(int singleWord, int multiWord, int ultra) {
        identify[62] = singleWord;
        identify[63] = multiWord;
        identify[88] = ultra;
    }

    // ---- addressing

    /** The 0-means-maximum sector count, widened to one number (ide_cmd_lba48_transform). */
    private void lba48Transform(boolean ext) {
        lba48 = ext;
        if (!ext) {
            if (nsector == 0) nsector = 256;
        } else if (nsector == 0 && hobNsector == 0) {
            nsector = 65536;
        } else {
            nsector = hobNsector << 8 | nsector & 0xFF;
        }
    }

    /** The sector the task file addresses: LBA48, LBA28 or CHS (ide_get_sector). */
    long currentSector() {
        if ((select & DEV_LBA) != 0) {
            if (lba48) {
                return (long) hobHcyl << 40 | (long) hobLcyl << 32 | (long) hobSector << 24 | (long) hcyl << 16 | (long) lcyl << 8 | sector;
            }
            return (long) (select & DEV_HS) << 24 | (long) hcyl << 16 | (long) lcyl << 8 | sector;
        }
        return ((long) (hcyl << 8 | lcyl)) * heads * sectors + (long) (select & DEV_HS) * sectors + (sector - 1);
    }

    /** Writes {@code n} back into the task file in the current addressing mode (ide_set_sector). */
    private void setSector(long n) {
        if ((select & DEV_LBA) != 0) {
            if (lba48) {
                sector = (int) (n & 0xFF);
                lcyl = (int) (n >>> 8 & 0xFF);
                hcyl = (int) (n >>> 16 & 0xFF);
                hobSector = (int) (n >>> 24 & 0xFF);
                hobLcyl = (int) (n >>> 32 & 0xFF);
                hobHcyl = (int) (n >>> 40 & 0xFF);
            } else {
                select = select & ~DEV_HS | (int) (n >>> 24 & DEV_HS);
                hcyl = (int) (n >>> 16 & 0xFF);
                lcyl = (int) (n >>> 8 & 0xFF);
                sector = (int) (n & 0xFF);
            }
        } else if (heads != 0 && sectors != 0) {
            long perCylinder = (long) heads * sectors;
            long cyl = n / perCylinder, r = n % perCylinder;
            hcyl = (int) (cyl >>> 8 & 0xFF);
            lcyl = (int) (cyl & 0xFF);
            select = select & ~DEV_HS | (int) (r / sectors & DEV_HS);
            sector = (int) (r % sectors + 1);
        }
    }

    private boolean rangeOk(long first, long count) {
        return first >= 0 && first <= totalSectors && count <= totalSectors - first;
    }

    // ---- PIO

    private boolean readPio(boolean ext, int perBlock) {
        if (!present() || perBlock == 0) {
            abortCommand();
            return true;
        }
        lba48Transform(ext);
        reqNbSectors = perBlock;
        sectorRead();
        return false;
    }

    /** Reads the next block of sectors into the buffer and offers it (ide_sector_read); at the end, stops. */
    private void sectorRead() {
        status = DRDY | DSC;
        error = 0;
        long first = currentSector();
        int n = Math.min(nsector, reqNbSectors);
        if (nsector == 0) {
            transferStop();
            return;
        }
        if (!rangeOk(first, n)) {
            abortCommand();
            bus.raiseIrq();
            return;
        }
        image.read(first, ioBuffer, 0, n);
        sectorsRead += n;
        bus.transferred(unit, false, first, n);
        setSector(first + n);
        nsector -= n;
        transferStart(n * DiskImage.SECTOR, EndTransfer.SECTOR_READ);
        bus.raiseIrq();
    }

    private boolean writePio(boolean ext, int perBlock) {
        if (!present() || perBlock == 0) {
            abortCommand();
            return true;
        }
        lba48Transform(ext);
        reqNbSectors = perBlock;
        status = DSC | DRDY;
        transferStart(Math.min(nsector, reqNbSectors) * DiskImage.SECTOR, EndTransfer.SECTOR_WRITE);
        return false;
    }

    /** The guest filled the buffer: writes it and asks for the next block, an IRQ after each (ide_sector_write). */
    private void sectorWrite() {
        status = DRDY | DSC | BSY;
        long first = currentSector();
        int n = Math.min(nsector, reqNbSectors);
        if (!rangeOk(first, n)) {
            abortCommand();
            bus.raiseIrq();
            return;
        }
        image.write(first, ioBuffer, 0, n);
        sectorsWritten += n;
        bus.transferred(unit, true, first, n);
        status &= ~BSY;
        nsector -= n;
        setSector(first + n);
        if (nsector == 0) transferStop();
        else transferStart(Math.min(nsector, reqNbSectors) * DiskImage.SECTOR, EndTransfer.SECTOR_WRITE);
        bus.raiseIrq();
    }

    private void transferStart(int bytes, EndTransfer then) {
        dataPtr = 0;
        dataEnd = bytes;
        endTransfer = then;
        status |= DRQ;
    }

    /** Offers {@code size} bytes of the buffer from {@code start} as a packet command's PIO data. */
    void offerReply(int start, int size) {
        dataPtr = start;
        dataEnd = start + size;
        endTransfer = EndTransfer.ATAPI_REPLY;
        status |= DRQ;
    }

    /** Reads 2048-byte sector {@code lba} of the disc into the buffer at {@code offset}. */
    void readCdSector(long lba, int offset) {
        image.read(lba * 4, ioBuffer, offset, 4);
        sectorsRead++;
        bus.transferred(unit, false, lba, 1);
    }

    /** The PIO data buffer, where packets arrive and replies are built. */
    byte[] buffer() { return ioBuffer; }

    int bufferSize() { return ioBuffer.length; }

    void raiseIrq() { bus.raiseIrq(); }

    void transferStop() {
        endTransfer = EndTransfer.STOP;
        dataPtr = dataEnd = 0;
        status &= ~DRQ;
    }

    private void dummyTransferStop() {
        dataPtr = dataEnd = 0;
        ioBuffer[0] = ioBuffer[1] = ioBuffer[2] = ioBuffer[3] = (byte) 0xFF;
    }

    /** Data flows from the drive to the host in the current transfer (QEMU's ide_is_pio_out). */
    private boolean dataIn() { return endTransfer != EndTransfer.SECTOR_WRITE && endTransfer != EndTransfer.ATAPI_PACKET; }

    /** A 2- or 4-byte read of the data register: the next bytes of the block, 0 when there is none. */
    int readData(int size) {
        if ((status & DRQ) == 0 || !dataIn() || dataPtr + size > dataEnd) return 0;
        int v = 0;
        for (int i = 0; i < size; i++) v |= (ioBuffer[dataPtr + i] & 0xFF) << (8 * i);
        dataPtr += size;
        pioBytes += size;
        if (dataPtr >= dataEnd) blockDone();
        return v;
    }

    /** A 2- or 4-byte write of the data register: into the block being filled, ignored otherwise. */
    void writeData(int size, int value) {
        if ((status & DRQ) == 0 || dataIn() || dataPtr + size > dataEnd) return;
        for (int i = 0; i < size; i++) ioBuffer[dataPtr + i] = (byte) (value >>> (8 * i));
        dataPtr += size;
        pioBytes += size;
        if (dataPtr >= dataEnd) blockDone();
    }

    private void blockDone() {
        status &= ~DRQ;
        switch (endTransfer) {
            case SECTOR_READ -> sectorRead();
            case SECTOR_WRITE -> sectorWrite();
            case ATAPI_PACKET -> atapi.command(ioBuffer);
            case ATAPI_REPLY -> atapi.replyEnd();
            case DUMMY -> dummyTransferStop();
            default -> transferStop();
        }
    }

    // ---- DMA

    /**
     * DATA SET MANAGEMENT with the TRIM bit: the guest's range list arrives by DMA and is dropped,
     * as QEMU's default (discard=ignore) drops it; the sectors keep their contents.
     */
    private boolean trim() {
        if (!present() || feature != 0x01) {
            abortCommand();
            return true;
        }
        lba48Transform(true); // the count of 512-byte range blocks is a 16-bit value
        status = DRDY | DSC | DRQ;
        pendingDma = PendingDma.TRIM;
        bus.dmaReady();
        return false;
    }

    private boolean startDma(boolean ext, PendingDma direction) {
        if (!present()) {
            abortCommand();
            return true;
        }
        lba48Transform(ext);
        status = DRDY | DSC | DRQ;
        pendingDma = direction;
        bus.dmaReady();
        return false;
    }

    boolean dmaPending() { return pendingDma != PendingDma.NONE; }

    /** A packet command's data goes by DMA: it waits for the bus master. */
    void startAtapiDma() {
        status = DRDY | DSC | DRQ;
        pendingDma = PendingDma.ATAPI;
        bus.dmaReady();
    }

    /**
     * Moves the whole request between the disk and the memory the PRD table describes (ide_dma_cb):
     * out of range aborts with an IRQ; a table too short for it ends the transfer with no IRQ.
     */
    void runDma(BusMasterPort bm) {
        boolean read = pendingDma == PendingDma.READ, trim = pendingDma == PendingDma.TRIM;
        if (pendingDma == PendingDma.ATAPI) {
            pendingDma = PendingDma.NONE;
            runAtapiDma(bm);
            return;
        }
        pendingDma = PendingDma.NONE;
        long first = currentSector();
        int n = nsector;
        if (!trim && !rangeOk(first, n)) {
            abortCommand();
            bm.finished();
            bus.raiseIrq();
            return;
        }
        byte[] data = new byte[n * DiskImage.SECTOR];
        if (read) image.read(first, data, 0, n);
        if (!bm.transfer(data, data.length, read)) {
            status = DRDY | DSC;
            bm.finished();
            return;
        }
        dmaBytes += data.length;
        if (trim) {
            nsector = 0;
            status = DRDY | DSC;
            bus.raiseIrq();
            if (!bm.tableLongerThanTransfer()) bm.finished();
            return;
        }
        if (!read) image.write(first, data, 0, n);
        if (read) sectorsRead += n;
        else sectorsWritten += n;
        bus.transferred(unit, !read, first, n);
        setSector(first + n);
        nsector = 0;
        status = DRDY | DSC;
        bus.raiseIrq();
        if (!bm.tableLongerThanTransfer()) bm.finished();
    }

    private void runAtapiDma(BusMasterPort bm) {
        byte[] data = atapi.dmaData(ioBuffer);
        if (data == null) { // a sector past the disc: the command failed with its sense data and interrupt
            bm.finished();
            return;
        }
        if (!bm.transfer(data, data.length, true)) {
            status = DRDY | DSC; // the table was too short: no interrupt
            bm.finished();
            return;
        }
        dmaBytes += data.length;
        atapi.dmaDone();
        bm.finished();
    }

    /** A copy of the IDENTIFY words last built (zeros before the first IDENTIFY). */
    int[] identifyWords() { return identify.clone(); }
}
