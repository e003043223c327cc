package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.boot.FirmwareRom;
import i386mon.machine.debug.StopReason;
import i386mon.machine.pci.StdVgaFunction;
import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SeaBIOS, with the std VGA and its VGA BIOS as a user gets them, booting the bootsector image from
 * a disk (#15: firmware to boot sector fast): only its hot loops are compiled, and compiled blocks
 * change nothing the guest sees.
 */
class FirmwareBootTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsSeaBios() {
        Assumptions.assumeTrue(Files.isReadable(Path.of(FirmwareRom.SEABIOS)), "SeaBIOS not installed (apt-get install seabios): skipped");
    }

    private record Boot(List<String> serial, long compiledBlocks) { }

    /** The serial bytes, each with the instruction count it was written at, and the stop. */
    private Boot boot(boolean compiler) throws IOException {
        byte[] disk = new byte[1 << 20];
        byte[] sector = RealModeImages.bytes("bootsector.bin");
        System.arraycopy(sector, 0, disk, 0, sector.length);
        Path image = Files.write(dir.resolve("disk.img"), disk);
        List<String> serial = new ArrayList<>();
        Machine[] holder = new Machine[1];
        StorageConfig storage = StorageConfig.none().withDrive(new DriveSpec(0, image, DriveMedia.DISK, false));
        Machine m = new Machine(MachineConfig.defaults().withSerial(b -> serial.add(holder[0].cpu().retired() + ":" + (char) b)).withStorage(storage));
        holder[0] = m;
        try {
            m.cpu().setCompilerEnabled(compiler);
            Path vgaBios = Path.of(StdVgaFunction.VGA_BIOS);
            if (Files.isReadable(vgaBios)) m.devices().plugStdVga(Files.readAllBytes(vgaBios));
            m.powerOn(Files.readAllBytes(Path.of(FirmwareRom.SEABIOS)));
            StopReason r = m.run(100_000_000L);
            serial.add(r.kind() + " " + r.exitStatus() + " " + m.cpu().retired() + " " + m.clock().nanos());
            return new Boot(serial, m.cpu().compiledBlocks());
        } finally {
            m.debugTarget().close();
        }
    }

    @Test
    void seabiosReachesTheBootSectorCompilingOnlyItsHotLoops() throws IOException {
        Boot b = boot(true);
        StringBuilder text = new StringBuilder();
        for (String s : b.serial()) text.append(s.charAt(s.length() - 1));
        assertTrue(text.toString().contains("bootsector: done"), String.join(" ", b.serial()));
        assertTrue(b.serial().get(b.serial().size() - 1).startsWith("EXIT 1 "), b.serial().get(b.serial().size() - 1));
        // a block compiled after 64 passes made 369 (HotSpot's work on them cost more than they saved)
        assertTrue(b.compiledBlocks() > 0 && b.compiledBlocks() < 100, "compiled blocks: " + b.compiledBlocks());
    }

    @Test
    void compiledBlocksChangeNothingTheFirmwareSees() throws IOException {
        // Same serial bytes at the same instruction counts, same stop, same virtual time.
        assertEquals(boot(false).serial(), boot(true).serial());
    }
}
