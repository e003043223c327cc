package i386mon.machine.boot;

import static i386mon.machine.boot.GuestMemory.u32;
import static i386mon.machine.boot.GuestMemory.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernels compiled by the host's gcc and ld, booted with both multiboot protocols. */
class RealKernelTest {
    private static final int RAM = 64 << 20;

    private static final String KERNEL_C = String.join("\n",
            "unsigned int boot_magic;",
            "unsigned int boot_info;",
            "static char scratch[8192];",
            "void kernel_main(unsigned int magic, unsigned int info) {",
            "    volatile unsigned short *vga = (unsigned short *) 0xB8000;",
            "    boot_magic = magic;",
            "    boot_info = info;",
            "    scratch[magic & 4095] = 1;",
            "    vga[0] = 0x0F00 | 'K';",
            "}",
            "char *scratch_area(void) { return scratch; }",
            "");

    /** The entry code shared by all kernels: a stack, then kernel_main(magic, info), then halt. */
    private static final String START_S = String.join("\n",
            "    .section .bss",
            "    .align 16",
            "stack_bottom: .skip 4096",
            "stack_top:",
            "    .text",
            "    .globl _start",
            "    .type _start, @function",
            "_start:",
            "    mov $stack_top, %esp",
            "    push %ebx",
            "    push %eax",
            "    call kernel_main",
            "halt: cli",
            "    hlt",
            "    jmp halt",
            "    .size _start, . - _start",
            "");

    private static final String MB1_S = String.join("\n",
            "    .set FLAGS, 3", // page-aligned modules, memory information
            "    .section .multiboot, \"a\"",
            "    .align 4",
            "    .long 0x1BADB002, FLAGS, -(0x1BADB002 + FLAGS)",
            "");

    private static final String AOUT_S = String.join("\n",
            "    .set FLAGS, 0x10003", // plus the address fields (a.out kludge)
            "    .section .multiboot, \"a\"",
            "    .align 4",
            "mb_header:",
            "    .long 0x1BADB002, FLAGS, -(0x1BADB002 + FLAGS)",
            "    .long mb_header, _load_start, _edata, _end, _start",
            "");

    private static final String MB2_S = String.join("\n",
            "    .section .multiboot, \"a\"",
            "    .align 8",
            "mb2_start:",
            "    .long 0xE85250D6, 0, mb2_end - mb2_start",
            "    .long 0x100000000 - (0xE85250D6 + (mb2_end - mb2_start))",
            "    .align 8",
            "    .short 1, 0", // information request: memory map and ELF sections, required
            "    .long 16",
            "    .long 6, 9",
            "    .align 8",
            "    .short 0, 0",
            "    .long 8",
            "mb2_end:",
            "");

    private static final String LINK_LD = String.join("\n",
            "ENTRY(_start)",
            "SECTIONS {",
            "    . = 1M;",
            "    _load_start = .;",
            "    .text : { *(.multiboot) *(.text*) }",
            "    .rodata : { *(.rodata*) }",
            "    .data : { *(.data*) }",
            "    _edata = .;",
            "    .bss : { *(COMMON) *(.bss*) }",
            "    _end = .;",
            "    /DISCARD/ : { *(.note*) *(.comment) *(.eh_frame) }",
            "}",
            "");

    @TempDir
    static Path dir;
    private static byte[] mb1Elf;
    private static byte[] mb2Elf;
    private static byte[] aoutElf;
    private static byte[] aoutBinary;

    private final PhysicalMemory memory = new PhysicalMemory(RAM);
    private static final List<BootModule> MODULES = List.of(
            new BootModule("/boot/initrd.img rw", "initrd contents".getBytes(StandardCharsets.US_ASCII)));

    @BeforeAll
    static void buildKernels() throws Exception {
        HostToolchain.assumeAvailable();
        HostToolchain.write(dir, "kernel.c", KERNEL_C);
        HostToolchain.write(dir, "start.S", START_S);
        HostToolchain.write(dir, "mb1.S", MB1_S);
        HostToolchain.write(dir, "aout.S", AOUT_S);
        HostToolchain.write(dir, "mb2.S", MB2_S);
        HostToolchain.write(dir, "link.ld", LINK_LD);
        mb1Elf = Files.readAllBytes(HostToolchain.buildKernel(dir, "mb1.elf", "link.ld", "mb1.S", "start.S", "kernel.c"));
        mb2Elf = Files.readAllBytes(HostToolchain.buildKernel(dir, "mb2.elf", "link.ld", "mb2.S", "start.S", "kernel.c"));
        aoutElf = Files.readAllBytes(HostToolchain.buildKernel(dir, "aout.elf", "link.ld", "aout.S", "start.S", "kernel.c"));
        HostToolchain.run(dir, "objcopy", "-O", "binary", "aout.elf", "aout.bin");
        aoutBinary = Files.readAllBytes(dir.resolve("aout.bin"));
    }

