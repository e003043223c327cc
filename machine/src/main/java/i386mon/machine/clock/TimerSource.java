package i386mon.machine.clock;

/** A device whose state changes with virtual time (PIT, RTC, UART transmit timing ...). */
public interface TimerSource {
    /** Virtual time in ns at which this source next needs {@link #advanceTo}; MAX_VALUE if never. */
    long nextEventNanos();

    /** Updates the device to virtual time {@code nanos}; it may raise IRQs. */
    void advanceTo(long nanos);
}
