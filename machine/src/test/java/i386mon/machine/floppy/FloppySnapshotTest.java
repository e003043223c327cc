package i386mon.machine.floppy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** savevm/loadvm on a machine with a -snapshot diskette: the guest's writes in the overlay come back as saved. */
class FloppySnapshotTest {
    @TempDir Path dir;

    @Test
    void aMachineSnapshotRestoresTheDiskettesOverlay() throws Exception {
        Path img = Files.write(dir.resolve("a.img"), new byte[FdcRig.SIZE_144]);
        Machine m = new Machine(MachineConfig.defaults());
        try {
            m.devices().insertFloppy(0, FloppyImage.open(img, false, true));
            FloppyImage disk = m.devices().floppy().drive(0).image();
            byte[] s = new byte[512];
            java.util.Arrays.fill(s, (byte) 0x11);
            disk.write(4, s);
            Snapshot saved = m.debugTarget().snapshots().capture();
            java.util.Arrays.fill(s, (byte) 0x22);
            disk.write(4, s);
            m.debugTarget().snapshots().restore(saved);
            disk.read(4, s);
            assertEquals(0x11, s[0]);
            assertEquals(0, Files.readAllBytes(img)[4 * 512], "the file is never written");
        } finally {
            m.debugTarget().close();
        }
    }
}
