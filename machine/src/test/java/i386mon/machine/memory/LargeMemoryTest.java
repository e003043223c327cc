package i386mon.machine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RAM above 2 GiB (the most one Java array holds): the machine takes up to 3 GiB, in banks. */
class LargeMemoryTest {
    private static final long THREE_GIB = 3L << 30;

    @Test
    void threeGibOfRamIsAddressableToTheLastByte() {
        PhysicalMemory m = new PhysicalMemory(THREE_GIB);
        m.write32(0xBFFF_FFFCL, 0x11223344);
        assertEquals(0x11223344, m.read32(0xBFFF_FFFCL));
        assertEquals(0xFF, m.read8(0xC000_0000L), "past the end of RAM reads all ones");
    }

    @Test
    void accessesAcrossABankBoundaryKeepTheirBytes() {
        PhysicalMemory m = new PhysicalMemory(THREE_GIB);
        m.write32(0x3FFF_FFFEL, 0xAABBCCDD);
        assertEquals(0xAABBCCDD, m.read32(0x3FFF_FFFEL));
        assertEquals(0xBB, m.read8(0x4000_0000L)); // little-endian: DD CC in the first bank, BB AA in the second
        m.write64(0x7FFF_FFFCL, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, m.read64(0x7FFF_FFFCL));
    }

    @Test
    void loadAndPeekSpanBanks() {
        PhysicalMemory m = new PhysicalMemory(THREE_GIB);
        byte[] data = new byte[8192];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        m.load(0x7FFF_F000L, data, 0, data.length);
        byte[] back = new byte[data.length];
        m.peek(0x7FFF_F000L, back, 0, back.length);
        assertArrayEquals(data, back);
    }

    @Test
    void moreThanThreeGibIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PhysicalMemory(THREE_GIB + 4096));
    }

    @Test
    void untouchedRamTakesNoHostMemory() {
        PhysicalMemory m = new PhysicalMemory(THREE_GIB);
        assertEquals(0, m.read32(0x8000_0000L));
        m.fill(0x100000, 16 << 20, (byte) 0);
        m.load(0x200000, new byte[8192], 0, 8192);
        assertEquals(0, m.allocatedBytes(), "reads and zeros allocate nothing");
        m.write8(0x9000_0001L, 7);
        assertEquals(7, m.read8(0x9000_0001L));
        assertEquals(0, m.read8(0x9000_0000L));
        assertEquals(64 << 10, m.allocatedBytes());
    }
}
