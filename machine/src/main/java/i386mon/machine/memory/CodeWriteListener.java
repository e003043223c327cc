package i386mon.machine.memory;

/** Told when a physical page flagged as holding cached decoded instructions is written. */
@FunctionalInterface
public interface CodeWriteListener {
    /**
     * {@code size} bytes at {@code paddr} (all within one page) are being written. Returns true if
     * the page still holds cached code afterwards (keep reporting writes to it), false to unflag it.
     */
    boolean codeWritten(int paddr, int size);
}
