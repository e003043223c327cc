package i386mon.machine.devices;

/** Receives the bytes a device transmits (UART output, port 0xE9 debug console). */
@FunctionalInterface
public interface SerialSink {
    /** Called once per byte, {@code b} in 0..255. */
    void write(int b);
}
