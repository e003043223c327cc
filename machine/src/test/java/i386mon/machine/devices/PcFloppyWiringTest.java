package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.floppy.FloppyImage;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DMA pair and the floppy controller on the PC board: CMOS and BIOS data area bytes, ports, views. */
class PcFloppyWiringTest {
    private final IoBus bus = new IoBus();
    private final PhysicalMemory mem = new PhysicalMemory(16 << 20);
    private final PcDevices pc = new PcDevices(bus, new VirtualClock(), mem, new RecordingControl(), PcDevices.Options.defaults());

    @TempDir
    Path dir;

    private FloppyImage image(String name, int size) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, new byte[size]);
        return FloppyImage.open(p, false);
    }

    @Test
    void withoutDiskettesCmosAndTheEquipmentWordClaimNoFloppy() {
        pc.powerOnBiosState(mem);
        assertEquals(0x00, pc.rtc().peek(0x10));
        assertEquals(0x00, pc.rtc().peek(0x14) & 0x41);
        assertEquals(0, mem.read16(0x410) & 0xC1);
    }

    @Test
    void anEmptyDriveARecordsQemusFallbackType() {
        pc.attachEmptyFloppyDrive(0);
        pc.powerOnBiosState(mem);
        assertEquals(0x50, pc.rtc().peek(0x10)); // 2.88 MB, as QEMU without -fda (BiosStateDifferentialTest)
        assertEquals(0x01, pc.rtc().peek(0x14) & 0x41);
        assertEquals(0x01, mem.read16(0x410) & 0xC1);
    }

    @Test
    void anEmptyDriveABesideADisketteInBCountsTwoDrives() throws Exception {
        pc.attachEmptyFloppyDrive(0);
        pc.insertFloppy(1, image("b.img", 1_474_560));
        pc.powerOnBiosState(mem);
        assertEquals(0x54, pc.rtc().peek(0x10));
        assertEquals(0x41, mem.read16(0x410) & 0xC1);
    }

    @Test
    void aDisketteInDriveARecordsA144DriveAsQemuDoes() throws Exception {
        pc.insertFloppy(0, image("a.img", 1_474_560));
        pc.powerOnBiosState(mem);
        assertEquals(0x40, pc.rtc().peek(0x10));
        assertEquals(0x01, pc.rtc().peek(0x14) & 0x41);
        assertEquals(0x01, mem.read16(0x410) & 0xC1);
    }

    @Test
    void aDisketteInsertedAfterPowerOnStillShowsInTheEquipmentWord() throws Exception {
        pc.powerOnBiosState(mem);
        pc.insertFloppy(0, image("a.img", 1_474_560));
        assertEquals(0x01, mem.read16(0x410) & 0xC1);
        assertEquals(0x0422, mem.read16(0x410) & ~0xC1); // x87, 80x25 colour, two serial ports: untouched
    }

    @Test
    void twoDrivesRecordBothTypesAndTheCount() throws Exception {
        pc.insertFloppy(0, image("a.img", 737_280));
        pc.insertFloppy(1, image("b.img", 2_949_120));
        pc.powerOnBiosState(mem);
        assertEquals(0x45, pc.rtc().peek(0x10));
        assertEquals(0x41, pc.rtc().peek(0x14) & 0x41);
        assertEquals(0x41, mem.read16(0x410) & 0xC1);
        assertEquals(0x00, bus.in(0x3F0, 1) & 0x40); // SRA: a second drive is there
    }

    @Test
    void thePostCodePortStillWorksBesideThePageRegisters() {
        bus.out(0x80, 1, 0x55);
        bus.out(0x81, 1, 0x12);
        assertEquals(0x55, pc.systemPorts().postCode());
        assertEquals(0x12, bus.in(0x81, 1));
    }

    @Test
    void theBiosLeavesTheDmaChannelsMaskedButTheCascade() {
        pc.powerOnBiosState(mem);
        for (int ch = 0; ch < 8; ch++) assertEquals(ch != 4, pc.dma().masked(ch), "channel " + ch);
    }

    @Test
    void dmaAndFdcOfferTheirViews() {
        assertTrue(PcDevices.viewTopics().stream().anyMatch(t -> t.name().equals("dma")));
        assertTrue(PcDevices.viewTopics().stream().anyMatch(t -> t.name().equals("fdc")));
        assertFalse(pc.board().report("fdc").lines().isEmpty());
        assertEquals(8, pc.board().report("dma").lines().size());
    }
}
