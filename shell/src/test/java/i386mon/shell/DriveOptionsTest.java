package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import i386mon.shell.session.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** QEMU's drive options on the launcher's command line, and what a bad one says. */
class DriveOptionsTest {
    @TempDir Path dir;

    private static StorageConfig parse(String... args) {
        LaunchOptions o = new LaunchOptions();
        new CommandLine(o).parseArgs(args);
        return o.drives.storage();
    }

    @Test
    void hdaToHddTakeTheFourPositions() {
        StorageConfig c = parse("-hda", "a.img", "-hdd", "d.img");
        assertEquals(new DriveSpec(0, Path.of("a.img"), DriveMedia.DISK, false), c.at(0));
        assertEquals(new DriveSpec(3, Path.of("d.img"), DriveMedia.DISK, false), c.at(3));
        assertEquals(null, c.at(1));
    }

    @Test
    void driveTakesQemusKeys() {
        StorageConfig c = parse("-drive", "file=x.img,format=raw,if=ide,index=1,media=disk,readonly=on");
        assertEquals(new DriveSpec(1, Path.of("x.img"), DriveMedia.DISK, true), c.at(1));
    }

    @Test
    void driveWithoutIndexTakesTheFirstFreePosition() {
        StorageConfig c = parse("-hda", "a.img", "-drive", "file=b.img,format=raw");
        assertEquals(Path.of("b.img"), c.at(1).file());
    }

    @Test
    void aDoubledCommaIsACommaInTheFileName() {
        assertEquals(Path.of("a,b.img"), parse("-drive", "file=a,,b.img,format=raw").at(0).file());
    }

    @Test
    void twoDrivesAtOnePositionAreRefused() {
        CommandException e = assertThrows(CommandException.class, () -> parse("-hdc", "c.img", "-cdrom", "x.iso"));
        assertEquals("-cdrom: IDE index 2 is already in use", e.getMessage());
    }

    @Test
    void otherInterfacesAndFormatsAreRefusedInOneLine() {
        assertEquals("-drive file=a.img,if=scsi: only if=ide and if=floppy are supported",
                assertThrows(CommandException.class, () -> parse("-drive", "file=a.img,if=scsi")).getMessage());
        assertEquals("-drive file=a.img,format=qcow2: only format=raw is supported",
                assertThrows(CommandException.class, () -> parse("-drive", "file=a.img,format=qcow2")).getMessage());
        assertEquals("-drive format=raw: file= is required",
                assertThrows(CommandException.class, () -> parse("-drive", "format=raw")).getMessage());
    }

    @Test
    void bootOrderKeepsToWhatQemusPcMachineAccepts() {
        assertEquals("-boot order=cadn: too many boot devices for PC (at most 3)",
                assertThrows(CommandException.class, () -> parse("-boot", "order=cadn")).getMessage());
        assertEquals("-boot e: invalid boot device for PC: 'e' (a, b, c, d or n)",
                assertThrows(CommandException.class, () -> parse("-boot", "e")).getMessage());
    }

    @Test
    void bootOrderIsRecordedAsDriveLetters() {
        assertEquals("cad", parse().bootOrder());
        assertEquals("d", parse("-boot", "d").bootOrder());
        assertEquals("dc", parse("-boot", "order=dc,menu=on").bootOrder());
        assertEquals("-boot order=cc: drive c is given twice",
                assertThrows(CommandException.class, () -> parse("-boot", "order=cc")).getMessage());
    }

    @Test
    void anEmptyCdRomDriveIsAtTheSecondaryMasterUnlessADriveIsThere() {
        assertEquals(new DriveSpec(2, null, DriveMedia.CDROM, true), parse("-hda", "a.img").at(2));
        assertEquals(DriveMedia.DISK, parse("-hdc", "c.img").at(2).media());
        assertEquals(Path.of("x.iso"), parse("-cdrom", "x.iso").at(2).file());
    }

    private static java.util.List<i386mon.shell.session.BootRequest.Floppy> floppies(String... args) {
        LaunchOptions o = new LaunchOptions();
        new CommandLine(o).parseArgs(args);
        return o.drives.floppies(o.fda, o.fdb);
    }

