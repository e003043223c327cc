package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of a QEMU run's status and serial output, without QEMU. */
class QemuRunnerResultTest {

    @Test
    void debugExitCodeUndoesQemusShiftAndOr() {
        assertEquals(0x10, new QemuRunner.Result(33, false, "").debugExitCode());
        assertEquals(0x12, new QemuRunner.Result(37, false, "").debugExitCode());
    }

    @Test
    void ordinaryQemuExitOrTimeoutHasNoDebugExitCode() {
        assertEquals(-1, new QemuRunner.Result(0, false, "").debugExitCode());
        assertEquals(-1, new QemuRunner.Result(1, false, "").debugExitCode());
        assertEquals(-1, new QemuRunner.Result(-1, true, "").debugExitCode());
    }

    @Test
    void linesStartAtTheBannerWithoutFirmwareNoiseCarriageReturnsOrEscapes() {
        String serial = "\u001b[2J\u001b[0mSeaBIOS\r\nBooting from ROM..i386mon demo kernel\r\npit: 100 Hz\r\n\r\n";
        assertEquals(List.of("i386mon demo kernel", "pit: 100 Hz"), new QemuRunner.Result(33, false, serial).lines());
    }

    @Test
    void findMatchesWholeLinesAndExposesGroups() {
        QemuRunner.Result r = new QemuRunner.Result(33, false, "i386mon demo kernel\nstale-tlb: before=0x1 after=0x2\n");
        assertEquals("0x2", r.find("stale-tlb: before=(0x\\d) after=(0x\\d)").orElseThrow().group(2));
        assertTrue(r.find("before=.*").isEmpty());
    }
}
