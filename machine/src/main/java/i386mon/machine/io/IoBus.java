package i386mon.machine.io;

import java.util.function.IntConsumer;

/**
 * The 64 KiB port space. Each port maps to at most one device; a multi-byte access to a port that
 * a device registered is given to that device whole (as the PC's devices decode it). Unknown ports
 * read all ones and ignore writes; the first access to each is reported once.
 */
public final class IoBus {
    private final IoDevice[] devices = new IoDevice[0x10000];
    private final boolean[] reported = new boolean[0x10000];
    private IntConsumer unknownPortListener = port -> { };

    /** Registers {@code dev} for ports {@code first .. first+count-1}. */
    public void register(int first, int count, IoDevice dev) {
        for (int p = first; p < first + count; p++) devices[p & 0xFFFF] = dev;
    }

    public IoDevice deviceAt(int port) { return devices[port & 0xFFFF]; }

    /** Called once per unknown port, the first time the guest touches it. */
    public void setUnknownPortListener(IntConsumer l) { this.unknownPortListener = l; }

    public int in(int port, int size) {
        port &= 0xFFFF;
        IoDevice d = devices[port];
        if (d != null) return d.in(port, size) & mask(size);
        unknown(port);
        return mask(size);
    }

    public void out(int port, int size, int value) {
        port &= 0xFFFF;
        IoDevice d = devices[port];
        if (d != null) { d.out(port, size, value & mask(size)); return; }
        unknown(port);
    }

    private void unknown(int port) {
        if (!reported[port]) {
            reported[port] = true;
            unknownPortListener.accept(port);
        }
    }

    private static int mask(int size) {
        return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFF_FFFF;
    }
}
