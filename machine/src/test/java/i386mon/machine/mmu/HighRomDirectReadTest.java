package i386mon.machine.mmu;

import static org.junit.jupiter.api.Assertions.*;

import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads of the ROM at the top of the 32-bit space go through the host TLB's direct entries like RAM
 * and ROM below (a firmware copying itself byte by byte), and stay exact: a watcher still sees each
 * read, and a ROM mapped anew replaces what the entries held.
 */
class HighRomDirectReadTest {
    private static final int ROM_LIN = 0xFFFF_0000;
    private final PhysicalMemory mem = new PhysicalMemory(2 << 20);

    private static byte[] rom(int fill) {
        byte[] image = new byte[64 * 1024];
        for (int i = 0; i < image.length; i++) image[i] = (byte) (fill + i);
        return image;
    }

    private Mmu unpaged() {
        Mmu m = new Mmu(mem);
        m.setControl(0, 0, 0, 0);
        return m;
    }

    @Test
    void aRomPageIsReadDirectlyOnceAccessed() {
        mem.mapHighRom(rom(0));
        Mmu m = unpaged();
        assertNull(m.directReadStore(ROM_LIN + 0x100), "nothing held before the first access");
        assertEquals(0x10, m.read8(ROM_LIN + 0x10));
        byte[] store = m.directReadStore(ROM_LIN + 0x100);
        assertNotNull(store);
        assertEquals((byte) 0x00, store[m.directReadIndex(ROM_LIN + 0x100)]);
        assertEquals(0x0302_0100, m.read32(ROM_LIN + 0x100));
        assertNull(m.directWriteStore(ROM_LIN + 0x100), "never written directly");
    }

    @Test
    void aWriteToTheRomIsDroppedAfterADirectRead() {
        mem.mapHighRom(rom(0));
        Mmu m = unpaged();
        m.read8(ROM_LIN + 0x20);
        m.write8(ROM_LIN + 0x20, 0x99);
        assertEquals(0x20, m.read8(ROM_LIN + 0x20));
    }

    @Test
    void aWatcherSeesEveryRomRead() {
        mem.mapHighRom(rom(0));
        Mmu m = unpaged();
        m.read8(ROM_LIN + 0x30);
        List<Long> seen = new ArrayList<>();
        mem.setWatchedPages((paddr, size, write) -> seen.add(paddr), new int[] {0});
        assertEquals(0x30, m.read8(ROM_LIN + 0x30));
        assertEquals(0x31, m.read8(ROM_LIN + 0x31));
        assertEquals(List.of(0xFFFF_0030L, 0xFFFF_0031L), seen);
        assertNull(m.directReadStore(ROM_LIN + 0x30));
    }

    @Test
    void aRomMappedAnewIsReadInsteadOfTheOldOne() {
        mem.mapHighRom(rom(0));
        Mmu m = unpaged();
        assertEquals(0x40, m.read8(ROM_LIN + 0x40));
        mem.mapHighRom(rom(0x80));
        assertEquals(0xC0, m.read8(ROM_LIN + 0x40));
    }
}
