package i386mon.machine.boot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ELF32 i386 executables for tests: PT_LOAD segments (each also described by an
 * allocated section), a .symtab/.strtab pair and .shstrtab, with header fields that can be spoiled.
 * Layout: ELF header, program headers, segment bytes, symbol table, string tables, section headers.
 */
final class TestElfBuilder {
    record Seg(String name, long vaddr, long paddr, byte[] data, long memSize) { }

    record Sym(String name, long value, long size, int type, int bind, int shndx) { }

    private final List<Seg> segments = new ArrayList<>();
    private final List<Sym> symbols = new ArrayList<>();
    private long entry;
    private int machine = ElfFile.EM_386;
    private int elfClass = 1;
    private int dataEncoding = 1;
    private int type = ElfFile.ET_EXEC;

    TestElfBuilder entry(long e) { entry = e; return this; }

    TestElfBuilder machine(int m) { machine = m; return this; }

    TestElfBuilder elfClass(int c) { elfClass = c; return this; }

    TestElfBuilder dataEncoding(int d) { dataEncoding = d; return this; }

    TestElfBuilder type(int t) { type = t; return this; }

    TestElfBuilder segment(String name, long vaddr, long paddr, byte[] data, long memSize) {
        segments.add(new Seg(name, vaddr, paddr, data, memSize));
        return this;
    }

    /** A segment loaded where it runs (vaddr = paddr). */
    TestElfBuilder segment(String name, long addr, byte[] data, long memSize) {
        return segment(name, addr, addr, data, memSize);
    }

    TestElfBuilder symbol(String name, long value, long size, int type, int bind) {
        symbols.add(new Sym(name, value, size, type, bind, type == ElfFile.STT_FILE ? 0xFFF1 : 1));
        return this;
    }

    /** A symbol the file refers to but does not define (SHN_UNDEF). */
    TestElfBuilder undefined(String name) {
        symbols.add(new Sym(name, 0, 0, ElfFile.STT_NOTYPE, ElfFile.STB_GLOBAL, 0));
        return this;
    }

    TestElfBuilder function(String name, long value, long size) {
        return symbol(name, value, size, ElfFile.STT_FUNC, ElfFile.STB_GLOBAL);
    }

    /** Offsets of the parts of the last built file, for tests that corrupt them. */
    int phoff, shoff, symtabOffset, strtabOffset, shstrtabOffset, shnum;
    final List<Integer> segmentOffsets = new ArrayList<>();

    byte[] build() {
        Out out = new Out();
        out.skip(ElfFile.EHDR_SIZE);
        phoff = out.size();
        out.skip(ElfFile.PHDR_SIZE * segments.size());
        segmentOffsets.clear();
        for (Seg s : segments) {
            out.alignTo(16);
            segmentOffsets.add(out.size());
            out.bytes(s.data);
        }
        // Names: strtab for symbols, shstrtab for sections.
        Strings strtab = new Strings();
        Strings shstr = new Strings();
        out.alignTo(4);
        symtabOffset = out.size();
        out.skip(16); // null symbol
        List<Sym> ordered = new ArrayList<>();
        for (Sym s : symbols) if (s.bind == ElfFile.STB_LOCAL) ordered.add(s);
        int firstGlobal = ordered.size() + 1;
        for (Sym s : symbols) if (s.bind != ElfFile.STB_LOCAL) ordered.add(s);
        for (Sym s : ordered) {
            out.u32(s.name.isEmpty() ? 0 : strtab.add(s.name));
            out.u32(s.value);
            out.u32(s.size);
            out.u8(s.bind << 4 | s.type);
            out.u8(0);
            out.u16(s.shndx);
        }
        int symtabSize = out.size() - symtabOffset;
        strtabOffset = out.size();
        out.bytes(strtab.bytes());
        int[] segNames = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) segNames[i] = shstr.add(segments.get(i).name);
        int symtabName = shstr.add(".symtab"), strtabName = shstr.add(".strtab"), shstrName = shstr.add(".shstrtab");
        shstrtabOffset = out.size();
        byte[] shstrBytes = shstr.bytes();
        out.bytes(shstrBytes);
        out.alignTo(4);
        shoff = out.size();
        shnum = 1 + segments.size() + 3;
        out.skip(ElfFile.SHDR_SIZE); // null section
        for (int i = 0; i < segments.size(); i++) {
            Seg s = segments.get(i);
            section(out, segNames[i], 1, ElfFile.SHF_ALLOC | 0x4, s.vaddr, segmentOffsets.get(i), s.data.length, 0, 0, 16, 0);
        }
        int strtabIndex = 1 + segments.size() + 1;
        section(out, symtabName, ElfFile.SHT_SYMTAB, 0, 0, symtabOffset, symtabSize, strtabIndex, firstGlobal, 4, 16);
        section(out, strtabName, ElfFile.SHT_STRTAB, 0, 0, strtabOffset, strtab.bytes().length, 0, 0, 1, 0);
        section(out, shstrName, ElfFile.SHT_STRTAB, 0, 0, shstrtabOffset, shstrBytes.length, 0, 0, 1, 0);
        byte[] b = out.toByteArray();

