package i386mon.machine.apic;

/**
 * One interrupt message on the APIC bus: delivery mode (the ICR's and redirection entries'
 * encoding, SDM 10.6.1), vector and trigger mode.
 */
record ApicMessage(int mode, int vector, boolean level) {
    static final int FIXED = 0, LOWEST_PRIORITY = 1, SMI = 2, NMI = 4, INIT = 5, STARTUP = 6, EXTINT = 7;
}
