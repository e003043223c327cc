package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLoaderTest {
    private final PhysicalMemory memory = new PhysicalMemory(16 << 20);
    private static final byte[] CODE = {(byte) 0xF4, (byte) 0xEB, (byte) 0xFE, (byte) 0x90};

    private static byte[] kernelWith(byte[] headers) {
        return new TestElfBuilder()
                .entry(0x100000 + headers.length)
                .segment(".text", 0x100000, TestElfBuilder.concat(headers, CODE), headers.length + 4)
                .build();
    }

    private static final byte[] MB1 = kernelWith(TestElfBuilder.multiboot1Header(0));
    private static final byte[] MB2 = kernelWith(TestElfBuilder.multiboot2Header());
    private static final byte[] BOTH = kernelWith(TestElfBuilder.concat(TestElfBuilder.multiboot2Header(),
            TestElfBuilder.multiboot1Header(0), new byte[4]));

    private String refusal(byte[] kernel) {
        return assertThrows(BootException.class, () -> KernelLoader.load(memory, kernel, "", List.of())).getMessage();
    }

    @Test
    void detectsMultiboot1() {
        assertEquals(KernelLoader.Protocol.MULTIBOOT1, KernelLoader.detect(MB1));
    }

    @Test
    void detectsMultiboot2() {
        assertEquals(KernelLoader.Protocol.MULTIBOOT2, KernelLoader.detect(MB2));
    }

    @Test
    void detectsNothingInAPlainFile() {
        assertNull(KernelLoader.detect("just text".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void bootsMultiboot2WhenItIsTheOnlyHeader() {
        assertEquals(Multiboot2Loader.BOOTLOADER_MAGIC, KernelLoader.load(memory, MB2, "", List.of()).eax());
    }

    @Test
    void prefersMultiboot1WhenBothHeadersArePresentAsQemuDoes() {
        assertEquals(MultibootLoader.BOOTLOADER_MAGIC, KernelLoader.load(memory, BOTH, "", List.of()).eax());
    }

    @Test
    void bootsMultiboot2OnRequestWhenBothArePresent() {
        BootImage image = KernelLoader.load(memory, BOTH, "", List.of(), KernelLoader.Protocol.MULTIBOOT2);
        assertEquals(Multiboot2Loader.BOOTLOADER_MAGIC, image.eax());
    }

    @Test
    void fallsBackToMultiboot2WhenTheMultiboot1HeaderIsBroken() {
        byte[] kernel = BOTH.clone();
        int off = MultibootLoader.find(kernel).offset();
        kernel[off + 8] ^= 1;
        assertEquals(Multiboot2Loader.BOOTLOADER_MAGIC, KernelLoader.load(memory, kernel, "", List.of()).eax());
    }

    @Test
    void readsTheKernelFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kernel.elf");
        Files.write(file, MB1);
        assertEquals(0x2BADB002, KernelLoader.load(memory, file, "", List.of(), KernelLoader.Protocol.AUTO).eax());
    }

    @Test
    void refusesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.elf");
        BootException e = assertThrows(BootException.class,
                () -> KernelLoader.load(memory, missing, "", List.of(), KernelLoader.Protocol.AUTO));
        assertTrue(e.getMessage().startsWith("cannot read kernel " + missing), e.getMessage());
    }

    @Test
    void refusesAnEmptyFile() {
        assertEquals("the kernel file is empty", refusal(new byte[0]));
    }

    @Test
    void refusesAFileWithNoHeader() {
        assertEquals("not a multiboot kernel: no multiboot header in the first 8 KiB nor a multiboot 2 header in the first 32 KiB",
                refusal(new byte[50000]));
    }

    @Test
    void refusesAMultiboot1HeaderWithABadChecksum() {
        byte[] kernel = MB1.clone();
        int off = MultibootLoader.find(kernel).offset();
        kernel[off + 4] = 2; // flags change, checksum does not
        assertTrue(refusal(kernel).startsWith("bad multiboot header checksum at offset 0x"), refusal(kernel));
    }

    @Test
    void refusesAMultiboot2HeaderWithABadChecksum() {
        byte[] kernel = MB2.clone();
        kernel[Multiboot2Loader.find(kernel).offset() + 12] ^= 1;
        assertTrue(refusal(kernel).startsWith("bad multiboot 2 header checksum at offset 0x"), refusal(kernel));
    }

    @Test
    void refusesA64BitElfWithoutHeader() {
        byte[] elf64 = new byte[64];
        elf64[0] = 0x7F; elf64[1] = 'E'; elf64[2] = 'L'; elf64[3] = 'F'; elf64[4] = 2; elf64[5] = 1; elf64[6] = 1;
        assertEquals("64-bit ELF (ELFCLASS64) is not supported: build with -m32 / ld -m elf_i386", refusal(elf64));
    }

    @Test
    void refusesA64BitElfWithAMultibootHeader() {
        byte[] kernel = MB1.clone();
        kernel[4] = 2;
        assertEquals("64-bit ELF (ELFCLASS64) is not supported: build with -m32 / ld -m elf_i386", refusal(kernel));
    }

    @Test
    void refusesASegmentOutsideRam() {
        byte[] kernel = new TestElfBuilder().entry(0x2000000)
                .segment(".text", 0x2000000, TestElfBuilder.concat(TestElfBuilder.multiboot1Header(0), CODE), 16).build();
        assertEquals("kernel segment 0 at 0x02000000-0x0200000F lies outside usable RAM (it ends at 0x00FE0000; give the machine more memory)",
                refusal(kernel));
    }

    @Test
    void aSegmentOverTheLoaderStructuresIsLoadedAndTheInformationMoves() {
        for (byte[] header : List.of(TestElfBuilder.multiboot1Header(0), TestElfBuilder.multiboot2Header())) {
            byte[] kernel = new TestElfBuilder().entry(0x9000)
                    .segment(".text", 0x9000, TestElfBuilder.concat(header, CODE), 64).build();
            BootImage image = KernelLoader.load(new PhysicalMemory(16 << 20), kernel, "", List.of());
            assertTrue(image.ebx() >= 0x100000, image.toString());
        }
    }

    @Test
    void commandLineIsTheKernelNameASpaceAndTheAppendText() {
        assertEquals("path/to/k.elf a b", KernelLoader.commandLine("path/to/k.elf", "a b"));
    }

    @Test
    void commandLineEndsWithASpaceWhenNothingIsAppended() {
        assertEquals("k.elf ", KernelLoader.commandLine("k.elf", ""));
    }

    @Test
    void refusesATruncatedFile() {
        byte[] kernel = Arrays.copyOf(MB1, MB1.length - 1);
        assertTrue(refusal(kernel).startsWith("truncated ELF file: section header table"), refusal(kernel));
    }

    @Test
    void hugeCommandLineGoesAfterTheKernelLikeQemu() {
        String huge = "x".repeat(700_000);
        BootImage image = KernelLoader.load(memory, MB1, huge, List.of());
        long cmdline = memory.read32(image.ebx() + 16) & 0xFFFF_FFFFL;
        assertTrue(cmdline >= 0x100000, "command line at 0x" + Long.toHexString(cmdline));
        assertEquals('x', memory.read8(cmdline + 699_999));
        assertEquals(0, memory.read8(cmdline + 700_000));
    }

    @Test
    void refusesAModuleThatDoesNotFitInRam() {
        List<BootModule> modules = List.of(new BootModule("big", new byte[15 << 20]));
        BootException e = assertThrows(BootException.class, () -> KernelLoader.load(memory, MB1, "", modules));
        // The kernel's page, then the page of strings and module list (QEMU's layout), then the module.
        assertEquals("module 0 at 0x00102000-0x01001FFF lies outside usable RAM (it ends at 0x00FE0000; give the machine more memory)",
                e.getMessage());
    }

    @Test
    void corruptedKernelsAreRefusedOnlyWithBootExceptions() {
        byte[] kludge = TestElfBuilder.concat(TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_ADDRESSES,
                0x100000, 0x100000, 0x100020, 0x101000, 0x10001C), CODE, new byte[4]);
        byte[] address2 = TestElfBuilder.concat(TestElfBuilder.multiboot2Header(
                TestElfBuilder.tag(2, 0, 0x100000, 0x100000, 0, 0x102000), TestElfBuilder.tag(3, 0, 0x100000),
                TestElfBuilder.tag(1, 0, 4, 6)), CODE);
        Random random = new Random(86);
        PhysicalMemory small = new PhysicalMemory(4 << 20);
        for (byte[] kernel : List.of(MB1, MB2, BOTH, kludge, address2)) {
            KernelLoader.load(small, kernel, "", List.of()); // bootable as built
            for (int round = 0; round < 2000; round++) {
                byte[] bad = kernel.clone();
                for (int k = 0; k < 3; k++) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                int cut = random.nextInt(4) == 0 ? random.nextInt(bad.length + 1) : bad.length;
                try {
                    KernelLoader.load(small, Arrays.copyOf(bad, cut), "x", List.of());
                } catch (BootException expected) {
                    assertTrue(!expected.getMessage().isEmpty() && expected.getMessage().indexOf('\n') < 0);
                }
            }
        }
    }

    @Test
    void refusesASectionNameTableThatIsNotAStringTable() {
        byte[] kernel = MB1.clone();
        ElfFile elf = ElfFile.parse(kernel);
        int shoff = (int) KernelSegments.u32(kernel, 32);
        TestElfBuilder.put32(kernel, shoff + 40 * elf.sectionNameIndex() + 4, ElfFile.SHT_NOBITS);
        assertEquals("ELF section name table (section " + elf.sectionNameIndex() + ") is not a string table", refusal(kernel));
    }
}
