package i386mon.machine.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A validated ELF32 little-endian i386 file (System V gABI, "ELF Header", "Program Header",
 * "Sections", "Symbol Table"). Every offset and size the file declares is checked against its length
 * at parse time, so later reads cannot fail; malformed input is a {@link BootException}.
 */
public final class ElfFile {
    public static final int ET_REL = 1, ET_EXEC = 2, ET_DYN = 3;
    public static final int EM_386 = 3;
    public static final int PT_LOAD = 1;
    public static final int SHT_NULL = 0, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8;
    public static final int SHF_ALLOC = 0x2;
    public static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4;
    public static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
    static final int EHDR_SIZE = 52, PHDR_SIZE = 32, SHDR_SIZE = 40, SYM_SIZE = 16;

    /** One program header (Elf32_Phdr); addresses and sizes are unsigned 32-bit values. */
    public record ProgramHeader(int type, long offset, long vaddr, long paddr, long fileSize, long memSize,
                                int flags, long align) { }

    /** One section header (Elf32_Shdr) with its name resolved from the section name string table. */
    public record SectionHeader(int index, String name, int type, long flags, long addr, long offset, long size,
                                int link, int info, long addrAlign, long entSize) {
        boolean hasFileContents() { return type != SHT_NOBITS && type != SHT_NULL && size > 0; }
    }

    /** One symbol (Elf32_Sym). */
    public record ElfSymbol(String name, long value, long size, int type, int binding, int sectionIndex) { }

    private final byte[] image;
    private final int type;
    private final int machine;
    private final long entry;
    private final long shoff;
    private final int shentsize;
    private final int shstrndx;
    private final List<ProgramHeader> programHeaders;
    private final List<SectionHeader> sectionHeaders;
    private final List<ElfSymbol> symbols;

    private ElfFile(byte[] image) {
        this.image = image;
        checkIdent(image);
        require(image.length >= EHDR_SIZE, "truncated ELF file: %d bytes, the ELF header needs %d", image.length, EHDR_SIZE);
        type = u16(16);
        machine = u16(18);
        if (machine != EM_386) {
            throw BootException.format("ELF machine %d (%s) is not i386 (EM_386 = 3)", machine, machineName(machine));
        }
        long version = u32(20);
        require(version == 1, "unsupported ELF version %d (expected 1)", version);
        entry = u32(24);
        long phoff = u32(28);
        shoff = u32(32);
        int ehsize = u16(40);
        int phentsize = u16(42);
        int phnum = u16(44);
        shentsize = u16(46);
        int shnum = u16(48);
        int shstr = u16(50);
        require(ehsize >= EHDR_SIZE, "ELF header size %d is smaller than %d", ehsize, EHDR_SIZE);
        programHeaders = readProgramHeaders(phoff, phentsize, phnum);
        List<long[]> raw = readRawSections(shnum);
        if (shnum > 0 && shstr >= shnum) {
            throw BootException.format("ELF section name table index %d is out of range (%d sections)", shstr, shnum);
        }
        shstrndx = shnum == 0 ? 0 : shstr;
        sectionHeaders = nameSections(raw);
        symbols = readSymbols();
    }

    /** Parses and validates {@code image}; the array is kept, not copied. */
    public static ElfFile parse(byte[] image) {
        return new ElfFile(image);
    }

    /** True if the file starts with the ELF magic (any class, any machine). */
    public static boolean hasElfMagic(byte[] image) {
        return image.length >= 4 && image[0] == 0x7F && image[1] == 'E' && image[2] == 'L' && image[3] == 'F';
    }

    /** True if the file is an ELF file of class ELFCLASS64. */
    public static boolean isElf64(byte[] image) {
        return hasElfMagic(image) && image.length > 4 && image[4] == 2;
    }

    static final String ELF64_MESSAGE = "64-bit ELF (ELFCLASS64) is not supported: build with -m32 / ld -m elf_i386";

