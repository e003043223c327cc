package i386mon.machine.debug;

/**
 * One exception of a fault chain (e.g. #PF -> #DF -> shutdown): its vector and name, its error
 * code (-1 when it has none) and what happened to it, e.g. why its delivery failed.
 */
public record ChainStep(int vector, String name, int errorCode, String detail) {
    @Override
    public String toString() {
        return name + (errorCode >= 0 ? String.format("(0x%x)", errorCode) : "") + ": " + detail;
    }
}
