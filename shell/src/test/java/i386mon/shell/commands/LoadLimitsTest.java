package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load checks what a file is and how big before reading it: one line, never an OutOfMemoryError or a hang. */
class LoadLimitsTest {
    private final Harness h = new Harness();
    @TempDir Path dir;

    @Test
    void aFileOverTwoGibibytesIsRefusedWithOneLine() throws Exception {
        Path big = dir.resolve("big.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk used
        }
        String message = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> h.fails("load " + big));
        assertEquals(big + " is too large for a kernel: 3 GiB (at most 16 MiB, the guest's RAM)", message);
    }

    @Test
    void aFileLargerThanTheGuestsRamIsRefused() throws Exception {
        Path k = Files.write(dir.resolve("k.elf"), new byte[(16 << 20) + 1]);
        assertEquals(k + " is too large for a kernel: 16.0 MiB (at most 16 MiB, the guest's RAM)", h.fails("load " + k));
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        String message = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> h.fails("load /dev/zero"));
        assertEquals("not a regular file: /dev/zero (a kernel must be a file)", message);
    }

    @Test
    void aDirectoryIsRefused() {
        assertEquals("not a regular file: " + dir + " (a kernel must be a file)", h.fails("load " + dir));
    }
}
