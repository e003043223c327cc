package i386mon.machine.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.memory.PhysicalMemory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** QEMU's std VGA function: its BARs as SeaBIOS programs them and what each decodes. */
class StdVgaFunctionTest {
    /** A ROM the size of vgabios-stdvga.bin, which QEMU's ROM BAR rounds up to 64 KiB. */
    private static final byte[] ROM = java.util.Arrays.copyOf(new byte[] {0x55, (byte) 0xAA, 0x4E, (byte) 0xE9, 1, 2, 3}, 39936);
    private final Machine m = new Machine(MachineConfig.defaults().withRam(4 << 20));
    private final PhysicalMemory mem = m.memory();

    private int config(int offset) {
        m.devices().pci().out(PciHost.ADDRESS_PORT, 4, 0x8000_0000 | 2 << 11 | offset);
        return m.devices().pci().in(PciHost.DATA_PORT, 4);
    }

    private void setConfig(int offset, int value) {
        m.devices().pci().out(PciHost.ADDRESS_PORT, 4, 0x8000_0000 | 2 << 11 | offset);
        m.devices().pci().out(PciHost.DATA_PORT, 4, value);
    }

    @Test
    void withoutStdVgaSlotTwoIsEmpty() {
        assertNull(m.devices().stdVga());
        assertEquals(-1, config(0));
    }

    @Test
    void infoPciIsQemusTextForDashVgaStd() throws Exception {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/i386mon/machine/pci/qemu-7.2-info-pci-vga-std.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        m.devices().plugStdVga(ROM);
        String actual = m.board().report("pci").lines().stream().map(l -> l.text() + "\n").collect(Collectors.joining());
        assertEquals(expected, actual);
    }

    @Test
    void idsClassAndRevisionAreQemus() {
        m.devices().plugStdVga(ROM);
        assertEquals(0x1111_1234, config(0x00));
        assertEquals(0x0300_0002, config(0x08));
    }

    @Test
    void theFramebufferBarIsTheVideoRam() {
        m.devices().plugStdVga(ROM);
        mem.write32(0xFD00_0000L + 0x100000, 0xCAFEF00D);
        assertEquals(0xF00D, m.devices().vga().videoMemory().byteAt(0x100000) | m.devices().vga().videoMemory().byteAt(0x100001) << 8);
        assertEquals(0xCAFEF00D, mem.read32(0xFD00_0000L + 0x100000));
    }

    @Test
    void theRegisterBarReachesTheVgaPortsAndTheVbeRegisters() {
        m.devices().plugStdVga(ROM);
        long bar2 = BiosPciSetup.VGA_REGISTERS & 0xFFFF_FFFFL;
        assertEquals(0xB0C5, mem.read16(bar2 + 0x500));
        assertEquals(256, mem.read16(bar2 + 0x500 + 2 * 0x0A));
        assertEquals(0x67, mem.read8(bar2 + 0x400 + 0x0C)); // misc output, 0x3CC
        assertEquals(8, mem.read32(bar2 + 0x600));
        assertEquals(0x1E1E1E1E, mem.read32(bar2 + 0x604));
    }

    @Test
    void theExpansionRomDecodesWhereTheFirmwareEnablesIt() {
        m.devices().plugStdVga(ROM);
        setConfig(PciFunction.ROM_ADDRESS, 0xFFFF_FFFE);
        assertEquals(0xFFFF_0000, config(PciFunction.ROM_ADDRESS)); // 64 KiB, as QEMU rounds the file up
        setConfig(PciFunction.ROM_ADDRESS, 0xFEBE_0001);
        assertEquals(0xAA55, mem.read16(0xFEBE_0000L));
        assertEquals(3, mem.read8(0xFEBE_0006L));
        setConfig(PciFunction.ROM_ADDRESS, 0xFEBE_0000);
        assertEquals(0xFFFF, mem.read16(0xFEBE_0000L));
    }

    @Test
    void theVbePortsDecodeOnlyWithTheFunction() {
        assertEquals(0xFFFF, m.io().in(0x1CF, 2) & 0xFFFF);
        m.devices().plugStdVga(ROM);
        m.io().out(0x1CE, 2, 0);
        assertEquals(0xB0C5, m.io().in(0x1CF, 2));
    }
}
