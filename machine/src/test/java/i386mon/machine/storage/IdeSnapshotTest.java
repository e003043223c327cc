package i386mon.machine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** savevm/loadvm on a machine with disks: the IDE registers, the DMA block and a -snapshot disk's contents come back. */
class IdeSnapshotTest {
    @TempDir Path dir;

    @Test
    void aMachineSnapshotRestoresTheOverlayAndTheTaskFile() throws IOException {
        Path img = IdeRig.patterned(dir, "a.img", 64);
        Machine m = new Machine(MachineConfig.defaults().withStorage(
                new StorageConfig(List.of(new DriveSpec(0, img, DriveMedia.DISK, false), new DriveSpec(2, null, DriveMedia.CDROM, true)), true, null)));
        try {
            var io = m.debugTarget();
            io.out(0x1F6, 1, 0xE0);
            io.out(0x1F2, 1, 1);
            io.out(0x1F3, 1, 9);
            io.out(0x1F4, 1, 0);
            io.out(0x1F5, 1, 0);
            io.out(0x1F7, 1, AtaDrive.WRITE_SECTORS);
            for (int i = 0; i < 256; i++) io.out(0x1F0, 2, 0x1111);
            Snapshot saved = m.debugTarget().snapshots().capture();
            io.out(0x1F6, 1, 0xE0);
            io.out(0x1F2, 1, 1);
            io.out(0x1F3, 1, 9);
            io.out(0x1F7, 1, AtaDrive.WRITE_SECTORS);
            for (int i = 0; i < 256; i++) io.out(0x1F0, 2, 0x2222);
            m.debugTarget().snapshots().restore(saved);
            assertEquals(10, io.in(0x1F3, 1), "the sector register as saved");
            io.out(0x1F3, 1, 9);
            io.out(0x1F7, 1, AtaDrive.READ_SECTORS);
            assertEquals(0x1111, io.in(0x1F0, 2), "the overlay as saved");
        } finally {
            m.debugTarget().close();
        }
    }
}
