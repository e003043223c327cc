package i386mon.machine.storage;

/**
 * A hard disk's SMART feature set (ATA/ATAPI-6 8.41; command B0h, the subcommand in the features
 * register, the key 4Fh/C2h in the cylinder registers) as QEMU 7.2's cmd_smart models it: enable
 * and disable, attribute autosave, RETURN STATUS (never a threshold exceeded), READ DATA and READ
 * ATTRIBUTE THRESHOLDS with QEMU's seven attributes, EXECUTE OFF-LINE IMMEDIATE (every test passes
 * at once and is logged) and READ LOG (summary error log 01h, self-test log 06h). The state lives
 * as long as the drive: a reset does not clear it (QEMU sets it when it creates the drive).
 */
final class Smart {
    static final int COMMAND = 0xB0;
    static final int READ_DATA = 0xD0, READ_THRESHOLDS = 0xD1, ATTRIBUTE_AUTOSAVE = 0xD2, EXECUTE_OFFLINE = 0xD4,
            READ_LOG = 0xD5, ENABLE = 0xD8, DISABLE = 0xD9, RETURN_STATUS = 0xDA;
    static final int KEY_LOW = 0x4F, KEY_HIGH = 0xC2;
    /** RETURN STATUS's cylinder registers when a threshold was exceeded (never, here). */
    static final int EXCEEDED_LOW = 0xF4, EXCEEDED_HIGH = 0x2C;
    /** Self-test log entries before the log wraps (21 of 24 bytes each). */
    private static final int SELF_TEST_ENTRIES = 21, ENTRY = 24;

    /** Id, flags (2 bytes), value, worst, raw value (6 bytes), threshold: QEMU's table, after a Seagate ST3500418AS. */
    private static final int[][] ATTRIBUTES = {
        { 0x01, 0x03, 0x00, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06 }, // raw read error rate
        { 0x03, 0x03, 0x00, 0x64, 0x64, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, // spin-up time
        { 0x04, 0x02, 0x00, 0x64, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14 }, // start/stop count
        { 0x05, 0x03, 0x00, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x24 }, // reallocated sectors
        { 0x09, 0x03, 0x00, 0x64, 0x64, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, // power-on hours
        { 0x0C, 0x03, 0x00, 0x64, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, // power cycles
        { 190, 0x03, 0x00, 0x45, 0x45, 0x1F, 0x00, 0x1F, 0x1F, 0x00, 0x00, 0x32 },  // airflow temperature
    };

    boolean enabled = true;
    boolean autosave = true;
    /** The self-tests run so far (1-21, wrapping) and their log entries. */
    int selfTests;
    final byte[] selfTestLog = new byte[512];

    /** What a SMART command did: completed, aborted, or completed with a 512-byte block to read. */
    enum Outcome { DONE, ABORT, DATA }

    /**
     * Runs subcommand {@code feature} with the task file's {@code sector} and cylinder registers
     * ({@code cyl} as hcyl:lcyl; RETURN STATUS rewrites it through {@code setCyl}); a data block
     * goes into {@code buf}.
     */
    Outcome run(int feature, int sector, int cyl, byte[] buf, java.util.function.IntConsumer setCyl) {
        if (cyl != (KEY_HIGH << 8 | KEY_LOW)) return Outcome.ABORT;
        if (!enabled && feature != ENABLE) return Outcome.ABORT;
        switch (feature) {
            case DISABLE -> enabled = false;
            case ENABLE -> enabled = true;
            case ATTRIBUTE_AUTOSAVE -> {
                if (sector == 0x00) autosave = false;
                else if (sector == 0xF1) autosave = true;
                else return Outcome.ABORT;
            }
            case RETURN_STATUS -> setCyl.accept(KEY_HIGH << 8 | KEY_LOW); // no threshold exceeded
            case READ_THRESHOLDS -> {
                page(buf);
                for (int n = 0; n < ATTRIBUTES.length; n++) {
                    buf[2 + n * 12] = (byte) ATTRIBUTES[n][0];
                    buf[2 + n * 12 + 1] = (byte) ATTRIBUTES[n][11];
                }
                return checksummed(buf);
            }
            case READ_DATA -> {
                page(buf);
                for (int n = 0; n < ATTRIBUTES.length; n++) {
                    for (int i = 0; i < 11; i++) buf[2 + n * 12 + i] = (byte) ATTRIBUTES[n][i];
                }
                buf[362] = (byte) (0x02 | (autosave ? 0x80 : 0)); // off-line data collection status
                buf[363] = selfTests == 0 ? 0 : selfTestLog[3 + (selfTests - 1) * ENTRY]; // the last self-test's status
                buf[364] = 0x20; // seconds to complete off-line collection
                buf[365] = 0x01;
                buf[367] = 1 << 4 | 1 << 3 | 1; // off-line capability: execute immediate, self-tests
                buf[368] = 0x03; // SMART capability: saves data before power-saving, supports autosave
                buf[369] = 0x00;
                buf[370] = 0x01; // error logging supported
                buf[372] = 0x02; // short self-test: minutes
                buf[373] = 0x36; // extended self-test: minutes
                buf[374] = 0x01; // conveyance self-test: minutes
                return checksummed(buf);
            }
            case READ_LOG -> {
                if (sector == 0x01) { // summary error log: no errors
                    page(buf);
                } else if (sector == 0x06) { // self-test log
                    page(buf);
                    if (selfTests != 0) {
                        buf[508] = (byte) selfTests;
                        System.arraycopy(selfTestLog, 2, buf, 2, 504);
                    }
                } else {
                    return Outcome.ABORT;
                }
                return checksummed(buf);
            }
            case EXECUTE_OFFLINE -> {
                if (sector > 2) return Outcome.ABORT; // off-line routine, short or extended self-test
                selfTests = selfTests % SELF_TEST_ENTRIES + 1;
                int at = 2 + (selfTests - 1) * ENTRY;
                selfTestLog[at] = (byte) sector;
                selfTestLog[at + 1] = 0x00; // completed without error
                selfTestLog[at + 2] = 0x34; // power-on hours at the test
                selfTestLog[at + 3] = 0x12;
            }
            default -> {
                return Outcome.ABORT;
            }
        }
        return Outcome.DONE;
    }

    /** A cleared 512-byte page with data structure revision 1. */
    private static void page(byte[] buf) {
        java.util.Arrays.fill(buf, 0, 512, (byte) 0);
        buf[0] = 0x01;
    }

    /** The last byte makes the page's bytes sum to zero (ATA/ATAPI-6 8.41.5.8.11). */
    private static Outcome checksummed(byte[] buf) {
        int sum = 0;
        for (int i = 0; i < 511; i++) sum += buf[i];
        buf[511] = (byte) -sum;
        return Outcome.DATA;
    }
}