    @Test
    void anEmptyFloppyDriveAIsThereWithoutFda() {
        assertEquals(java.util.List.of(i386mon.shell.session.BootRequest.Floppy.empty(0)), floppies("-hda", "a.img"));
    }

    @Test
    void fdaPutsItsDisketteInDriveAInsteadOfTheEmptyOne() {
        assertEquals(java.util.List.of(new i386mon.shell.session.BootRequest.Floppy(0, "a.img", false)), floppies("-fda", "a.img"));
    }

    @Test
    void fdbAloneLeavesDriveAEmpty() {
        assertEquals(java.util.List.of(i386mon.shell.session.BootRequest.Floppy.empty(0), new i386mon.shell.session.BootRequest.Floppy(1, "b.img", false)),
                floppies("-fdb", "b.img"));
    }

    @Test
    void snapshotIsRecorded() {
        assertTrue(parse("-snapshot", "-hda", "a.img").snapshot());
    }

    @Test
    void aMissingImageEndsTheRunWithOneLine() {
        BatchLauncher l = new BatchLauncher(dir);
        Path missing = dir.resolve("missing.img");
        assertEquals(2, l.run("--batch", "-hda", missing.toString(), "-c", "info block"));
        assertEquals("disk image " + missing + " does not exist", l.err().strip());
    }

    @Test
    void anEmptyImageEndsTheRunWithOneLine() throws Exception {
        Path empty = Files.write(dir.resolve("empty.img"), new byte[0]);
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(2, l.run("--batch", "-hda", empty.toString(), "-c", "info block"));
        assertEquals("disk image " + empty + " is empty", l.err().strip()); // QEMU would start with a disk of no sectors
    }

    @Test
    void anImageOfNoWholeSectorsEndsTheRunWithOneLine() throws Exception {
        Path odd = Files.write(dir.resolve("odd.img"), new byte[1000]);
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(2, l.run("--batch", "-hda", odd.toString(), "-c", "info block"));
        assertEquals("disk image " + odd + " is 1000 bytes, not a multiple of 512", l.err().strip()); // QEMU rounds the last sector up
    }

    @Test
    void infoBlockListsTheDrivesAsQemuDoes() throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[1 << 20]);
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(0, l.run("--batch", "-hda", a.toString(), "-c", "info block"));
        assertEquals(String.join("\n",
                "ide0-hd0 (#block100): " + a + " (raw)",
                "    Attached to:      /machine/unattached/device[23]",
                "    Cache mode:       writeback",
                "",
                "ide1-cd0: [not inserted]",
                "    Attached to:      /machine/unattached/device[24]",
                "    Removable device: not locked, tray closed",
                "",
                "floppy0: [not inserted]", // QEMU's default empty drive A (QEMU also lists sd0)
                "    Attached to:      /machine/unattached/device[16]",
                "    Removable device: not locked, tray closed"), l.out().strip());
    }

    @Test
    void infoIdeJsonHasEachDrivesRegisters() throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[1 << 20]);
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(0, l.run("--batch", "-hda", a.toString(), "-c", "info ide --json"));
        assertTrue(l.out().contains("\"serial\":\"QM00001\""), l.out());
        assertTrue(l.out().contains("\"lastCommand\":236"), l.out()); // SeaBIOS's IDENTIFY
    }

    @Test
    void guestWritesReachTheImageUnlessSnapshot() throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[1 << 20]);
        String write = "o/b 0x1f6 0xe0; o/b 0x1f2 1; o/b 0x1f3 5; o/b 0x1f4 0; o/b 0x1f5 0; o/b 0x1f7 0x30";
        for (boolean snapshot : new boolean[] { true, false }) {
            BatchLauncher l = new BatchLauncher(dir);
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--batch", "-hda", a.toString()));
            if (snapshot) args.add("-snapshot");
            for (String c : write.split("; ")) { args.add("-c"); args.add(c); }
            for (int i = 0; i < 256; i++) { args.add("-c"); args.add("o/w 0x1f0 0x4241"); }
            assertEquals(0, l.run(args.toArray(new String[0])), l.err());
            assertEquals(snapshot ? 0 : 0x41, Files.readAllBytes(a)[5 * 512], "snapshot " + snapshot);
        }
    }
}
