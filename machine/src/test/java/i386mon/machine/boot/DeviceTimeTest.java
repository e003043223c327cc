package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import i386mon.machine.Machine;
import org.junit.jupiter.api.Test;

/**
 * A device sees the virtual time of the instruction that accesses it, not the time its run slice
 * began: a guest reading the PIT's count after a thousand instructions reads the same count
 * whether the machine runs to there in one slice or a step at a time (as a debugger's steps, or a
 * reverse execution's replay in other pieces, run it).
 */
class DeviceTimeTest {
    private static final int[] READ_PIT_AFTER_A_LOOP = {
        0xB9, 0xE8, 0x03,                       // mov $1000, %cx
        0xE2, 0xFE,                             // 1: loop 1b
        0xB0, 0x00, 0xE6, 0x43,                 // latch channel 0
        0xE4, 0x40, 0x88, 0xC3,                 // in $0x40, %al ; mov %al, %bl
        0xE4, 0x40, 0x88, 0xC7,                 // in $0x40, %al ; mov %al, %bh
        0x89, 0x1E, 0x00, 0x06,                 // mov %bx, 0x600
        0xB0, 0x00, 0xE6, 0xF4, 0xF4};          // exit 0

    private static int countRead(boolean stepped) {
        Machine m = GuestSectors.booted(READ_PIT_AFTER_A_LOOP);
        GuestSectors.runToExit(m, stepped, 100_000);
        return m.memory().read16(0x600) & 0xFFFF;
    }

    @Test
    void aCountReadInOneSliceIsTheCountReadWhenSteppedThere() {
        int stepped = countRead(true);
        assertNotEquals(0, stepped, "the BIOS state's 18.2 Hz channel 0 counts down from 65536");
        assertEquals(stepped, countRead(false));
    }
}