    private static long symbol(byte[] elf, String name) {
        return SymbolTable.fromElf(ElfFile.parse(elf)).lookup(name).orElseThrow();
    }

    @Test
    void multiboot1ElfStartsAtStartWithTheMagic() {
        BootImage image = KernelLoader.load(memory, mb1Elf, "mb1.elf debug", MODULES);
        assertEquals(symbol(mb1Elf, "_start"), image.eip());
        assertEquals(0x2BADB002, image.eax());
        assertEquals(0x9500, image.ebx()); // as QEMU: the memory map at 0x9000, the info 0x500 above
        assertTrue(image.format().startsWith("multiboot 1, ELF32"), image.format());
    }

    @Test
    void multiboot1ElfLoadsTheLinkedBytes() {
        KernelLoader.load(memory, mb1Elf, null, List.of());
        ElfFile elf = ElfFile.parse(mb1Elf);
        ElfFile.SectionHeader text = elf.sectionHeaders().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        byte[] expected = Arrays.copyOfRange(mb1Elf, (int) text.offset(), (int) (text.offset() + text.size()));
        assertArrayEquals(expected, GuestMemory.bytes(memory, text.addr(), expected.length));
    }

    @Test
    void multiboot1ElfInfoStructure() {
        BootImage image = KernelLoader.load(memory, mb1Elf, "mb1.elf debug", MODULES);
        long mbi = image.ebx();
        assertEquals(0x26F, u32(memory, mbi)); // memory, boot device, cmdline, mods, ELF sections, mmap, loader name
        assertEquals(639, u32(memory, mbi + 4));
        assertEquals((RAM >> 10) - 128 - 1024, u32(memory, mbi + 8));
        assertEquals("mb1.elf debug", GuestMemory.string(memory, u32(memory, mbi + 16)));
        assertEquals("i386mon", GuestMemory.string(memory, u32(memory, mbi + 64)));
        long mmap = u32(memory, mbi + 48);
        assertEquals(6 * 24, u32(memory, mbi + 44));
        assertEquals(0x100000, u64(memory, mmap + 3 * 24 + 4));
        assertEquals(RAM - 0x20000 - 0x100000, u64(memory, mmap + 3 * 24 + 12));
    }

    @Test
    void multiboot1ElfModuleFollowsTheKernelBss() {
        BootImage image = KernelLoader.load(memory, mb1Elf, "", MODULES);
        long mods = u32(memory, image.ebx() + 24);
        long start = u32(memory, mods);
        assertTrue(start >= symbol(mb1Elf, "_end"), "module above the kernel's BSS");
        assertEquals(0, start % 4096);
        assertEquals("initrd contents", GuestMemory.string(memory, start));
        assertEquals(start + 15, u32(memory, mods + 4));
        assertEquals("/boot/initrd.img rw", GuestMemory.string(memory, u32(memory, mods + 8)));
    }

    @Test
    void multiboot1ElfSectionHeadersNameTheKernelSections() {
        BootImage image = KernelLoader.load(memory, mb1Elf, "", List.of());
        long mbi = image.ebx();
        ElfFile elf = ElfFile.parse(mb1Elf);
        long num = u32(memory, mbi + 28), size = u32(memory, mbi + 32), addr = u32(memory, mbi + 36), shndx = u32(memory, mbi + 40);
        assertEquals(elf.sectionHeaders().size(), num);
        assertEquals(40, size);
        assertEquals(elf.sectionNameIndex(), shndx);
        // Allocated sections keep their addresses; the symbol and string tables are loaded and their sh_addr set.
        for (ElfFile.SectionHeader s : elf.sectionHeaders()) {
            long guestAddr = u32(memory, addr + 40L * s.index() + 12);
            if (s.type() == ElfFile.SHT_SYMTAB || s.type() == ElfFile.SHT_STRTAB) {
                assertTrue(guestAddr >= 0x100000, s.name());
                byte[] inFile = Arrays.copyOfRange(mb1Elf, (int) s.offset(), (int) (s.offset() + s.size()));
                assertArrayEquals(inFile, GuestMemory.bytes(memory, guestAddr, inFile.length), s.name());
            } else if (s.addr() != 0) {
                assertEquals(s.addr(), guestAddr, s.name());
            }
        }
    }

