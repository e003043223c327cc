package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class KernelImagesTest {

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void listsTheDemoAndHigherHalfImages() {
        assertEquals(java.util.List.of(KernelImages.DEFAULT, KernelImages.HIGHER_HALF), KernelImages.names());
    }

    @Test
    void imagesAre32BitI386Executables() {
        for (String name : KernelImages.names()) {
            ByteBuffer b = le(KernelImages.bytes(name));
            assertEquals(0x464C457F, b.getInt(0), name + " ELF magic");
            assertEquals(1, b.get(4), name + " ELFCLASS32");
            assertEquals(2, b.getShort(16), name + " ET_EXEC");
            assertEquals(3, b.getShort(18), name + " EM_386");
        }
    }

    @Test
    void imagesCarryAValidMultibootHeaderInTheirFirst8KiB() {
        for (String name : KernelImages.names()) {
            ByteBuffer b = le(KernelImages.bytes(name));
            int found = -1;
            for (int off = 0; off + 12 <= Math.min(8192, b.limit()); off += 4) {
                if (b.getInt(off) == 0x1BADB002 && b.getInt(off) + b.getInt(off + 4) + b.getInt(off + 8) == 0) {
                    found = off;
                    break;
                }
            }
            assertTrue(found >= 0, name + " has no multiboot header");
        }
    }

    @Test
    void higherHalfImageIsLinkedHighLoadedLowAndEntersAtAPhysicalAddress() {
        ByteBuffer b = le(KernelImages.bytes(KernelImages.HIGHER_HALF));
        int entry = b.getInt(24);
        int phoff = b.getInt(28);
        int phentsize = b.getShort(42);
        assertTrue(Integer.compareUnsigned(entry, 0x00100000) >= 0 && Integer.compareUnsigned(entry, 0x00200000) < 0,
                "entry " + Integer.toHexString(entry));
        // The first PT_LOAD segment: p_vaddr 0xC0100000, p_paddr 0x00100000.
        assertEquals(1, b.getInt(phoff));
        assertEquals(0xC0100000, b.getInt(phoff + 8));
        assertEquals(0x00100000, b.getInt(phoff + 12));
        assertTrue(phentsize >= 32);
    }

    @Test
    void unknownImageNameIsRejectedNamingTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelImages.open("nope.elf"));
        assertEquals("no bundled kernel image 'nope.elf' (available: demo.elf, demo-higher-half.elf)", e.getMessage());
    }

    @Test
    void everyImageHasADescription() {
        for (String name : KernelImages.names()) {
            assertTrue(!KernelImages.description(name).isBlank(), name);
        }
    }
}
