package i386mon.machine.io;

/** A device on the port I/O bus. {@code size} is 1, 2 or 4 bytes; values are zero-extended. */
public interface IoDevice {
    int in(int port, int size);

    void out(int port, int size, int value);
}