        // ELF header (gABI "ELF Header").
        b[0] = 0x7F; b[1] = 'E'; b[2] = 'L'; b[3] = 'F';
        b[4] = (byte) elfClass; b[5] = (byte) dataEncoding; b[6] = 1;
        put16(b, 16, type);
        put16(b, 18, machine);
        put32(b, 20, 1);
        put32(b, 24, entry);
        put32(b, 28, segments.isEmpty() ? 0 : phoff);
        put32(b, 32, shoff);
        put16(b, 40, ElfFile.EHDR_SIZE);
        put16(b, 42, ElfFile.PHDR_SIZE);
        put16(b, 44, segments.size());
        put16(b, 46, ElfFile.SHDR_SIZE);
        put16(b, 48, shnum);
        put16(b, 50, shnum - 1);
        for (int i = 0; i < segments.size(); i++) {
            Seg s = segments.get(i);
            int p = phoff + i * ElfFile.PHDR_SIZE;
            put32(b, p, ElfFile.PT_LOAD);
            put32(b, p + 4, segmentOffsets.get(i));
            put32(b, p + 8, s.vaddr);
            put32(b, p + 12, s.paddr);
            put32(b, p + 16, s.data.length);
            put32(b, p + 20, s.memSize);
            put32(b, p + 24, 7);
            put32(b, p + 28, 16);
        }
        return b;
    }

    private static void section(Out out, int name, int type, int flags, long addr, long offset, long size, int link,
                                int info, int align, int entsize) {
        out.u32(name); out.u32(type); out.u32(flags); out.u32(addr); out.u32(offset); out.u32(size);
        out.u32(link); out.u32(info); out.u32(align); out.u32(entsize);
    }

    static void put16(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    /** A multiboot 1 header (magic, flags, checksum) followed by {@code extra} words. */
    static byte[] multiboot1Header(int flags, long... extra) {
        byte[] h = new byte[12 + 4 * extra.length];
        put32(h, 0, MultibootLoader.HEADER_MAGIC);
        put32(h, 4, flags);
        put32(h, 8, -(MultibootLoader.HEADER_MAGIC + flags));
        for (int i = 0; i < extra.length; i++) put32(h, 12 + 4 * i, extra[i]);
        return h;
    }

    /** A multiboot 2 header with the given tags (each a complete tag, padded here to 8) and an end tag. */
    static byte[] multiboot2Header(byte[]... tags) {
        Out out = new Out();
        out.skip(16);
        for (byte[] t : tags) {
            out.bytes(t);
            out.alignTo(8);
        }
        out.u16(0); out.u16(0); out.u32(8);
        byte[] h = out.toByteArray();
        put32(h, 0, Multiboot2Loader.HEADER_MAGIC);
        put32(h, 4, 0);
        put32(h, 8, h.length);
        put32(h, 12, -(Multiboot2Loader.HEADER_MAGIC + h.length));
        return h;
    }

    /** A multiboot 2 header tag: type, flags, size, then 32-bit fields. */
    static byte[] tag(int type, int flags, long... fields) {
        byte[] t = new byte[8 + 4 * fields.length];
        put16(t, 0, type);
        put16(t, 2, flags);
        put32(t, 4, t.length);
        for (int i = 0; i < fields.length; i++) put32(t, 8 + 4 * i, fields[i]);
        return t;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    private static final class Strings {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Strings() { b.write(0); }

        int add(String s) {
            int at = b.size();
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
            return at;
        }

        byte[] bytes() { return b.toByteArray(); }
    }

    private static final class Out extends ByteArrayOutputStream {
        void skip(int n) { for (int i = 0; i < n; i++) write(0); }

        void alignTo(int a) { while (size() % a != 0) write(0); }

        void bytes(byte[] b) { writeBytes(b); }

        void u8(int v) { write(v); }

        void u16(int v) { write(v); write(v >>> 8); }

        void u32(long v) { for (int i = 0; i < 4; i++) write((int) (v >>> (8 * i))); }
    }
}
