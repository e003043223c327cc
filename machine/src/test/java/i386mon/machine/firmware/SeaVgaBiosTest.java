package i386mon.machine.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.board.Report;
import i386mon.machine.pci.StdVgaFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SeaBIOS finds the std VGA's ROM, runs SeaVGABIOS, and its messages reach the text screen. */
class SeaVgaBiosTest {
    @Test
    void theBannerAndTheBootMessagesShowInInfoVga() throws Exception {
        Path vgaBios = Path.of(StdVgaFunction.VGA_BIOS);
        assumeTrue(Files.isReadable(SeaBios.IMAGE) && Files.isReadable(vgaBios), "SeaBIOS or its VGA BIOS not installed: skipped");
        Machine m = new Machine(MachineConfig.defaults());
        m.devices().plugStdVga(Files.readAllBytes(vgaBios));
        m.powerOn(Files.readAllBytes(SeaBios.IMAGE));
        for (long n = 0; n < SeaBios.BUDGET && !m.devices().firmwareLog().text().contains(SeaBios.NOTHING_BOOTS); n += 100_000) m.run(100_000);
        String log = m.devices().firmwareLog().text();
        assertTrue(log.contains("Start SeaVGABIOS") && log.contains("set VGA mode 3"), log);
        List<String> screen = m.board().report("vga").lines().stream().map(Report.Line::text).toList();
        assertTrue(screen.get(0).startsWith("SeaBIOS (version "), screen.get(0));
        assertTrue(screen.contains("No bootable device."), String.join("\n", screen));
        assertEquals(0x03, m.memory().read8(0x449)); // the BIOS data area's video mode
    }
}
