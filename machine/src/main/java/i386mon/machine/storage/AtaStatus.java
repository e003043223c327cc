package i386mon.machine.storage;

/** Bits of the ATA status and error registers (ATA/ATAPI-6, 7.15 and 7.9). */
final class AtaStatus {
    static final int BSY = 0x80, DRDY = 0x40, DF = 0x20, DSC = 0x10, DRQ = 0x08, CORR = 0x04, IDX = 0x02, ERR = 0x01;
    /** Error register: command aborted, ID not found. */
    static final int ABRT = 0x04, IDNF = 0x10;
    /** Device/head register: LBA mode, always-one bits, device 1 selected, head / LBA 27:24. */
    static final int DEV_LBA = 0x40, DEV_ALWAYS_ON = 0xA0, DEV_SELECT = 0x10, DEV_HS = 0x0F;
    /** Device control register: nIEN, SRST, HOB. */
    static final int CTRL_NIEN = 0x02, CTRL_SRST = 0x04, CTRL_HOB = 0x80;

    private AtaStatus() { }
}
