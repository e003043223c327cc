package i386mon.machine.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.machine.Machine;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's SeaBIOS (the firmware QEMU 7.2 runs) through its whole POST to the boot attempt, read from its 0x402 log. */
class SeaBiosBootTest {
    private static Machine machine;
    private static String log;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(Files.isReadable(SeaBios.IMAGE), "SeaBIOS not installed (apt-get install seabios): skipped");
        machine = SeaBios.bootToFailure();
        log = machine.devices().firmwareLog().text();
    }

    @Test
    void itFindsTheQemuPlatformAndFwCfg() {
        assertTrue(log.contains("Running on QEMU (i440fx)\nFound QEMU fw_cfg\nQEMU fw_cfg DMA interface supported\n"), log);
        assertTrue(log.contains("qemu/e820: addr 0x0000000000000000 len 0x0000000008000000 [RAM]\n"), log);
    }

    @Test
    void itShadowsItselfAndRelocatesItsInitCode() {
        assertTrue(log.contains("Relocating init from 0x000d48c0 to 0x06feb320 (size 85056)\n"), log);
    }

    @Test
    void itProbesAndProgramsThePciFunctions() {
        assertTrue(log.contains("Found 4 PCI devices (max PCI bus is 00)\n"), log);
        assertTrue(log.contains("PCI: map device bdf=00:01.1  bar 4, addr 0000c000, size 00000010 [io]\n"), log);
        assertTrue(log.contains("PIIX3/PIIX4 init: elcr=00 0c\n"), log);
        assertEquals(0xC000, machine.devices().ide().barAddress(4));
    }

    @Test
    void theTableLoaderMovesThePmBaseAndTheAcpiTablesAreFound() {
        assertTrue(log.contains("Moving pm_base to 0x600\n"), log);
        assertTrue(log.contains("Using pmtimer, ioport 0x608\n"), log);
        assertTrue(log.contains("ACPI: parse DSDT at 0x07fe0040"), log);
    }

    @Test
    void itReachesItsBootAttemptsAndGivesUp() {
        assertTrue(log.contains("enter handle_19:\n"), log);
        assertTrue(log.contains("Booting from Hard Disk...\n"), log);
        assertTrue(log.strip().endsWith(SeaBios.NOTHING_BOOTS), log);
    }

    @Test
    void theMonitorShowsTheLogLineByLine() {
        List<String> lines = machine.board().report("firmware-log").lines().stream().map(l -> l.text()).toList();
        assertEquals("SeaBIOS (version 1.16.2-debian-1.16.2-1)", lines.get(0));
        assertEquals(SeaBios.NOTHING_BOOTS, lines.get(lines.size() - 1));
    }

    @Test
    void aSnapshotAfterThePostRestoresTheChipsetAndTheLog() {
        var snap = machine.snapshots().capture();
        String pci = String.join("\n", machine.board().report("pci").lines().stream().map(l -> l.text()).toList());
        int shadowed = machine.memory().read32(0xF0000);
        machine.devices().powerOnReset();
        machine.snapshots().restore(snap);
        assertEquals(pci, String.join("\n", machine.board().report("pci").lines().stream().map(l -> l.text()).toList()));
        assertEquals(shadowed, machine.memory().read32(0xF0000));
        assertEquals(log, machine.devices().firmwareLog().text());
    }

    @Test
    void infoPciShowsTheBarSeaBiosProgrammed() {
        List<String> lines = machine.board().report("pci").lines().stream().map(l -> l.text()).toList();
        assertTrue(lines.contains("      BAR4: I/O at 0xc000 [0xc00f]."), String.join("\n", lines));
        assertTrue(lines.contains("      IRQ 9, pin A"), String.join("\n", lines));
    }
}
