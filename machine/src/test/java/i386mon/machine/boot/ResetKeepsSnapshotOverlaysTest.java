package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.StopReason;
import i386mon.machine.floppy.FloppyImage;
import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's reset request is no power cycle: a {@code -snapshot} disk's and diskette's writes,
 * kept in their overlays, are still there after it, as QEMU keeps its snapshot overlay.
 */
class ResetKeepsSnapshotOverlaysTest {
    @TempDir Path dir;

    /** Counts its boots in CMOS byte 0x7E, resets through 0xCF9 at the first, exits with the count at the second. */
    private static byte[] kernel() {
        byte[] code = {
            (byte) 0xB0, 0x7E, (byte) 0xE6, 0x70, (byte) 0xE4, 0x71, (byte) 0xFE, (byte) 0xC0, // count = CMOS[0x7E] + 1
            (byte) 0x88, (byte) 0xC3, (byte) 0xB0, 0x7E, (byte) 0xE6, 0x70, (byte) 0x88, (byte) 0xD8, (byte) 0xE6, 0x71,
            (byte) 0x80, (byte) 0xFB, 0x02, 0x73, 0x08,                  // cmp $2, %bl; jae exit
            0x66, (byte) 0xBA, (byte) 0xF9, 0x0C, (byte) 0xB0, 0x06, (byte) 0xEE, (byte) 0xF4, // outb 6 to 0xcf9; hlt
            (byte) 0x88, (byte) 0xD8, (byte) 0xE6, (byte) 0xF4, (byte) 0xF4}; // exit: out %bl to 0xf4
        return new TestElfBuilder().entry(0x10000C)
                .segment(".text", 0x100000, TestElfBuilder.concat(
                        TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_MEMORY_INFO), code), 0x1000).build();
    }

    /** Sector 9 of the primary master by PIO in LBA28: {@code command} (READ or WRITE SECTORS) with the task file. */
    private static void sector9(DebugTarget io, int command) {
        io.out(0x1F6, 1, 0xE0);
        io.out(0x1F2, 1, 1);
        io.out(0x1F3, 1, 9);
        io.out(0x1F4, 1, 0);
        io.out(0x1F5, 1, 0);
        io.out(0x1F7, 1, command);
    }

    private static void writeSector9(DebugTarget io, int word) {
        sector9(io, 0x30); // WRITE SECTORS
        for (int i = 0; i < 256; i++) io.out(0x1F0, 2, word);
    }

    private static int readSector9(DebugTarget io) {
        sector9(io, 0x20); // READ SECTORS
        return io.in(0x1F0, 2);
    }

    @Test
    void aResetKeepsTheDisksAndTheDiskettesOverlays() throws Exception {
        Path disk = Files.write(dir.resolve("a.img"), new byte[64 * 512]);
        Path floppy = Files.write(dir.resolve("f.img"), new byte[1_474_560]);
        Machine m = new Machine(MachineConfig.defaults().withStorage(
                new StorageConfig(List.of(new DriveSpec(0, disk, DriveMedia.DISK, false)), true, null)));
        try {
            m.devices().insertFloppy(0, FloppyImage.open(floppy, false, true));
            m.boot(kernel(), "k.elf", "", List.of());
            writeSector9(m.debugTarget(), 0x1111);
            byte[] s = new byte[512];
            java.util.Arrays.fill(s, (byte) 0x22);
            m.devices().floppy().drive(0).image().write(4, s);

            StopReason r = m.run(1_000_000);
            // the machine resets in place: the kernel boots a second time and exits with its count
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description());
            assertEquals(2 << 1 | 1, r.exitStatus());

            assertEquals(0x1111, readSector9(m.debugTarget()), "the disk's overlay");
            byte[] back = new byte[512];
            m.devices().floppy().drive(0).image().read(4, back);
            assertEquals(0x22, back[0], "the diskette's overlay");
            assertEquals(0, Files.readAllBytes(disk)[9 * 512]);
            assertEquals(0, Files.readAllBytes(floppy)[4 * 512]);
        } finally {
            m.debugTarget().close();
        }
    }
}
