package i386mon.machine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory-mapped I/O hook: a device answers accesses in its region; nothing else does. */
class MmioTest {
    private final PhysicalMemory mem = new PhysicalMemory(16 << 20);
    private final List<String> log = new ArrayList<>();

    MmioTest() {
        mem.addMmio(0xFEC0_0000L, 0x1000, new MmioDevice() {
            @Override public int read(long offset, int size) {
                log.add("r" + offset);
                return (int) (0x10 + offset);
            }

            @Override public void write(long offset, int size, int value) {
                log.add("w" + offset + "=" + Integer.toHexString(value));
            }
        });
    }

    @Test
    void deviceAnswersReadsInItsRegionWithRegionOffsets() {
        assertEquals(0x14, mem.read8(0xFEC0_0004L));
        assertEquals(List.of("r4"), log);
    }

    @Test
    void deviceSeesWritesInItsRegion() {
        mem.write8(0xFEC0_0010L, 0x5A);
        assertEquals(List.of("w16=5a"), log);
    }

    @Test
    void deviceSeesADwordAccessAsOneAccess() {
        assertEquals(0x18, mem.read32(0xFEC0_0008L));
        mem.write32(0xFEC0_0020L, 0x12345678);
        assertEquals(List.of("r8", "w32=12345678"), log);
    }

    @Test
    void nothingOutsideRamOrARegionReadsAllOnesAndDropsWrites() {
        mem.write32(0xF000_0000L, 0x12345678);
        assertEquals(0xFFFF_FFFF, mem.read32(0xF000_0000L));
        assertEquals(List.of(), log);
    }

    private static MmioDevice quiet() {
        return new MmioDevice() {
            @Override public int read(long offset, int size) { return 0; }

            @Override public void write(long offset, int size, int value) { }
        };
    }

    @Test
    void aRangeInsideOneRegionInTheHoleBelongsToItsDeviceAlone() {
        MmioDevice vga = quiet();
        mem.addMmio(0xA0000, 0x20000, vga);
        assertEquals(vga, mem.soleDeviceAt(0xB8000, 0x8000));
    }

    @Test
    void aRangeRunningPastItsRegionOrOverRamHasNoSoleDevice() {
        mem.addMmio(0xA0000, 0x20000, quiet());
        assertEquals(null, mem.soleDeviceAt(0xB8000, 0x8001));
        assertEquals(null, mem.soleDeviceAt(0x9F000, 0x2000));
    }

    @Test
    void anEarlierRegionOverlappingTheRangeTakesItsAddresses() {
        mem.addMmio(0xB9000, 0x1000, quiet());
        mem.addMmio(0xA0000, 0x20000, quiet());
        assertEquals(null, mem.soleDeviceAt(0xB8000, 0x8000));
    }

    @Test
    void aWatcherSeesEveryDeviceAccessSoNoDeviceIsAlone() {
        mem.addMmio(0xA0000, 0x20000, quiet());
        mem.setWatchedPages((paddr, size, write) -> { }, new int[] {0});
        assertEquals(null, mem.soleDeviceAt(0xB8000, 0x8000));
    }
}
