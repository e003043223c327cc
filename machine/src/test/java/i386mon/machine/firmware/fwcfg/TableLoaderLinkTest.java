package i386mon.machine.firmware.fwcfg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.firmware.Processors;
import i386mon.machine.memory.PhysicalMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the table-loader script as SeaBIOS does (romfile_loader.c) and checks that the linked tables are valid ACPI. */
class TableLoaderLinkTest {
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, Long> placed = new HashMap<>();

    private void run() {
        FwCfg cfg = PcFwCfg.fill(new FwCfg(new PhysicalMemory(2 << 20)), 2 << 20, new Processors(1, 0x300, 0));
        for (String name : new String[] {PcFwCfg.TABLES, PcFwCfg.RSDP, "etc/table-loader"}) files.put(name, cfg.contents(key(cfg, name)));
        ByteBuffer script = ByteBuffer.wrap(files.get("etc/table-loader")).order(ByteOrder.LITTLE_ENDIAN);
        long nextHigh = 0x7F00000, nextFseg = 0xF5000;
        for (int at = 0; at < script.capacity(); at += 128) {
            int command = script.getInt(at);
            String file = name(script, at + 4);
            if (command == TableLoader.ALLOCATE) {
                int zone = script.get(at + 4 + 56 + 4);
                placed.put(file, zone == TableLoader.ZONE_FSEG ? nextFseg : nextHigh);
                if (zone == TableLoader.ZONE_FSEG) nextFseg += 0x100; else nextHigh += 0x10000;
            } else if (command == TableLoader.ADD_POINTER) {
                String pointee = name(script, at + 60);
                int offset = script.getInt(at + 116);
                ByteBuffer f = ByteBuffer.wrap(files.get(file)).order(ByteOrder.LITTLE_ENDIAN);
                f.putInt(offset, (int) (f.getInt(offset) + placed.get(pointee)));
            } else if (command == TableLoader.ADD_CHECKSUM) {
                byte[] f = files.get(file);
                int offset = script.getInt(at + 60), start = script.getInt(at + 64), length = script.getInt(at + 68);
                f[offset] -= sum(f, start, length);
            }
        }
    }

    private static int key(FwCfg cfg, String name) {
        byte[] dir = cfg.contents(FwCfg.FILE_DIR);
        int count = ByteBuffer.wrap(dir).getInt();
        for (int i = 0; i < count; i++) {
            if (name(ByteBuffer.wrap(dir), 4 + i * 64 + 8).equals(name)) return ByteBuffer.wrap(dir).getShort(4 + i * 64 + 4);
        }
        throw new AssertionError(name);
    }

    private static String name(ByteBuffer b, int at) {
        byte[] n = new byte[56];
        b.get(at, n);
        return new String(n, StandardCharsets.US_ASCII).replace("\0", "");
    }

    private static byte sum(byte[] b, int start, int length) {
        int s = 0;
        for (int i = start; i < start + length; i++) s += b[i];
        return (byte) s;
    }

    @Test
    void theRsdpPointsAtTheRsdtWhereItWasPlacedAndSumsToZero() {
        run();
        byte[] rsdp = files.get(PcFwCfg.RSDP);
        assertEquals(0, sum(rsdp, 0, 20));
        long rsdt = ByteBuffer.wrap(rsdp).order(ByteOrder.LITTLE_ENDIAN).getInt(16) - placed.get(PcFwCfg.TABLES);
        assertEquals("RSDT", new String(files.get(PcFwCfg.TABLES), (int) rsdt, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void everyLinkedTableSumsToZeroAndTheFadtPointsAtTheDsdt() {
        run();
        byte[] t = files.get(PcFwCfg.TABLES);
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        long base = placed.get(PcFwCfg.TABLES);
        for (int at = b.getInt(4); at < t.length && b.getInt(at + 4) > 0; at += b.getInt(at + 4)) {
            String sig = new String(t, at, 4, StandardCharsets.US_ASCII);
            assertEquals(0, sum(t, at, b.getInt(at + 4)), sig);
            if (sig.equals("FACP")) {
                assertEquals("FACS", new String(t, (int) (b.getInt(at + 36) - base), 4, StandardCharsets.US_ASCII));
                assertEquals("DSDT", new String(t, (int) (b.getInt(at + 40) - base), 4, StandardCharsets.US_ASCII));
            }
        }
    }
}