    @Test
    void multiboot1ElfSymbolsDescribeCode() {
        BootImage image = KernelLoader.load(memory, mb1Elf, "", List.of());
        long main = image.symbols().lookup("kernel_main").orElseThrow();
        assertEquals(SymbolTable.Kind.FUNCTION, image.symbols().symbol("kernel_main").kind());
        assertEquals("kernel_main+0x3", image.symbols().describe(main + 3));
        assertEquals("_start", image.symbols().describe(image.eip()));
        assertTrue(image.symbols().names().containsAll(List.of("boot_magic", "boot_info", "halt", "stack_top")));
        assertTrue(image.symbols().lookup("scratch").isPresent(), "local static object");
    }

    @Test
    void aoutKludgeBinaryLoadsWhereTheHeaderSays() {
        memory.fill(0x100000, 0x10000, (byte) 0xAA);
        BootImage image = KernelLoader.load(memory, aoutBinary, "aout", MODULES);
        assertEquals(symbol(aoutElf, "_start"), image.eip());
        assertEquals(0x2BADB002, image.eax());
        assertArrayEquals(aoutBinary, GuestMemory.bytes(memory, 0x100000, aoutBinary.length));
        long bssEnd = symbol(aoutElf, "_end");
        for (long a = 0x100000 + aoutBinary.length; a < bssEnd; a++) assertEquals(0, memory.read8(a), "BSS byte");
        assertTrue(image.format().contains("a.out kludge"), image.format());
        assertTrue(image.symbols().isEmpty(), "a flat binary carries no symbols");
    }

    @Test
    void aoutKludgeBinaryInfoStructure() {
        BootImage image = KernelLoader.load(memory, aoutBinary, "aout arg", MODULES);
        long mbi = image.ebx();
        assertEquals(0x24F, u32(memory, mbi)); // no ELF section headers
        assertEquals("aout arg", GuestMemory.string(memory, u32(memory, mbi + 16)));
        assertEquals(1, u32(memory, mbi + 20));
        long mods = u32(memory, mbi + 24);
        assertTrue(u32(memory, mods) >= symbol(aoutElf, "_end"));
        assertEquals("/boot/initrd.img rw", GuestMemory.string(memory, u32(memory, mods + 8)));
    }

    @Test
    void aoutKludgeOnTheElfFileKeepsItsSymbols() {
        BootImage image = KernelLoader.load(memory, aoutElf, "", List.of());
        assertEquals(symbol(aoutElf, "_start"), image.eip());
        assertTrue(image.symbols().lookup("kernel_main").isPresent());
    }

    @Test
    void multiboot2ElfInfoTags() {
        BootImage image = KernelLoader.load(memory, mb2Elf, "mb2.elf", MODULES);
        assertEquals(0x36D76289, image.eax());
        assertEquals(symbol(mb2Elf, "_start"), image.eip());
        long info = image.ebx();
        long p = info + 8;
        StringBuilder types = new StringBuilder();
        while (u32(memory, p) != 0) {
            long type = u32(memory, p), size = u32(memory, p + 4);
            types.append(type).append(' ');
            if (type == 1) assertEquals("mb2.elf", GuestMemory.string(memory, p + 8));
            if (type == 2) assertEquals("i386mon", GuestMemory.string(memory, p + 8));
            if (type == 3) {
                assertEquals("initrd contents", GuestMemory.string(memory, u32(memory, p + 8)));
                assertEquals("/boot/initrd.img rw", GuestMemory.string(memory, p + 16));
            }
            if (type == 4) assertEquals((RAM >> 10) - 128 - 1024, u32(memory, p + 12));
            if (type == 6) assertEquals(RAM - 0x20000 - 0x100000, u64(memory, p + 16 + 3 * 24 + 8));
            if (type == 9) assertEquals(ElfFile.parse(mb2Elf).sectionHeaders().size(), u32(memory, p + 8));
            p += (size + 7) & ~7L;
        }
        assertEquals("1 2 3 4 6 9 ", types.toString());
        assertEquals(p + 8 - info, u32(memory, info));
    }

    @Test
    void fileWithBothHeadersBootsAsMultiboot1LikeQemu() throws Exception {
        HostToolchain.write(dir, "both.ld", LINK_LD.replace("*(.multiboot)", "*(.multiboot) *(.multiboot2)"));
        HostToolchain.write(dir, "mb2b.S", MB2_S.replace(".section .multiboot,", ".section .multiboot2,"));
        byte[] both = Files.readAllBytes(HostToolchain.buildKernel(dir, "both.elf", "both.ld", "mb1.S", "mb2b.S", "start.S", "kernel.c"));
        assertEquals(KernelLoader.Protocol.MULTIBOOT1, KernelLoader.detect(both));
        assertEquals(0x2BADB002, KernelLoader.load(memory, both, "", List.of()).eax());
        assertEquals(0x36D76289, KernelLoader.load(new PhysicalMemory(RAM), both, "", List.of(), KernelLoader.Protocol.MULTIBOOT2).eax());
    }
}
