package i386mon.machine.devices;

import i386mon.machine.io.IoDevice;
import java.util.function.LongSupplier;

/**
 * The ACPI power management timer the FADT names (PM_TMR_BLK at port 0x608 on QEMU's PIIX4): a
 * free-running 24-bit counter at 3.579545 MHz (ACPI 1.0, 4.7.3.3), counted in virtual time, so a
 * kernel that calibrates its clock with it gets the same numbers every run. QEMU's FADT does not
 * set TMR_VAL_EXT, so the value wraps at 2^24. Reads of a byte or word return the bytes at their
 * offset; writes are ignored (the register is read-only). The timer decodes at the PIIX4 power
 * management function's I/O base + 8 ({@link i386mon.machine.pci.Piix4Pm} maps it where the
 * firmware puts that base), so a register's byte is the port's low two bits.
 */
public final class AcpiPmTimer implements IoDevice {
    /** Where QEMU's firmware puts it: PM base 0x600 + 8. */
    public static final int PORT = 0x608;
    public static final long HZ = 3_579_545;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * What one read of the counter costs in virtual time. A read crosses the PCI bus to the PIIX4,
     * about a microsecond on a real PC. Firmware waits by polling this counter (SeaBIOS's delays
     * and its waits for a device's interrupt): with reads that cost nothing, each virtual
     * millisecond of waiting would be a million instructions of polling.
     */
    public static final long READ_NANOS = 1_000;

    private final LongSupplier nanos;
    private final java.util.function.LongConsumer elapse;

    /** A timer whose reads cost no time. */
    public AcpiPmTimer(LongSupplier nanos) { this(nanos, ns -> { }); }

    /** A timer whose reads make {@link #READ_NANOS} of virtual time pass through {@code elapse}, after the value is taken. */
    public AcpiPmTimer(LongSupplier nanos, java.util.function.LongConsumer elapse) {
        this.nanos = nanos;
        this.elapse = elapse;
    }

    /** The counter at virtual time {@code t} ns: ticks of 3.579545 MHz since power-on, modulo 2^24. */
    static int value(long t) {
        long ticks = t / NANOS_PER_SECOND * HZ + t % NANOS_PER_SECOND * HZ / NANOS_PER_SECOND; // no overflow for any long t
        return (int) (ticks & 0xFF_FFFF);
    }

    @Override
    public int in(int port, int size) {
        int v = value(nanos.getAsLong()) >>> ((port & 3) * 8);
        elapse.accept(READ_NANOS);
        return size == 4 ? v : v & (size == 2 ? 0xFFFF : 0xFF);
    }

    @Override
    public void out(int port, int size, int value) { }
}
