package i386mon.machine.devices;

/** What devices ask of the machine: reset (8042 0xFE, port 0x92), exit (isa-debug-exit), A20 gate. */
public interface MachineControl {
    /** A CPU reset request (the machine decides when to honour it, normally after the instruction). */
    void requestReset();

    /** Stops the machine with the given exit status (isa-debug-exit gives (v << 1) | 1). */
    void requestExit(int status);

    /** Opens (true) or closes (false) the A20 gate. */
    void setA20(boolean enabled);
}
