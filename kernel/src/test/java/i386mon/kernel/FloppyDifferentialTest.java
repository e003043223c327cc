package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import i386mon.machine.floppy.FloppyImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floppy test kernel (test resources floppy/) drives the floppy controller with IRQ 6 and DMA
 * channel 2: reset, recalibrate, reads of track 0 and of a later track, a write, a read back and
 * a read beyond the media, printing every result phase and checksums. QEMU (with the image as
 * its floppy drive A) and i386mon print the same lines and leave the same image file.
 */
class FloppyDifferentialTest {
    private static final int KERNEL_EXIT = 0x10 << 1 | 1;
    private static final int SIZE = 1_474_560;

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("floppy.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("floppy/entry.S"), build.compile("floppy/floppy.c"));
    }

    /** A 1.44 MB image whose bytes differ sector by sector, with a boot signature. */
    private Path image(String name) throws IOException {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) b[i] = (byte) (i * 7 + i / 512 * 3);
        b[510] = 0x55;
        b[511] = (byte) 0xAA;
        return Files.write(dir.resolve(name), b);
    }

    private static List<String> floppyLines(String serial) {
        List<String> out = new ArrayList<>();
        for (String line : serial.replace("\r", "").split("\n")) {
            int at = line.indexOf("floppy: ");
            if (at >= 0) out.add(line.substring(at));
        }
        return out;
    }

    private static List<String> underI386mon(Path kernel, Path image) throws IOException {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        try (FloppyImage disk = FloppyImage.open(image, false)) {
            m.devices().insertFloppy(0, disk);
            m.boot(Files.readAllBytes(kernel), "floppy.elf", List.of());
            StopReason r = m.run(200_000_000);
            String text = serial.toString(StandardCharsets.ISO_8859_1);
            assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + text);
            assertEquals(KERNEL_EXIT, r.exitStatus(), text);
            return floppyLines(text);
        }
    }

    @Test
    void floppyKernelPrintsWhatItPrintsUnderQemu() throws Exception {
        Path kernel = kernel();
        Path forQemu = image("qemu.img"), forUs = image("i386mon.img");
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(60),
                "-drive", "file=" + forQemu + ",if=floppy,format=raw,index=0");
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = floppyLines(qemu.serial());
        assertTrue(expected.contains("floppy: end"), qemu.serial());
        assertTrue(expected.contains("floppy: readback ok"), qemu.serial());
        List<String> actual = underI386mon(kernel, forUs);
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertArrayEquals(Files.readAllBytes(forQemu), Files.readAllBytes(forUs), "the images differ after the write");
    }

    @Test
    void floppyKernelReadsWritesAndReadsBackUnderI386mon() throws Exception {
        Path img = image("alone.img");
        List<String> lines = underI386mon(kernel(), img);
        assertTrue(lines.contains("floppy: readback ok"), String.join("\n", lines));
        assertTrue(lines.contains("floppy: boot signature 55aa"), String.join("\n", lines));
        assertTrue(lines.contains("floppy: read beyond the media 44 00 00 55 00 01 02"), String.join("\n", lines));
        int at = ((40 * 2 + 1) * 18 + 6) * 512;
        assertEquals((byte) 0x5A, Files.readAllBytes(img)[at]);
        // the sector read without DMA is the image's second sector
        assertTrue(lines.contains(String.format("floppy: pio c0 h0 s2 fnv=%08x", fnv(Files.readAllBytes(img), 512, 512))), String.join("\n", lines));
    }

    /** The kernel's checksum: 32-bit FNV-1a. */
    private static int fnv(byte[] b, int from, int length) {
        int h = 0x811C9DC5;
        for (int i = from; i < from + length; i++) {
            h ^= b[i] & 0xFF;
            h *= 16777619;
        }
        return h;
    }
}
