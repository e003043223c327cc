package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info ide} around a bus-master READ DMA driven from the monitor's own port and memory
 * writes: the PRD table and the bus master's state while the drive waits for the engine, and the
 * Interrupt bit and the data after it ran.
 */
class InfoIdeDmaTest {
    @TempDir Path dir;

    /** Bus mastering on for 00:01.1, a two-entry PRD table at 0x10000, READ DMA of sectors 0-1 issued, the engine loaded. */
    private static final List<String> PREPARE = List.of(
            "o/w 0xcf8 0x80000904", "o/h 0xcfc 0x0107",
            "setpmem 0x10000 4 0x20000", "setpmem 0x10004 4 0x200",
            "setpmem 0x10008 4 0x30000", "setpmem 0x1000c 4 0x80000200",
            "o/b 0x1f6 0xe0", "o/b 0x1f2 2", "o/b 0x1f3 0", "o/b 0x1f4 0", "o/b 0x1f5 0", "o/b 0x1f7 0xc8",
            "o/w 0xc004 0x10000", "o/b 0xc000 0x08");

    private String run(Path disk, String... then) {
        // the bundled demo kernel named: with drives alone the firmware would start, and PCI is programmed only once it ran
        List<String> args = new ArrayList<>(List.of("--batch", "-hda", disk.toString(), "demo.elf"));
        for (String c : PREPARE) { args.add("-c"); args.add(c); }
        for (String c : then) { args.add("-c"); args.add(c); }
        BatchLauncher l = new BatchLauncher(dir);
        assertEquals(0, l.run(args.toArray(new String[0])), l.err());
        return l.out();
    }

    private Path disk() throws Exception {
        byte[] b = new byte[1 << 20];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7 + (i >>> 9));
        return Files.write(dir.resolve("a.img"), b);
    }

    @Test
    void whileTheDriveWaitsInfoIdeShowsThePrdTableAndTheIdleEngine() throws Exception {
        String out = run(disk(), "info ide");
        assertTrue(out.contains("bus master cmd 0x08 status 0x00 PRD table 0x00010000\n"
                + "  bus master idle, device to memory; PRD 0x00020000+512, 0x00030000+512 (end)\n"), out);
        assertTrue(out.contains("last command 0xc8 READ DMA; DMA waiting for the bus master; 0 sectors read"), out);
    }

    @Test
    void afterTheTransferInfoIdeShowsTheInterruptBit() throws Exception {
        String out = run(disk(), "o/b 0xc000 0x09", "info ide", "xp/4bx 0x30000");
        assertTrue(out.contains("bus master cmd 0x09 status 0x04 PRD table 0x00010000\n"
                + "  bus master idle, device to memory, interrupt; PRD 0x00020000+512, 0x00030000+512 (end)\n"), out);
        assertTrue(out.contains("last command 0xc8 READ DMA; no transfer; 2 sectors read, 0 written; 512 bytes by PIO, 1024 by DMA"), out);
        assertTrue(out.contains("0000000000030000: 0x01 0x08 0x0f 0x16"), "sector 1 reached the second entry: " + out);
    }

    @Test
    void infoIdeJsonListsThePrdEntries() throws Exception {
        String out = run(disk(), "info ide --json");
        assertTrue(out.contains("\"prd\":[{\"address\":131072,\"bytes\":512,\"last\":false},{\"address\":196608,\"bytes\":512,\"last\":true}]"), out);
    }
}
