package i386mon.machine.boot;

import static i386mon.machine.boot.GuestMemory.u32;
import static i386mon.machine.boot.GuestMemory.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultibootLoaderTest {
    private static final int RAM = 16 << 20;
    private final PhysicalMemory memory = new PhysicalMemory(RAM);

    /** Code after the header: cli; hlt; jmp $-1 (bytes only matter as content). */
    private static final byte[] CODE = {(byte) 0xFA, (byte) 0xF4, (byte) 0xEB, (byte) 0xFD};

    private static byte[] text(int flags) {
        return TestElfBuilder.concat(TestElfBuilder.multiboot1Header(flags), CODE);
    }

    private static TestElfBuilder elfKernel() {
        return new TestElfBuilder()
                .entry(0x10000C)
                .segment(".text", 0x100000, text(MultibootLoader.FLAG_PAGE_ALIGN | MultibootLoader.FLAG_MEMORY_INFO), 16)
                .segment(".data", 0x102000, new byte[] {0x11, 0x22, 0x33, 0x44}, 0x2000)
                .function("_start", 0x10000C, 4)
                .symbol("stack_top", 0x104000, 0, ElfFile.STT_NOTYPE, ElfFile.STB_GLOBAL);
    }

    private static final List<BootModule> MODULES = List.of(
            new BootModule("initrd.img root=/", "INITRD".getBytes(StandardCharsets.US_ASCII)),
            new BootModule("font.psf", new byte[5000]));

    private BootImage boot() {
        return MultibootLoader.load(memory, elfKernel().build(), "/boot/kernel.elf console=ttyS0", MODULES);
    }

    private String refusal(byte[] kernel) {
        return assertThrows(BootException.class, () -> MultibootLoader.load(memory, kernel, "", List.of())).getMessage();
    }

    @Test
    void registersFollowTheSpecification() {
        BootImage image = boot();
        assertEquals(0x10000C, image.eip());
        assertEquals(0x2BADB002, image.eax());
        assertEquals(0x9500, image.ebx());
    }

    @Test
    void infoFlagsAnnounceMemoryCmdlineModulesSectionsMapAndName() {
        boot();
        assertEquals(1 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 5 | 1 << 6 | 1 << 9, u32(memory, 0x9500));
    }

    @Test
    void memLowerAndUpperAreInKiB() {
        boot();
        assertEquals(639, u32(memory, 0x9504));
        assertEquals((RAM - 0x20000 - 0x100000) / 1024, u32(memory, 0x9508));
    }

    @Test
    void cmdlineIsTheGivenString() {
        boot();
        assertEquals("/boot/kernel.elf console=ttyS0", GuestMemory.string(memory, u32(memory, 0x9500 + 16)));
    }

    @Test
    void bootLoaderNameIsI386mon() {
        boot();
        assertEquals("i386mon", GuestMemory.string(memory, u32(memory, 0x9500 + 64)));
    }

    @Test
    void memoryMapEntriesStartWithTheirSizeField() {
        boot();
        long len = u32(memory, 0x9500 + 44), addr = u32(memory, 0x9500 + 48);
        assertEquals(6 * 24, len);
        long[][] expected = {{0, 0x9FC00, 1}, {0x9FC00, 0x400, 2}, {0xF0000, 0x10000, 2}, {0x100000, RAM - 0x20000 - 0x100000, 1},
            {RAM - 0x20000, 0x20000, 2}, {0xFFFC0000L, 0x40000, 2}};
        for (int i = 0; i < 6; i++) {
            long e = addr + 24L * i;
            assertEquals(20, u32(memory, e), "size of entry " + i);
            assertEquals(expected[i][0], u64(memory, e + 4), "base of entry " + i);
            assertEquals(expected[i][1], u64(memory, e + 12), "length of entry " + i);
            assertEquals(expected[i][2], u32(memory, e + 20), "type of entry " + i);
        }
    }

    @Test
    void modulesArePageAlignedAfterTheKernelWithTheirStrings() {
        boot();
        assertEquals(2, u32(memory, 0x9500 + 20));
        long mods = u32(memory, 0x9500 + 24);
        long first = u32(memory, mods), firstEnd = u32(memory, mods + 4);
        long second = u32(memory, mods + 16), secondEnd = u32(memory, mods + 20);
        assertTrue(first >= 0x104000 && first % 4096 == 0, "first module at 0x" + Long.toHexString(first));
        assertEquals(6, firstEnd - first);
        assertArrayEquals("INITRD".getBytes(StandardCharsets.US_ASCII), GuestMemory.bytes(memory, first, 6));
        assertEquals("initrd.img root=/", GuestMemory.string(memory, u32(memory, mods + 8)));
        assertTrue(second >= firstEnd && second % 4096 == 0);
        assertEquals(5000, secondEnd - second);
        assertEquals("font.psf", GuestMemory.string(memory, u32(memory, mods + 24)));
    }

    @Test
    void elfSectionHeaderTableIsCopiedIntoGuestMemory() {
        byte[] kernel = elfKernel().build();
        MultibootLoader.load(memory, kernel, null, List.of());
        ElfFile elf = ElfFile.parse(kernel);
        assertEquals(elf.sectionHeaders().size(), u32(memory, 0x9500 + 28));
        assertEquals(40, u32(memory, 0x9500 + 32));
        assertEquals(elf.sectionNameIndex(), u32(memory, 0x9500 + 40));
        long table = u32(memory, 0x9500 + 36);
        // .text's header is unchanged: same name offset, type and address.
        byte[] text = GuestMemory.bytes(memory, table + 40, 40);
        assertArrayEquals(Arrays.copyOfRange(elf.sectionHeaderTable(), 40, 80), text);
    }

    @Test
    void symbolTableSectionIsLoadedAndItsAddressPatched() {
        byte[] kernel = elfKernel().build();
        BootImage image = MultibootLoader.load(memory, kernel, null, List.of());
        ElfFile elf = ElfFile.parse(kernel);
        ElfFile.SectionHeader symtab = elf.sectionHeaders().stream().filter(s -> s.type() == ElfFile.SHT_SYMTAB).findFirst().orElseThrow();
        long table = u32(memory, 0x9500 + 36);
        long addr = u32(memory, table + 40L * symtab.index() + 12);
        assertEquals(image.range("ELF .symtab").start(), addr);
        byte[] inFile = Arrays.copyOfRange(kernel, (int) symtab.offset(), (int) (symtab.offset() + symtab.size()));
        assertArrayEquals(inFile, GuestMemory.bytes(memory, addr, inFile.length));
    }

    @Test
    void loadsSegmentsAndZeroesBss() {
        memory.fill(0x102000, 0x2000, (byte) 0xAA);
        boot();
        assertEquals(0x44332211, u32(memory, 0x102000));
        assertEquals(0, u32(memory, 0x102004));
        assertEquals(0, u32(memory, 0x103FFC));
        assertEquals(MultibootLoader.HEADER_MAGIC & 0xFFFFFFFFL, u32(memory, 0x100000));
    }

    @Test
    void higherHalfEntryIsTranslatedToItsPhysicalAddress() {
        byte[] kernel = new TestElfBuilder()
                .entry(0xC010000C)
                .segment(".text", 0xC0100000L, 0x100000, text(0), 16)
                .build();
        BootImage image = MultibootLoader.load(memory, kernel, null, List.of());
        assertEquals(0x10000C, image.eip());
        assertEquals(0xFA, memory.read8(0x10000C));
    }

    @Test
    void higherHalfKernelMayGiveItsPhysicalEntryPoint() {
        byte[] kernel = new TestElfBuilder()
                .entry(0x10000C)
                .segment(".text", 0xC0100000L, 0x100000, text(0), 16)
                .build();
        BootImage image = MultibootLoader.load(memory, kernel, null, List.of());
        assertEquals(0x10000C, image.eip());
    }

    @Test
    void kernelSymbolsAreReturned() {
        BootImage image = boot();
        assertEquals(0x10000C, image.symbols().lookup("_start").orElseThrow());
        assertEquals("_start+0x2", image.symbols().describe(0x10000E));
    }

    @Test
    void rangesNameKernelModulesAndInfo() {
        BootImage image = boot();
        assertEquals(0x100000, image.range("kernel segment 0").start());
        assertEquals(0x104000, image.range("kernel segment 1").end());
        assertNotNull(image.range("module 0"));
        assertNotNull(image.range("module 1"));
        assertEquals(0x9000, image.range("multiboot information").start());
    }

    // ---- the a.out kludge (header flag 16)

    private static byte[] kludgeKernel(long bssEnd) {
        // header at file offset 0x20, loaded so that file offset 0 lands at 0x200000.
        byte[] pad = new byte[0x20];
        byte[] header = TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_ADDRESSES | MultibootLoader.FLAG_MEMORY_INFO,
                0x200020, 0x200000, 0x200000 + 0x20 + 32 + 4, bssEnd, 0x200040);
        return TestElfBuilder.concat(pad, header, CODE, "TRAILING".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aoutKludgeLoadsFromLoadAddrToLoadEndAddr() {
        memory.fill(0x200000, 0x3000, (byte) 0xAA);
        BootImage image = MultibootLoader.load(memory, kludgeKernel(0x201000), "k", List.of());
        assertEquals(0x200040, image.eip());
        assertEquals(0xFA, memory.read8(0x200040));
        assertEquals(0x1BADB002L, u32(memory, 0x200020));
        assertEquals(0, memory.read8(0x200044), "bytes after load_end_addr are BSS, not file bytes");
        assertEquals(0, u32(memory, 0x200FFC));
        assertEquals('k', memory.read8(0x201000), "the string block follows the kernel's last page, as in QEMU");
        assertEquals(0xAA, memory.read8(0x202000));
    }

    @Test
    void aoutKludgeBuildsTheSameInfoButNoSectionHeaders() {
        BootImage image = MultibootLoader.load(memory, kludgeKernel(0), "cmd", MODULES);
        assertEquals(0x2BADB002, image.eax());
        assertEquals(1 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 6 | 1 << 9, u32(memory, 0x9500));
        assertEquals("cmd", GuestMemory.string(memory, u32(memory, 0x9500 + 16)));
        assertEquals(0x201000, u32(memory, 0x9500 + 24)); // the module list: first page after the kernel (QEMU layout)
        assertEquals(0x202000, u32(memory, 0x201000)); // the first module, on the next page
        assertTrue(image.format().contains("a.out kludge"));
    }

    @Test
    void videoModeRequestIsAcceptedAndNoted() {
        byte[] kernel = new TestElfBuilder().entry(0x10000C)
                .segment(".text", 0x100000, text(MultibootLoader.FLAG_VIDEO_MODE), 16).build();
        BootImage image = MultibootLoader.load(memory, kernel, null, List.of());
        assertTrue(image.format().contains("video mode request ignored"), image.format());
    }

    @Test
    void addressFieldsLetA64BitElfBootAsAFlatImage() {
        byte[] kernel = kludgeKernel(0);
        kernel[0] = 0x7F; kernel[1] = 'E'; kernel[2] = 'L'; kernel[3] = 'F'; kernel[4] = 2; // ELFCLASS64 lookalike
        assertEquals(0x200040, MultibootLoader.load(memory, kernel, null, List.of()).eip());
    }

    // ---- refusals

    @Test
    void refusesAFileWithoutHeader() {
        assertEquals("not a multiboot kernel: no multiboot header in the first 8 KiB", refusal(new byte[9000]));
    }

    @Test
    void refusesAHeaderBeyondTheFirst8KiB() {
        byte[] kernel = TestElfBuilder.concat(new byte[8192], TestElfBuilder.multiboot1Header(0));
        assertEquals("not a multiboot kernel: no multiboot header in the first 8 KiB", refusal(kernel));
    }

    @Test
    void refusesABadChecksum() {
        byte[] kernel = elfKernel().build();
        int off = MultibootLoader.find(kernel).offset();
        kernel[off + 8]++;
        assertEquals(String.format("bad multiboot header checksum at offset 0x%X: magic + flags + checksum = 0x00000001, must be 0", off),
                refusal(kernel));
    }

    @Test
    void refusesA64BitElf() {
        byte[] kernel = elfKernel().build();
        kernel[4] = 2;
        assertEquals("64-bit ELF (ELFCLASS64) is not supported: build with -m32 / ld -m elf_i386", refusal(kernel));
    }

    @Test
    void refusesASegmentOutsideRam() {
        byte[] kernel = new TestElfBuilder().entry(0x100000)
                .segment(".text", 0x100000, text(0), 16)
                .segment(".bss", 0xFFF000, new byte[0], 0x2000).build();
        assertEquals("kernel segment 1 at 0x00FFF000-0x01000FFF lies outside usable RAM (it ends at 0x00FE0000; give the machine more memory)",
                refusal(kernel));
    }

    @Test
    void refusesASegmentBeyond3GiB() {
        byte[] kernel = new TestElfBuilder().entry(0xC0000000L)
                .segment(".text", 0xC0000000L, text(0), 16).build();
        assertEquals("kernel segment 0 at 0xC0000000-0xC000000F lies beyond 3 GiB, the most RAM the machine can have",
                refusal(kernel));
    }

    /** A kernel linked at 0x8000 whose image covers QEMU's fixed spot for the information at 0x9000. */
    private static byte[] lowKernel() {
        return new TestElfBuilder().entry(0x800C)
                .segment(".text", 0x8000, text(MultibootLoader.FLAG_MEMORY_INFO), 0x1100).build();
    }

    @Test
    void segmentOverTheInformationAreaIsLoaded() {
        memory.fill(0x8000, 0x1100, (byte) 0xAA);
        MultibootLoader.load(memory, lowKernel(), "low.elf ", List.of());
        assertEquals(0x1BADB002L, u32(memory, 0x8000));
        assertEquals(0, u32(memory, 0x9500), "the kernel's BSS is zeroed, not overwritten by the information");
    }

    @Test
    void informationMovesAfterAKernelThatWantsItsLowMemory() {
        BootImage image = MultibootLoader.load(memory, lowKernel(), "low.elf ", List.of());
        long base = image.ebx() - MultibootLoader.MMAP_AREA;
        assertTrue(base >= 0x100000 && base % 4096 == 0, String.format("information at 0x%X", base));
        assertEquals(1 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 5 | 1 << 6 | 1 << 9, u32(memory, image.ebx()));
        assertEquals(base, u32(memory, image.ebx() + 48), "the memory map moves with it");
        assertEquals(20, u32(memory, base));
        assertEquals("low.elf ", GuestMemory.string(memory, u32(memory, image.ebx() + 16)));
        assertTrue(image.range("multiboot information").start() >= 0x100000);
    }

    @Test
    void entryStackIsWhereQemusLoaderLeavesIt() {
        assertEquals(0x6F08, boot().esp());
    }

    @Test
    void elfHeaderPageInTheBiosAreaIsLoaded() {
        // ld -Ttext 0x100000 without -N: a read-only PT_LOAD for the ELF and program headers at 0xFF000.
        byte[] kernel = new TestElfBuilder().entry(0x10000C)
                .segment(".headers", 0xFF000, new byte[] {0x7F, 'E', 'L', 'F'}, 0xD4)
                .segment(".text", 0x100000, text(MultibootLoader.FLAG_MEMORY_INFO), 16).build();
        BootImage image = MultibootLoader.load(memory, kernel, "k ", List.of());
        assertEquals(0x10000C, image.eip());
        assertEquals(0x464C457FL, u32(memory, 0xFF000), "a kernel under QEMU reads its ELF header there");
        assertEquals(0x1BADB002L, u32(memory, 0x100000));
    }

    /** Why a flat image with these header address fields (flag 16) is refused. */
    private String kludgeRefusal(long headerAddr, long loadAddr, long loadEndAddr, long bssEndAddr, long entryAddr) {
        return refusal(TestElfBuilder.concat(TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_ADDRESSES,
                headerAddr, loadAddr, loadEndAddr, bssEndAddr, entryAddr), CODE));
    }

    @Test
    void refusesAKludgeLoadAddressAboveTheHeaderAddress() {
        assertEquals("multiboot header: load_addr 0x00200010 is above header_addr 0x00200000",
                kludgeRefusal(0x200000, 0x200010, 0, 0, 0x200010));
    }

    @Test
    void refusesAKludgeLoadEndBelowTheLoadAddress() {
        assertEquals("multiboot header: load_end_addr 0x001FF000 is not above load_addr 0x00200000",
                kludgeRefusal(0x200000, 0x200000, 0x1FF000, 0, 0x200020));
    }

    @Test
    void refusesAKludgeBssEndBelowTheImage() {
        assertEquals("multiboot header: bss_end_addr 0x00200010 is below the end of the loaded image 0x00200024",
                kludgeRefusal(0x200000, 0x200000, 0x200024, 0x200010, 0x200020));
    }

    @Test
    void refusesAnElfForAnotherMachine() {
        byte[] kernel = elfKernel().machine(40).build();
        assertEquals("ELF machine 40 (ARM) is not i386 (EM_386 = 3)", refusal(kernel));
    }

    @Test
    void refusesASegmentOverTheBiosArea() {
        byte[] kernel = new TestElfBuilder().entry(0xA0000)
                .segment(".text", 0xA0000, text(0), 16).build();
        assertEquals("kernel segment 0 at 0x000A0000-0x000A000F overlaps the BIOS/VGA area 0x0009FC00-0x000EFFFF, which is not usable RAM",
                refusal(kernel));
    }

    @Test
    void refusesATruncatedElf() {
        byte[] kernel = elfKernel().build();
        String message = refusal(Arrays.copyOf(kernel, kernel.length - 100));
        assertTrue(message.startsWith("truncated ELF file: "), message);
    }

    @Test
    void refusesATruncatedKludgeImage() {
        byte[] kernel = kludgeKernel(0);
        assertEquals("truncated kernel: multiboot header asks for 0x44 bytes from file offset 0x0, the file has 0x40 bytes",
                refusal(Arrays.copyOf(kernel, 0x40)));
    }

    @Test
    void refusesUnknownRequiredHeaderFlags() {
        byte[] kernel = new TestElfBuilder().entry(0x10000C).segment(".text", 0x100000, text(1 << 3), 16).build();
        assertEquals("the multiboot header requires features this loader does not know (flags 0x0008)", refusal(kernel));
    }

    @Test
    void refusesAnEntryPointOutsideTheSegments() {
        byte[] kernel = new TestElfBuilder().entry(0x300000).segment(".text", 0x100000, text(0), 16).build();
        assertEquals("the ELF entry point 0x00300000 is not inside any loadable segment", refusal(kernel));
    }

    @Test
    void refusalWritesNothing() {
        byte[] kernel = new TestElfBuilder().entry(0x100000)
                .segment(".text", 0x100000, text(0), 16)
                .segment(".bss", 0xFFF000, new byte[0], 0x2000).build();
        refusal(kernel);
        assertEquals(0, u32(memory, 0x100000));
        assertEquals(0, u32(memory, 0x9000));
    }
}
