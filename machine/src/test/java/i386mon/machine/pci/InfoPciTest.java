package i386mon.machine.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code info pci} as QEMU 7.2 prints it: the fixture is QEMU's monitor output for {@code -M pc
 * -nic none -vga none} after SeaBIOS, the devices this board has.
 */
class InfoPciTest {
    @Test
    void theViewIsQemusTextForTheSameFunctions() throws Exception {
        String expected;
        try (InputStream in = InfoPciTest.class.getResourceAsStream("/i386mon/machine/pci/qemu-7.2-info-pci.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
        String actual = m.board().report("pci").lines().stream().map(l -> l.text() + "\n").collect(Collectors.joining());
        assertEquals(expected, actual);
    }

    @Test
    void anUnmappedBarShowsQemusAllOnesAddress() {
        Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
        m.devices().powerOnReset();
        String text = m.board().report("pci").lines().stream().map(l -> l.text()).collect(Collectors.joining("\n"));
        assertEquals(true, text.contains("      BAR4: I/O at 0xffffffffffffffff [0x000e]."), text);
    }
}
