package i386mon.machine.memory;

/** Told when a physical page holding cached decoded instructions is written. */
@FunctionalInterface
public interface CodeWriteListener {
    void codePageWritten(int pageAddress);
}
