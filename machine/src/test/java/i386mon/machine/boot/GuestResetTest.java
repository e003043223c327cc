package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.HistoryEntry;
import i386mon.machine.debug.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A guest's reset request restarts the machine as under QEMU; with -no-reboot it stops the run. */
class GuestResetTest {
    /**
     * Counts its boots in CMOS byte 0x7E and in RAM at 0x500000, resets through 0xCF9 until the
     * third boot, then writes the RAM count to isa-debug-exit.
     */
    private static byte[] kernel() {
        byte[] code = {
            (byte) 0xB0, 0x7E, (byte) 0xE6, 0x70, (byte) 0xE4, 0x71, (byte) 0xFE, (byte) 0xC0, // count = CMOS[0x7E] + 1
            (byte) 0x88, (byte) 0xC3, (byte) 0xB0, 0x7E, (byte) 0xE6, 0x70, (byte) 0x88, (byte) 0xD8, (byte) 0xE6, 0x71,
            (byte) 0xFE, 0x05, 0x00, 0x00, 0x50, 0x00,                   // incb 0x500000
            (byte) 0x80, (byte) 0xFB, 0x03, 0x73, 0x08,                  // cmp $3, %bl; jae exit
            0x66, (byte) 0xBA, (byte) 0xF9, 0x0C, (byte) 0xB0, 0x06, (byte) 0xEE, (byte) 0xF4, // outb 6 to 0xcf9; hlt
            (byte) 0xA0, 0x00, 0x00, 0x50, 0x00, (byte) 0xE6, (byte) 0xF4, (byte) 0xF4}; // exit: out [0x500000] to 0xf4
        return new TestElfBuilder().entry(0x10000C)
                .segment(".text", 0x100000, TestElfBuilder.concat(
                        TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_MEMORY_INFO), code), 0x1000).build();
    }

    private static Machine booted() {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(kernel(), "k.elf", "", List.of());
        return m;
    }

    @Test
    void aResetStartsTheKernelAgainWithRamAndCmosKept() {
        StopReason s = booted().run(1_000_000);
        assertEquals(StopReason.Kind.EXIT, s.kind(), s.description());
        assertEquals(3 << 1 | 1, s.exitStatus());
    }

    @Test
    void eachResetIsMarkedInTheHistory() {
        Machine m = booted();
        m.debugger().setHistory(1000);
        m.run(1_000_000);
        List<String> marks = new ArrayList<>();
        for (HistoryEntry e : m.debugger().history().last(1000)) if (e.kind() == HistoryEntry.Kind.RESET) marks.add(e.toString());
        assertEquals(List.of("-- system reset: the guest wrote 0x06 to port 0xcf9 (PIIX reset control)",
                "-- system reset: the guest wrote 0x06 to port 0xcf9 (PIIX reset control)"), marks);
    }

    @Test
    void theResetListenerHearsOfEachResetBeforeIt() {
        Machine m = booted();
        List<Long> at = new ArrayList<>();
        m.debugger().setResetListener(text -> at.add(m.cpu().retired()));
        m.run(1_000_000);
        assertEquals(2, at.size());
    }

    @Test
    void noRebootStopsAtTheFirstRequestWithTheStateKept() {
        Machine m = booted();
        m.debugger().setStopOnGuestReset(true);
        StopReason s = m.run(1_000_000);
        assertEquals(StopReason.Kind.RESET, s.kind());
        assertEquals(1, m.memory().read8(0x500000));
        assertTrue(m.cpu().eip() > 0x100000, "stopped where the guest asked, not at the entry again");
    }
}
