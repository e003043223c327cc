package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ElfFileTest {
    private final TestElfBuilder builder = new TestElfBuilder()
            .entry(0x100000)
            .segment(".text", 0x100000, new byte[] {(byte) 0x90, (byte) 0xF4}, 2)
            .segment(".data", 0x101000, new byte[] {1, 2, 3, 4}, 0x100)
            .function("kernel_main", 0x100000, 2)
            .symbol("counter", 0x101000, 4, ElfFile.STT_OBJECT, ElfFile.STB_LOCAL);

    private static String refusal(byte[] image) {
        return assertThrows(BootException.class, () -> ElfFile.parse(image)).getMessage();
    }

    @Test
    void readsHeaderFields() {
        ElfFile elf = ElfFile.parse(builder.build());
        assertEquals(ElfFile.ET_EXEC, elf.type());
        assertEquals(ElfFile.EM_386, elf.machine());
        assertEquals(0x100000, elf.entry());
    }

    @Test
    void readsLoadSegments() {
        ElfFile elf = ElfFile.parse(builder.build());
        assertEquals(2, elf.programHeaders().size());
        ElfFile.ProgramHeader data = elf.programHeaders().get(1);
        assertEquals(ElfFile.PT_LOAD, data.type());
        assertEquals(0x101000, data.paddr());
        assertEquals(4, data.fileSize());
        assertEquals(0x100, data.memSize());
        assertEquals(builder.segmentOffsets.get(1), (int) data.offset());
    }

    @Test
    void readsSectionHeadersWithNames() {
        ElfFile elf = ElfFile.parse(builder.build());
        assertEquals(6, elf.sectionHeaders().size());
        assertEquals(".text", elf.sectionHeaders().get(1).name());
        assertEquals(".symtab", elf.sectionHeaders().get(3).name());
        assertEquals(".shstrtab", elf.sectionHeaders().get(elf.sectionNameIndex()).name());
    }

    @Test
    void readsSymbols() {
        ElfFile elf = ElfFile.parse(builder.build());
        ElfFile.ElfSymbol main = elf.symbols().stream().filter(s -> s.name().equals("kernel_main")).findFirst().orElseThrow();
        assertEquals(0x100000, main.value());
        assertEquals(2, main.size());
        assertEquals(ElfFile.STT_FUNC, main.type());
        assertEquals(ElfFile.STB_GLOBAL, main.binding());
    }

    @Test
    void sectionHeaderTableCopyMatchesFile() {
        byte[] image = builder.build();
        ElfFile elf = ElfFile.parse(image);
        byte[] table = elf.sectionHeaderTable();
        assertEquals(6 * 40, table.length);
        assertTrue(Arrays.equals(table, Arrays.copyOfRange(image, builder.shoff, builder.shoff + 240)));
    }

    @Test
    void refusesFileShorterThanIdentification() {
        assertEquals("truncated ELF file: 10 bytes, smaller than the 16-byte ELF identification",
                refusal(Arrays.copyOf(builder.build(), 10)));
    }

    @Test
    void refusesFileShorterThanHeader() {
        assertEquals("truncated ELF file: 40 bytes, the ELF header needs 52", refusal(Arrays.copyOf(builder.build(), 40)));
    }

    @Test
    void refusesBadMagic() {
        byte[] image = builder.build();
        image[1] = 'X';
        assertEquals("bad ELF magic: the file does not start with 0x7F 'E' 'L' 'F'", refusal(image));
    }

    @Test
    void refuses64BitElf() {
        assertEquals("64-bit ELF (ELFCLASS64) is not supported: build with -m32 / ld -m elf_i386",
                refusal(builder.elfClass(2).build()));
    }

    @Test
    void refusesBigEndianElf() {
        assertEquals("big-endian ELF (ELFDATA2MSB) is not supported: i386 is little-endian",
                refusal(builder.dataEncoding(2).build()));
    }

    @Test
    void refusesWrongMachine() {
        assertEquals("ELF machine 40 (ARM) is not i386 (EM_386 = 3)", refusal(builder.machine(40).build()));
    }

    @Test
    void refusesProgramHeaderTableBeyondEnd() {
        byte[] image = builder.build();
        TestElfBuilder.put32(image, 28, image.length - 8);
        assertTrue(refusal(image).startsWith("truncated ELF file: program header table (offset 0x"), refusal(image));
    }

    @Test
    void refusesSectionHeaderTableBeyondEnd() {
        byte[] image = builder.build();
        assertEquals("truncated ELF file: section header table (offset 0x" + Integer.toHexString(builder.shoff).toUpperCase()
                + ", 0xF0 bytes) lies beyond the end of the file (0x" + Integer.toHexString(image.length - 1).toUpperCase() + " bytes)",
                refusal(Arrays.copyOf(image, image.length - 1)));
    }

    @Test
    void refusesSegmentBeyondEnd() {
        byte[] image = builder.build();
        TestElfBuilder.put32(image, builder.phoff + 4, image.length - 1); // p_offset of segment 0
        assertTrue(refusal(image).startsWith("truncated ELF file: ELF segment 0 (offset 0x"), refusal(image));
    }

    @Test
    void refusesSegmentWhoseFileSizeExceedsMemorySize() {
        byte[] image = builder.build();
        TestElfBuilder.put32(image, builder.phoff + 20, 1); // p_memsz of segment 0 < p_filesz 2
        assertEquals("ELF segment 0: file size 0x2 is larger than its memory size 0x1", refusal(image));
    }

    @Test
    void refusesSectionNameTableIndexOutOfRange() {
        byte[] image = builder.build();
        TestElfBuilder.put16(image, 50, 9);
        assertEquals("ELF section name table index 9 is out of range (6 sections)", refusal(image));
    }

    @Test
    void refusesUnterminatedSymbolName() {
        byte[] image = builder.build();
        int strtabEnd = builder.shstrtabOffset; // .strtab ends where .shstrtab begins
        image[strtabEnd - 1] = 'x';             // the last name loses its NUL
        assertTrue(refusal(image).endsWith("is not NUL-terminated"), refusal(image));
    }

    @Test
    void everyTruncationIsABootException() {
        byte[] image = builder.build();
        for (int len = 0; len < image.length; len++) {
            byte[] cut = Arrays.copyOf(image, len);
            try {
                ElfFile.parse(cut);
            } catch (BootException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void randomCorruptionIsNeverAHostCrash() {
        byte[] image = builder.build();
        Random random = new Random(4);
        for (int round = 0; round < 5000; round++) {
            byte[] bad = image.clone();
            for (int k = 0; k < 4; k++) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            try {
                ElfFile elf = ElfFile.parse(bad);
                SymbolTable.fromElf(elf);
            } catch (BootException expected) {
                // fine
            }
        }
    }
}
