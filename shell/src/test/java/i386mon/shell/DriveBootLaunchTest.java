package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QEMU's rule for what starts (#15): drives or -boot without a kernel, --bios or --boot-sector boot
 * through SeaBIOS, in the order -boot gives.
 */
class DriveBootLaunchTest {
    @TempDir Path dir;

    @BeforeEach
    void needsSeaBios() {
        Assumptions.assumeTrue(Files.isReadable(Path.of(i386mon.machine.boot.FirmwareRom.SEABIOS)),
                "SeaBIOS not installed (apt-get install seabios): skipped");
    }

    /** A boot sector that writes {@code text} to COM1 and exits through port 0xf4 with 0, padded to {@code size} bytes. */
    private Path image(String name, String text, int size) throws Exception {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(new byte[] { (byte) 0xBA, (byte) 0xF8, 0x03 }); // mov $0x3f8, %dx
        for (char c : text.toCharArray()) code.write(new byte[] { (byte) 0xB0, (byte) c, (byte) 0xEE }); // mov $c, %al; out %al, %dx
        code.write(new byte[] { (byte) 0xB0, 0x00, (byte) 0xE6, (byte) 0xF4, (byte) 0xF4 }); // mov $0, %al; out %al, $0xf4; hlt
        byte[] b = new byte[size];
        System.arraycopy(code.toByteArray(), 0, b, 0, code.size());
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        return Files.write(dir.resolve(name), b);
    }

    private Path disk(String text) throws Exception { return image("disk.img", text, 1 << 20); }

    private Path floppy(String text) throws Exception { return image("floppy.img", text, 1_474_560); }

    @Test
    void aDiskWithoutAKernelBootsThroughSeaBios() throws Exception {
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(1, l.run("--batch", "--timeout", "60", "-hda", disk("from the disk").toString()));
        assertTrue(l.out().contains("from the disk"), l.out() + l.err());
    }

    /** A 1.44 MB diskette whose boot sector copies itself to sector 2 with INT 13h, then exits through port 0xf4 with 0. */
    private Path selfCopyingFloppy() throws Exception {
        byte[] b = new byte[1_474_560];
        byte[] code = {
            0x31, (byte) 0xC0, (byte) 0x8E, (byte) 0xC0,  // xor %ax,%ax; mov %ax,%es
            (byte) 0xB8, 0x01, 0x03,                       // mov $0x0301,%ax: write one sector
            (byte) 0xB9, 0x02, 0x00,                       // mov $0x0002,%cx: cylinder 0, sector 2
            (byte) 0xBA, 0x00, 0x00,                       // mov $0x0000,%dx: head 0, drive A
            (byte) 0xBB, 0x00, 0x7C,                       // mov $0x7c00,%bx
            (byte) 0xCD, 0x13,                             // int $0x13
            (byte) 0xB0, 0x00, (byte) 0xE6, (byte) 0xF4, (byte) 0xF4 }; // out 0 to 0xf4; hlt
        System.arraycopy(code, 0, b, 0, code.length);
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        return Files.write(dir.resolve("selfcopy.img"), b);
    }

    @Test
    void aFloppyWriteReachesTheImage() throws Exception {
        Path f = selfCopyingFloppy();
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(1, l.run("--batch", "--timeout", "60", "-fda", f.toString()), l.out() + l.err());
        assertEquals(0x31, Files.readAllBytes(f)[512], "sector 2 holds the boot sector now");
    }

    @Test
    void withSnapshotAFloppyWriteStaysInMemory() throws Exception {
        Path f = selfCopyingFloppy();
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(1, l.run("--batch", "--timeout", "60", "-snapshot", "-fda", f.toString()), l.out() + l.err());
        assertEquals(0, Files.readAllBytes(f)[512], "the image file is never written");
    }

    @Test
    void aFloppyWithoutAKernelBootsThroughSeaBios() throws Exception {
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(1, l.run("--batch", "--timeout", "60", "-fda", floppy("from the floppy").toString()));
        assertTrue(l.out().contains("from the floppy"), l.out() + l.err());
    }

    @Test
    void bootABootsTheFloppyBesideADisk() throws Exception {
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(1, l.run("--batch", "--timeout", "60", "-hda", disk("disk").toString(), "-fda", floppy("floppy").toString(), "-boot", "a"));
        assertTrue(l.out().contains("floppy") && !l.out().contains("disk"), l.out() + l.err());
    }

    @Test
    void bootCBootsTheDiskBesideAFloppy() throws Exception {
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(1, l.run("--batch", "--timeout", "60", "-hda", disk("disk").toString(), "-fda", floppy("floppy").toString(), "-boot", "c"));
        assertTrue(l.out().contains("disk") && !l.out().contains("floppy"), l.out() + l.err());
    }

    @Test
    void aKernelBesideADiskStillBootsTheKernel() throws Exception {
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(0, l.run("--batch", "-hda", disk("disk").toString(), "demo.elf", "-c", "info registers"));
        assertTrue(l.out().contains("EIP=") && !l.out().contains("EIP=0000fff0"), l.out() + l.err());
    }

    @Test
    void aDiskWithoutTheBootSignatureFailsInTheFirmwareAndTheMonitorStaysInCharge() throws Exception {
        Path blank = Files.write(dir.resolve("blank.img"), new byte[1 << 20]);
        BatchLauncher l = new BatchLauncher(dir);
        // SeaBIOS then tries QEMU's empty floppy drive A (its motor and READ IDs take it a while) and the empty CD-ROM
        assertEquals(0, l.run("--batch", "-hda", blank.toString(), "-c", "cont --max=120000000", "-c", "info firmware-log"));
        assertTrue(l.out().contains("Booting from Hard Disk...\nBoot failed: not a bootable disk\n"), l.out() + l.err());
        assertTrue(l.out().contains("Booting from Floppy...\nfloppy error: 40 00 00 00 00 01 02\nBoot failed: could not read the boot disk\n"),
                l.out() + l.err()); // QEMU 7.2's debugcon shows the same three lines
        assertTrue(l.out().contains("No bootable device."), l.out() + l.err());
    }
}
