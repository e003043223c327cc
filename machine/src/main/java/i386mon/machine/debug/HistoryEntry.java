package i386mon.machine.debug;

/**
 * One entry of the {@link History}: an executed instruction (its CS selector and linear
 * EIP), or a mark in between: an exception, hardware interrupt or INT n whose delivery was
 * attempted (vector, error code), or a load of CR3 (its new value in {@code value}); {@code cpu}
 * is the index of the CPU it happened on.
 */
public record HistoryEntry(Kind kind, int cs, int linearEip, int vector, int errorCode, boolean hasErrorCode, int value, int cpu) {
    public enum Kind { INSTRUCTION, EXCEPTION, INTERRUPT, SOFTWARE_INTERRUPT, CR3_LOAD }

    @Override
    public String toString() {
        switch (kind) {
            case INSTRUCTION: return String.format("%04x:%08x", cs, linearEip);
            case CR3_LOAD: return String.format("-- CR3 loaded: 0x%08x", value);
            case INTERRUPT: return String.format("-- hardware interrupt, vector 0x%x", vector);
            case SOFTWARE_INTERRUPT: return String.format("-- int 0x%x", vector);
            default:
                return String.format("-- exception %s (vector %d)%s", i386mon.machine.fault.CpuException.name(vector), vector,
                        hasErrorCode ? String.format(", error code 0x%x", errorCode) : "");
        }
    }
}
