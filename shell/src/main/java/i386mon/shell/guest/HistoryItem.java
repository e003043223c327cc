package i386mon.shell.guest;

/**
 * One entry of the instruction history: an executed instruction at {@code linearEip}, or a mark
 * in between (an exception with its error code or -1, a hardware interrupt, an INT n, or a CR3
 * load of {@code value}).
 */
public record HistoryItem(Kind kind, int cs, int linearEip, int vector, int errorCode, int value) {
    public enum Kind { INSTRUCTION, EXCEPTION, INTERRUPT, SOFTWARE_INTERRUPT, CR3_LOAD }
}
