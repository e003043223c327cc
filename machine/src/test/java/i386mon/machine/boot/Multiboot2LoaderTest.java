package i386mon.machine.boot;

import static i386mon.machine.boot.GuestMemory.u32;
import static i386mon.machine.boot.GuestMemory.u64;
import static i386mon.machine.boot.TestElfBuilder.tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Multiboot2LoaderTest {
    private static final int RAM = 32 << 20;
    private final PhysicalMemory memory = new PhysicalMemory(RAM);
    private static final byte[] CODE = {(byte) 0xFA, (byte) 0xF4, (byte) 0xEB, (byte) 0xFD};

    private static TestElfBuilder elfKernel(byte[]... headerTags) {
        byte[] header = TestElfBuilder.multiboot2Header(headerTags);
        return new TestElfBuilder()
                .entry(0x100000 + header.length)
                .segment(".text", 0x100000, TestElfBuilder.concat(header, CODE), header.length + 4)
                .segment(".bss", 0x101000, new byte[0], 0x1000)
                .function("kmain", 0x100000 + header.length, 4);
    }

    private static final List<BootModule> MODULES = List.of(
            new BootModule("ramdisk.tar", "RAMDISK!".getBytes(StandardCharsets.US_ASCII)),
            new BootModule("config", new byte[] {7}));

    /** The info tags as (type, address) pairs, in order, up to and including the end tag. */
    private List<long[]> tags(long info) {
        List<long[]> out = new ArrayList<>();
        long total = u32(memory, info);
        long p = info + 8;
        while (true) {
            assertEquals(0, p % 8, "tags are 8-byte aligned");
            long type = u32(memory, p), size = u32(memory, p + 4);
            out.add(new long[] {type, p, size});
            if (type == 0) {
                assertEquals(8, size);
                assertEquals(info + total, p + 8, "total_size ends at the end tag");
                return out;
            }
            p += (size + 7) & ~7L;
        }
    }

    private long[] tagOf(long info, int type) {
        return tags(info).stream().filter(t -> t[0] == type).findFirst().orElseThrow();
    }

    private BootImage boot(byte[] kernel) {
        return Multiboot2Loader.load(memory, kernel, "kernel.elf quiet", MODULES);
    }

    private String refusal(byte[] kernel) {
        return assertThrows(BootException.class, () -> Multiboot2Loader.load(memory, kernel, null, List.of())).getMessage();
    }

    @Test
    void registersFollowTheSpecification() {
        byte[] kernel = elfKernel().build();
        BootImage image = boot(kernel);
        assertEquals(0x36D76289, image.eax());
        assertEquals(0x9000, image.ebx());
        assertEquals(ElfFile.parse(kernel).entry(), image.eip());
    }

    @Test
    void infoTagsComeInOrderAndEndWithTheEndTag() {
        BootImage image = boot(elfKernel().build());
        long[] types = tags(image.ebx()).stream().mapToLong(t -> t[0]).toArray();
        assertArrayEquals(new long[] {1, 2, 3, 3, 4, 6, 9, 0}, types);
    }

    @Test
    void cmdlineTagHoldsTheString() {
        BootImage image = boot(elfKernel().build());
        long[] t = tagOf(image.ebx(), 1);
        assertEquals("kernel.elf quiet", GuestMemory.string(memory, t[1] + 8));
        assertEquals(8 + 17, t[2]);
    }

    @Test
    void bootLoaderNameTagIsI386mon() {
        BootImage image = boot(elfKernel().build());
        assertEquals("i386mon", GuestMemory.string(memory, tagOf(image.ebx(), 2)[1] + 8));
    }

    @Test
    void moduleTagsGivePageAlignedModulesAndStrings() {
        BootImage image = boot(elfKernel().build());
        List<long[]> mods = tags(image.ebx()).stream().filter(t -> t[0] == 3).toList();
        long start = u32(memory, mods.get(0)[1] + 8), end = u32(memory, mods.get(0)[1] + 12);
        assertEquals(0, start % 4096);
        assertTrue(start >= 0x102000, "after the kernel's BSS");
        assertEquals(8, end - start);
        assertArrayEquals("RAMDISK!".getBytes(StandardCharsets.US_ASCII), GuestMemory.bytes(memory, start, 8));
        assertEquals("ramdisk.tar", GuestMemory.string(memory, mods.get(0)[1] + 16));
        assertEquals("config", GuestMemory.string(memory, mods.get(1)[1] + 16));
        assertEquals(7, memory.read8(u32(memory, mods.get(1)[1] + 8)));
    }

    @Test
    void basicMeminfoTagGivesLowerAndUpperKiB() {
        BootImage image = boot(elfKernel().build());
        long[] t = tagOf(image.ebx(), 4);
        assertEquals(16, t[2]);
        assertEquals(639, u32(memory, t[1] + 8));
        assertEquals((RAM - 0x20000 - 0x100000) / 1024, u32(memory, t[1] + 12));
    }

    @Test
    void memoryMapTagHas24ByteEntries() {
        BootImage image = boot(elfKernel().build());
        long[] t = tagOf(image.ebx(), 6);
        assertEquals(24, u32(memory, t[1] + 8));
        assertEquals(0, u32(memory, t[1] + 12));
        assertEquals(16 + 6 * 24, t[2]);
        long[][] expected = {{0, 0x9FC00, 1}, {0x9FC00, 0x400, 2}, {0xF0000, 0x10000, 2}, {0x100000, RAM - 0x20000 - 0x100000, 1},
            {RAM - 0x20000, 0x20000, 2}, {0xFFFC0000L, 0x40000, 2}};
        for (int i = 0; i < 6; i++) {
            long e = t[1] + 16 + 24L * i;
            assertEquals(expected[i][0], u64(memory, e));
            assertEquals(expected[i][1], u64(memory, e + 8));
            assertEquals(expected[i][2], u32(memory, e + 16));
            assertEquals(0, u32(memory, e + 20));
        }
    }

    @Test
    void elfSectionsTagCopiesTheSectionHeaders() {
        byte[] kernel = elfKernel().build();
        BootImage image = boot(kernel);
        ElfFile elf = ElfFile.parse(kernel);
        long[] t = tagOf(image.ebx(), 9);
        int n = elf.sectionHeaders().size();
        assertEquals(n, u32(memory, t[1] + 8));
        assertEquals(40, u32(memory, t[1] + 12));
        assertEquals(elf.sectionNameIndex(), u32(memory, t[1] + 16));
        assertEquals(20 + 40L * n, t[2]);
        assertArrayEquals(Arrays.copyOfRange(elf.sectionHeaderTable(), 40, 80), GuestMemory.bytes(memory, t[1] + 20 + 40, 40));
    }

    @Test
    void noCmdlineTagWithoutCmdline() {
        BootImage image = Multiboot2Loader.load(memory, elfKernel().build(), null, List.of());
        assertTrue(tags(image.ebx()).stream().noneMatch(t -> t[0] == 1));
    }

    @Test
    void entryAddressTagOverridesTheElfEntry() {
        byte[] kernel = elfKernel(tag(3, 0, 0x100FF0)).build();
        assertEquals(0x100FF0, boot(kernel).eip());
    }

    @Test
    void addressTagLoadsARawImage() {
        // A flat binary: the header at file offset 0 goes to 0x300000; 0x1000 bytes of BSS follow.
        byte[] probe = TestElfBuilder.multiboot2Header(tag(2, 0, 0, 0, 0, 0), tag(3, 0, 0));
        int codeAt = probe.length;
        byte[] header = TestElfBuilder.multiboot2Header(
                tag(2, 0, 0x300000, 0x300000, 0x300000 + codeAt + 4, 0x301000), tag(3, 0, 0x300000 + codeAt));
        byte[] kernel = TestElfBuilder.concat(header, CODE, new byte[] {0x55, 0x55});
        memory.fill(0x300000, 0x1000, (byte) 0xAA);
        BootImage image = Multiboot2Loader.load(memory, kernel, null, List.of());
        assertEquals(0x300000 + codeAt, image.eip());
        assertEquals(0xFA, memory.read8(0x300000 + codeAt));
        assertEquals(0, memory.read8(0x300000 + codeAt + 4));
        assertEquals(0, memory.read8(0x300FFF));
        assertTrue(tags(image.ebx()).stream().noneMatch(t -> t[0] == 9), "no ELF sections for a raw image");
        assertTrue(image.format().startsWith("multiboot 2, address tag"));
    }

    @Test
    void optionalUnknownTagIsIgnored() {
        assertEquals(0x36D76289, boot(elfKernel(tag(42, 1, 0)).build()).eax());
    }

    @Test
    void optionalFramebufferRequestIsIgnored() {
        assertEquals(0x36D76289, boot(elfKernel(tag(5, 1, 1024, 768, 32)).build()).eax());
    }

    @Test
    void informationRequestForProvidedTagsIsAccepted() {
        assertEquals(0x36D76289, boot(elfKernel(tag(1, 0, 1, 4, 6, 9)).build()).eax());
    }

    // ---- refusals

    @Test
    void refusesAFileWithoutHeader() {
        assertEquals("not a multiboot 2 kernel: no multiboot 2 header in the first 32 KiB", refusal(new byte[40000]));
    }

    @Test
    void refusesAHeaderBeyondTheFirst32KiB() {
        byte[] kernel = TestElfBuilder.concat(new byte[32768], TestElfBuilder.multiboot2Header());
        assertEquals("not a multiboot 2 kernel: no multiboot 2 header in the first 32 KiB", refusal(kernel));
    }

    @Test
    void refusesABadChecksum() {
        byte[] header = TestElfBuilder.multiboot2Header();
        header[12]++;
        assertEquals("bad multiboot 2 header checksum at offset 0x0: magic + architecture + length + checksum = 0x00000001, must be 0",
                refusal(TestElfBuilder.concat(header, CODE)));
    }

    @Test
    void refusesAnotherArchitecture() {
        byte[] header = TestElfBuilder.multiboot2Header();
        TestElfBuilder.put32(header, 4, 4);
        TestElfBuilder.put32(header, 12, -(Multiboot2Loader.HEADER_MAGIC + 4 + header.length));
        assertEquals("the multiboot 2 header is for architecture 4, not i386 (0)", refusal(header));
    }

    @Test
    void refusesAnUnknownRequiredTag() {
        assertEquals("the multiboot 2 header tag type 7 (EFI boot services) is required but not supported",
                refusal(elfKernel(tag(7, 0)).build()));
    }

    @Test
    void refusesARequiredFramebuffer() {
        assertEquals("the multiboot 2 kernel requires a graphics framebuffer (header tag 5); the machine has VGA text mode only",
                refusal(elfKernel(tag(5, 0, 1024, 768, 32)).build()));
    }

    @Test
    void refusesARequiredInformationTagNotProvided() {
        assertEquals("the multiboot 2 kernel requires information tag 8, which this loader does not provide",
                refusal(elfKernel(tag(1, 0, 4, 8)).build()));
    }

    @Test
    void refusesAHeaderWithoutEndTag() {
        byte[] header = TestElfBuilder.multiboot2Header(tag(6, 0));
        TestElfBuilder.put16(header, header.length - 8, 6); // the end tag becomes another module-alignment tag
        assertEquals("the multiboot 2 header has no end tag", refusal(TestElfBuilder.concat(header, CODE)));
    }

    @Test
    void refusesA64BitElf() {
        byte[] kernel = elfKernel().build();
        kernel[4] = 2;
        assertEquals("64-bit ELF (ELFCLASS64) is not supported: build with -m32 / ld -m elf_i386", refusal(kernel));
    }

    @Test
    void refusesASegmentOutsideRam() {
        byte[] header = TestElfBuilder.multiboot2Header(tag(2, 0, 0x2000000, 0x2000000, 0, 0x2100000), tag(3, 0, 0x2000000));
        assertEquals("kernel at 0x02000000-0x020FFFFF lies outside usable RAM (it ends at 0x01FE0000; give the machine more memory)",
                refusal(header));
    }
}