    private static void checkIdent(byte[] b) {
        require(b.length >= 16, "truncated ELF file: %d bytes, smaller than the 16-byte ELF identification", b.length);
        require(hasElfMagic(b), "bad ELF magic: the file does not start with 0x7F 'E' 'L' 'F'");
        if (b[4] == 2) throw new BootException(ELF64_MESSAGE);
        require(b[4] == 1, "unknown ELF class %d (expected ELFCLASS32 = 1)", b[4] & 0xFF);
        if (b[5] == 2) throw new BootException("big-endian ELF (ELFDATA2MSB) is not supported: i386 is little-endian");
        require(b[5] == 1, "unknown ELF data encoding %d (expected ELFDATA2LSB = 1)", b[5] & 0xFF);
        require(b[6] == 1, "unsupported ELF identification version %d (expected 1)", b[6] & 0xFF);
    }

    private List<ProgramHeader> readProgramHeaders(long phoff, int phentsize, int phnum) {
        if (phnum == 0) return List.of();
        require(phentsize >= PHDR_SIZE, "ELF program header entry size %d is smaller than %d", phentsize, PHDR_SIZE);
        checkRange("program header table", phoff, (long) phnum * phentsize);
        List<ProgramHeader> list = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            ProgramHeader ph = new ProgramHeader(i32(p), u32(p + 4), u32(p + 8), u32(p + 12), u32(p + 16),
                    u32(p + 20), i32(p + 24), u32(p + 28));
            if (ph.type() == PT_LOAD) {
                if (ph.fileSize() > ph.memSize()) {
                    throw BootException.format("ELF segment %d: file size 0x%X is larger than its memory size 0x%X",
                            i, ph.fileSize(), ph.memSize());
                }
                checkRange("ELF segment " + i, ph.offset(), ph.fileSize());
            }
            list.add(ph);
        }
        return Collections.unmodifiableList(list);
    }

    /** Raw section fields: type, flags, addr, offset, size, link, info, addralign, entsize, nameOffset. */
    private List<long[]> readRawSections(int shnum) {
        if (shnum == 0) return List.of();
        require(shentsize >= SHDR_SIZE, "ELF section header entry size %d is smaller than %d", shentsize, SHDR_SIZE);
        checkRange("section header table", shoff, (long) shnum * shentsize);
        List<long[]> list = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int s = (int) (shoff + (long) i * shentsize);
            long[] f = {i32(s + 4), u32(s + 8), u32(s + 12), u32(s + 16), u32(s + 20), u32(s + 24), u32(s + 28),
                u32(s + 32), u32(s + 36), u32(s)};
            if (f[0] != SHT_NOBITS && f[0] != SHT_NULL) checkRange("ELF section " + i, f[3], f[4]);
            list.add(f);
        }
        return list;
    }

    private List<SectionHeader> nameSections(List<long[]> raw) {
        List<SectionHeader> list = new ArrayList<>(raw.size());
        long[] names = raw.isEmpty() ? null : raw.get(shstrndx);
        if (names != null && shstrndx != 0 && names[0] != SHT_STRTAB) {
            throw BootException.format("ELF section name table (section %d) is not a string table", shstrndx);
        }
        for (int i = 0; i < raw.size(); i++) {
            long[] f = raw.get(i);
            String name = "";
            if (names != null && shstrndx != 0) {
                name = string(names[3], names[4], f[9], "section name of section " + i);
            }
            list.add(new SectionHeader(i, name, (int) f[0], f[1], f[2], f[3], f[4], (int) f[5], (int) f[6], f[7], f[8]));
        }
        return Collections.unmodifiableList(list);
    }

    private List<ElfSymbol> readSymbols() {
        SectionHeader symtab = null;
        for (SectionHeader s : sectionHeaders) {
            if (s.type() == SHT_SYMTAB) { symtab = s; break; }
        }
        if (symtab == null) return List.of();
        require(symtab.entSize() == SYM_SIZE || symtab.entSize() == 0,
                "ELF symbol table entry size %d is not %d", symtab.entSize(), SYM_SIZE);
        require(symtab.link() > 0 && symtab.link() < sectionHeaders.size(),
                "ELF symbol table links to section %d, which does not exist", symtab.link());
        SectionHeader strtab = sectionHeaders.get(symtab.link());
        require(strtab.type() == SHT_STRTAB, "ELF symbol table links to section %d, which is not a string table",
                symtab.link());
        int count = (int) (symtab.size() / SYM_SIZE);
        List<ElfSymbol> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int p = (int) (symtab.offset() + (long) i * SYM_SIZE);
            int info = image[p + 12] & 0xFF;
            String name = string(strtab.offset(), strtab.size(), u32(p), "name of symbol " + i);
            list.add(new ElfSymbol(name, u32(p + 4), u32(p + 8), info & 0xF, info >>> 4, u16(p + 14)));
        }
        return Collections.unmodifiableList(list);
    }

    private String string(long tableOffset, long tableSize, long index, String what) {
        if (index >= tableSize) {
            throw BootException.format("ELF %s: string offset 0x%X is outside its string table (0x%X bytes)",
                    what, index, tableSize);
        }
        int start = (int) (tableOffset + index);
        int end = (int) (tableOffset + tableSize);
        for (int i = start; i < end; i++) {
            if (image[i] == 0) return new String(image, start, i - start, StandardCharsets.UTF_8);
        }
        throw BootException.format("ELF %s: string at offset 0x%X is not NUL-terminated", what, index);
    }

    private void checkRange(String what, long offset, long size) {
        if (offset + size > image.length) {
            throw BootException.format("truncated ELF file: %s (offset 0x%X, 0x%X bytes) lies beyond the end of the file (0x%X bytes)",
                    what, offset, size, image.length);
        }
    }

    private static void require(boolean ok, String format, Object... args) {
        if (!ok) throw BootException.format(format, args);
    }

    private int u16(int off) { return (image[off] & 0xFF) | (image[off + 1] & 0xFF) << 8; }

    private int i32(int off) { return u16(off) | u16(off + 2) << 16; }

    private long u32(int off) { return i32(off) & 0xFFFF_FFFFL; }

    private static String machineName(int m) {
        switch (m) {
            case 62: return "x86-64";
            case 40: return "ARM";
            case 183: return "AArch64";
            case 243: return "RISC-V";
            case 8: return "MIPS";
            case 20: return "PowerPC";
            case 6: return "i486";
            default: return "unknown";
        }
    }

    public int type() { return type; }

    public int machine() { return machine; }

    /** e_entry: the entry point as a (possibly virtual) address. */
    public long entry() { return entry; }

    public List<ProgramHeader> programHeaders() { return programHeaders; }

    public List<SectionHeader> sectionHeaders() { return sectionHeaders; }

    /** e_shstrndx: index of the section name string table (0 if none). */
    public int sectionNameIndex() { return shstrndx; }

    /** e_shentsize as declared by the file. */
    public int sectionHeaderEntrySize() { return shentsize; }

    /** All symbols of .symtab, in file order (entry 0, the null symbol, included). */
    public List<ElfSymbol> symbols() { return symbols; }

    /** A copy of the section header table bytes exactly as in the file. */
    public byte[] sectionHeaderTable() {
        int len = sectionHeaders.size() * shentsize;
        byte[] copy = new byte[len];
        if (len > 0) System.arraycopy(image, (int) shoff, copy, 0, len);
        return copy;
    }

    /** The contents of the first section named {@code name} (a copy), or null when there is none or it has no bytes in the file. */
    public byte[] sectionData(String name) {
        for (SectionHeader s : sectionHeaders) {
            if (s.name().equals(name) && s.hasFileContents()) {
                return java.util.Arrays.copyOfRange(image, (int) s.offset(), (int) (s.offset() + s.size()));
            }
        }
        return null;
    }

    /** The first section named {@code name}, or null. */
    public SectionHeader section(String name) {
        for (SectionHeader s : sectionHeaders) if (s.name().equals(name)) return s;
        return null;
    }

    /** The file bytes this parser validated. */
    byte[] image() { return image; }
}
