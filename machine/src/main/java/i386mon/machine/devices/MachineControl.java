package i386mon.machine.devices;

/** What devices ask of the machine: reset (8042 0xFE, port 0x92, 0xCF9), exit (isa-debug-exit), A20 gate. */
public interface MachineControl {
    /** A CPU reset request (the machine decides when to honour it, normally after the instruction). */
    void requestReset();

    /** A reset request made by writing {@code value} to {@code port} (0xCF9, 0x92, the 8042's 0x64 or 0x60), for the record. */
    default void requestReset(int port, int value) { requestReset(); }

    /** Stops the machine with the given exit status (isa-debug-exit gives (v << 1) | 1). */
    void requestExit(int status);

    /** A device access took {@code nanos} of virtual time: the clock moves on by that much (deterministically). */
    default void elapse(long nanos) { }

    /** Opens (true) or closes (false) the A20 gate. */
    void setA20(boolean enabled);
}
