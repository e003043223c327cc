package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;

/** Tests' guests as boot sectors: a few bytes of real-mode code at 0x7C00, run to their isa-debug-exit. */
final class GuestSectors {
    private GuestSectors() { }

    /** A machine that has loaded {@code code} as its boot sector (the rest zeros, then the 0x55AA signature). */
    static Machine booted(int... code) {
        byte[] sector = new byte[512];
        for (int i = 0; i < code.length; i++) sector[i] = (byte) code[i];
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        Machine m = new Machine(MachineConfig.defaults());
        m.bootSector(sector);
        return m;
    }

    /** Runs {@code m} to the guest's exit, in one run of at most {@code budget} instructions or a step at a time. */
    static void runToExit(Machine m, boolean stepped, long budget) {
        StopReason r;
        if (stepped) {
            do r = m.step(); while (r.kind() == StopReason.Kind.BUDGET);
        } else {
            r = m.run(budget);
        }
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description());
    }
}
