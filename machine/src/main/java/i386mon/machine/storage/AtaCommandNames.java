package i386mon.machine.storage;

/** Names of the ATA commands, for the monitor. */
final class AtaCommandNames {
    private AtaCommandNames() { }

    static String name(int cmd) {
        return switch (cmd) {
            case AtaDrive.DATA_SET_MANAGEMENT -> "DATA SET MANAGEMENT";
            case AtaDrive.RECALIBRATE -> "RECALIBRATE";
            case AtaDrive.DEVICE_RESET -> "DEVICE RESET";
            case AtaDrive.PACKET -> "PACKET";
            case AtaDrive.IDENTIFY_PACKET -> "IDENTIFY PACKET DEVICE";
            case AtaDrive.READ_SECTORS, AtaDrive.READ_SECTORS_NR -> "READ SECTORS";
            case AtaDrive.READ_SECTORS_EXT -> "READ SECTORS EXT";
            case AtaDrive.READ_DMA_EXT -> "READ DMA EXT";
            case AtaDrive.READ_NATIVE_MAX_EXT -> "READ NATIVE MAX ADDRESS EXT";
            case AtaDrive.READ_MULTIPLE_EXT -> "READ MULTIPLE EXT";
            case AtaDrive.WRITE_SECTORS, AtaDrive.WRITE_SECTORS_NR -> "WRITE SECTORS";
            case AtaDrive.WRITE_SECTORS_EXT -> "WRITE SECTORS EXT";
            case AtaDrive.WRITE_DMA_EXT -> "WRITE DMA EXT";
            case AtaDrive.WRITE_MULTIPLE_EXT -> "WRITE MULTIPLE EXT";
            case AtaDrive.WRITE_VERIFY -> "WRITE VERIFY";
            case AtaDrive.VERIFY, AtaDrive.VERIFY_NR -> "READ VERIFY SECTORS";
            case AtaDrive.VERIFY_EXT -> "READ VERIFY SECTORS EXT";
            case AtaDrive.SEEK -> "SEEK";
            case AtaDrive.DIAGNOSE -> "EXECUTE DEVICE DIAGNOSTIC";
            case AtaDrive.INITIALIZE_DEVICE_PARAMETERS -> "INITIALIZE DEVICE PARAMETERS";
            case AtaDrive.READ_MULTIPLE -> "READ MULTIPLE";
            case AtaDrive.WRITE_MULTIPLE -> "WRITE MULTIPLE";
            case AtaDrive.SET_MULTIPLE -> "SET MULTIPLE MODE";
            case AtaDrive.READ_DMA, AtaDrive.READ_DMA_NR -> "READ DMA";
            case AtaDrive.WRITE_DMA, AtaDrive.WRITE_DMA_NR -> "WRITE DMA";
            case AtaDrive.CHECK_POWER_MODE, AtaDrive.CHECK_POWER_MODE2 -> "CHECK POWER MODE";
            case AtaDrive.FLUSH_CACHE -> "FLUSH CACHE";
            case AtaDrive.FLUSH_CACHE_EXT -> "FLUSH CACHE EXT";
            case AtaDrive.IDENTIFY -> "IDENTIFY DEVICE";
            case AtaDrive.SET_FEATURES -> "SET FEATURES";
            case AtaDrive.READ_NATIVE_MAX -> "READ NATIVE MAX ADDRESS";
            case Smart.COMMAND -> "SMART";
            case 0xE0, 0x94 -> "STANDBY IMMEDIATE";
            case 0xE1, 0x95 -> "IDLE IMMEDIATE";
            case 0xE2, 0x96 -> "STANDBY";
            case 0xE3, 0x97 -> "IDLE";
            case 0xE6, 0x99 -> "SLEEP";
            default -> "(not implemented: aborted)";
        };
    }
}
