package i386mon.machine.firmware.fwcfg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.io.IoBus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** fw_cfg through its ports and its DMA interface, with the items QEMU's pc gives SeaBIOS. */
class FwCfgTest {
    private final Machine m = new Machine(MachineConfig.defaults().withRam(64 << 20).withCpus(2));
    private final IoBus io = m.io();

    private byte[] read(int key, int n) {
        io.out(0x510, 2, key);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) io.in(0x511, 1);
        return b;
    }

    private static ByteBuffer le(byte[] b) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN); }

    @Test
    void theSignatureSaysQemu() {
        assertEquals("QEMU", new String(read(0, 4), StandardCharsets.US_ASCII));
    }

    @Test
    void theIdOffersTheTraditionalAndTheDmaInterface() {
        assertEquals(3, le(read(1, 4)).getInt());
    }

    @Test
    void ramSizeAndCpuCountsAreTheMachines() {
        assertEquals(64L << 20, le(read(0x03, 8)).getLong());
        assertEquals(2, le(read(0x05, 2)).getShort());
        assertEquals(2, le(read(0x0F, 2)).getShort());
    }

    @Test
    void readingPastTheEndGivesZeros() {
        assertEquals("QEMU\0\0", new String(read(0, 6), StandardCharsets.US_ASCII));
    }

    @Test
    void anUnknownKeyReadsZeros() {
        assertEquals(0, le(read(0x1234, 4)).getInt());
    }

    @Test
    void theDirectoryListsTheFilesSortedWithTheirKeys() {
        int count = ByteBuffer.wrap(read(0x19, 4)).getInt();
        byte[] dir = read(0x19, 4 + count * 64);
        String previous = "";
        for (int i = 0; i < count; i++) {
            ByteBuffer e = ByteBuffer.wrap(dir, 4 + i * 64, 64);
            e.getInt();
            assertEquals(0x20 + i, e.getShort());
            String name = new String(dir, 4 + i * 64 + 8, 56, StandardCharsets.US_ASCII).replace("\0", "");
            assertEquals(-1, Integer.signum(previous.compareTo(name)), previous + " before " + name);
            previous = name;
        }
    }

    @Test
    void etcE820HasTheRamFromZero() {
        byte[] e = read(key("etc/e820"), 20);
        assertEquals(0, le(e).getLong(0));
        assertEquals(64L << 20, le(e).getLong(8));
        assertEquals(1, le(e).getInt(16));
    }

    /** The key the directory gives {@code name}. */
    private int key(String name) {
        int count = ByteBuffer.wrap(read(0x19, 4)).getInt();
        byte[] dir = read(0x19, 4 + count * 64);
        for (int i = 0; i < count; i++) {
            String n = new String(dir, 4 + i * 64 + 8, 56, StandardCharsets.US_ASCII).replace("\0", "");
            if (n.equals(name)) return ByteBuffer.wrap(dir, 4 + i * 64 + 4, 2).getShort();
        }
        throw new AssertionError("no file " + name);
    }

    /** Puts a DMA request at 0x1000 for {@code length} bytes into 0x2000 and starts it. */
    private int dma(int control, int length) {
        ByteBuffer req = ByteBuffer.allocate(16).putInt(control).putInt(length).putLong(0x2000);
        m.memory().load(0x1000, req.array(), 0, 16);
        io.out(0x514, 4, 0);
        io.out(0x518, 4, Integer.reverseBytes(0x1000));
        return Integer.reverseBytes(m.memory().read32(0x1000));
    }

    @Test
    void aDmaReadSelectsAndCopiesIntoMemoryAndClearsTheControlWord() {
        assertEquals(0, dma(0 << 16 | 0x08 | 0x02, 6));
        byte[] b = new byte[6];
        m.memory().peek(0x2000, b, 0, 6);
        assertEquals("QEMU\0\0", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void aDmaSkipMovesTheOffset() {
        dma(0 << 16 | 0x08 | 0x04, 2);
        dma(0x02, 2);
        assertEquals('M' | 'U' << 8, m.memory().read16(0x2000));
    }

    @Test
    void aDmaWriteIsRefusedWithTheErrorBit() {
        assertEquals(1, dma(0 << 16 | 0x08 | 0x10, 4));
    }
}
