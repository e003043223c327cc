package i386mon.machine.debug;

/**
 * One entry of the {@link History}: an executed instruction (its CS selector and linear
 * EIP), or a mark in between: an exception, hardware interrupt or INT n whose delivery was
 * attempted (vector, error code), a load of CR3 (its new value in {@code value}), or a disk
 * transfer (IDE position 0-3 in {@code vector}, sectors in {@code errorCode}, the first sector's
 * low 32 bits in {@code value}), or a system reset the guest asked for (the port in {@code value},
 * the byte written in {@code errorCode}); {@code cpu} is the index of the CPU it happened on.
 */
public record HistoryEntry(Kind kind, int cs, int linearEip, int vector, int errorCode, boolean hasErrorCode, int value, int cpu) {
    public enum Kind { INSTRUCTION, EXCEPTION, INTERRUPT, SOFTWARE_INTERRUPT, CR3_LOAD, DISK_READ, DISK_WRITE, RESET }

    /** A disk mark's text: "disk read ide0 master: 3 sectors at 0x10". */
    public String diskText() {
        return String.format("-- disk %s ide%d %s: %d sector%s at 0x%x", kind == Kind.DISK_READ ? "read" : "write", vector / 2,
                vector % 2 == 0 ? "master" : "slave", errorCode, errorCode == 1 ? "" : "s", value & 0xFFFF_FFFFL);
    }

    /** A reset mark's text: "-- system reset: the guest wrote 0x06 to port 0xcf9 (PIIX reset control)". */
    public static String resetText(int port, int value) {
        String how = switch (port) {
            case 0xCF9 -> "PIIX reset control";
            case 0x92 -> "fast reset";
            case 0x64 -> "8042: pulse the reset line";
            case 0x60 -> "8042 output port: reset line low";
            default -> "reset";
        };
        return String.format("-- system reset: the guest wrote 0x%02x to port 0x%x (%s)", value & 0xFF, port & 0xFFFF, how);
    }

    @Override
    public String toString() {
        switch (kind) {
            case INSTRUCTION: return String.format("%04x:%08x", cs, linearEip);
            case CR3_LOAD: return String.format("-- CR3 loaded: 0x%08x", value);
            case INTERRUPT: return String.format("-- hardware interrupt, vector 0x%x", vector);
            case SOFTWARE_INTERRUPT: return String.format("-- int 0x%x", vector);
            case DISK_READ, DISK_WRITE: return diskText();
            case RESET: return resetText(value, errorCode);
            default:
                return String.format("-- exception %s (vector %d)%s", i386mon.machine.fault.CpuException.name(vector), vector,
                        hasErrorCode ? String.format(", error code 0x%x", errorCode) : "");
        }
    }
}
