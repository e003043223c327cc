package i386mon.machine.boot;

/**
 * Turns a kernel file into planned segments, the two ways both multiboot specifications allow: the
 * ELF program headers, or explicit addresses in the boot header (multiboot 1's "a.out kludge",
 * multiboot 2's address tag).
 */
final class KernelSegments {
    private KernelSegments() { }

    /**
     * Plans every PT_LOAD segment at its physical address (p_paddr, as GRUB and QEMU load) and returns
     * the physical entry point: e_entry translated through the segment whose virtual range holds it,
     * so a higher-half kernel linked at 0xC0100000 and loaded at 0x100000 starts at 0x100000.
     */
    static long planElf(ElfFile elf, BootLayout layout) {
        if (elf.type() != ElfFile.ET_EXEC) {
            throw BootException.format("ELF type %d is not an executable (ET_EXEC): link the kernel with ld -m elf_i386, without -r, -shared or -pie",
                    elf.type());
        }
        long entry = -1, physicalEntry = -1;
        int loaded = 0;
        for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() != ElfFile.PT_LOAD || ph.memSize() == 0) continue;
            layout.addKernelSegment("kernel segment " + loaded, ph.paddr(), elf.image(), ph.offset(), ph.fileSize(), ph.memSize());
            loaded++;
            if (entry < 0 && elf.entry() >= ph.vaddr() && elf.entry() - ph.vaddr() < ph.memSize()) {
                entry = elf.entry() - ph.vaddr() + ph.paddr();
            }
            // A higher-half kernel linked high but loaded low often gives its physical entry point.
            if (physicalEntry < 0 && elf.entry() >= ph.paddr() && elf.entry() - ph.paddr() < ph.memSize()) {
                physicalEntry = elf.entry();
            }
        }
        if (entry < 0) entry = physicalEntry;
        if (loaded == 0) throw new BootException("the ELF file has no loadable (PT_LOAD) segment");
        if (entry < 0) {
            throw BootException.format("the ELF entry point 0x%08X is not inside any loadable segment", elf.entry());
        }
        return entry;
    }

    /**
     * Plans the image from explicit header addresses: the byte at file offset {@code headerOffset}
     * goes to {@code headerAddr}, loading runs from {@code loadAddr} to {@code loadEndAddr} (0 = to
     * the end of the file) and zeros follow up to {@code bssEndAddr} (0 = no BSS).
     */
    static void planAddressed(String spec, byte[] image, int headerOffset, long headerAddr, long loadAddr,
                              long loadEndAddr, long bssEndAddr, long entryAddr, BootLayout layout) {
        if (loadAddr > headerAddr) {
            throw BootException.format("%s header: load_addr 0x%08X is above header_addr 0x%08X", spec, loadAddr, headerAddr);
        }
        long fileStart = headerOffset - (headerAddr - loadAddr);
        if (fileStart < 0) {
            throw BootException.format("%s header: load_addr 0x%08X would start 0x%X bytes before the beginning of the file",
                    spec, loadAddr, -fileStart);
        }
        long length;
        if (loadEndAddr == 0) {
            length = image.length - fileStart;
        } else {
            if (loadEndAddr <= loadAddr) {
                throw BootException.format("%s header: load_end_addr 0x%08X is not above load_addr 0x%08X", spec, loadEndAddr, loadAddr);
            }
            length = loadEndAddr - loadAddr;
            if (fileStart + length > image.length) {
                throw BootException.format("truncated kernel: %s header asks for 0x%X bytes from file offset 0x%X, the file has 0x%X bytes",
                        spec, length, fileStart, image.length);
            }
        }
        long memSize = length;
        if (bssEndAddr != 0) {
            if (bssEndAddr < loadAddr + length) {
                throw BootException.format("%s header: bss_end_addr 0x%08X is below the end of the loaded image 0x%08X",
                        spec, bssEndAddr, loadAddr + length);
            }
            memSize = bssEndAddr - loadAddr;
        }
        if (entryAddr < loadAddr || entryAddr >= loadAddr + memSize) {
            throw BootException.format("%s header: entry_addr 0x%08X is outside the loaded image 0x%08X-0x%08X",
                    spec, entryAddr, loadAddr, loadAddr + memSize - 1);
        }
        layout.addKernelSegment("kernel", loadAddr, image, fileStart, length, memSize);
    }

    /**
     * Places the symbol and string tables that are not part of the loaded image (sh_addr 0) after the
     * kernel and returns the section header table with their sh_addr set, so the kernel can read its
     * own symbols (GRUB does the same).
     */
    static byte[] placeSymbolSections(ElfFile elf, BootLayout layout) {
        byte[] table = elf.sectionHeaderTable();
        int entSize = elf.sectionHeaderEntrySize();
        for (ElfFile.SectionHeader s : elf.sectionHeaders()) {
            if (s.addr() != 0 || !s.hasFileContents()) continue;
            if (s.type() != ElfFile.SHT_SYMTAB && s.type() != ElfFile.SHT_STRTAB) continue;
            byte[] data = new byte[(int) s.size()];
            System.arraycopy(elf.image(), (int) s.offset(), data, 0, data.length);
            String name = s.name().isEmpty() ? "section " + s.index() : s.name();
            long at = layout.place("ELF " + name, data);
            int field = s.index() * entSize + 12; // sh_addr
            for (int i = 0; i < 4; i++) table[field + i] = (byte) (at >>> (8 * i));
        }
        return table;
    }

    /** The ELF symbols of an image loaded by header addresses, if it is a readable ELF32 file; else empty. */
    static SymbolTable symbolsIfElf(byte[] image) {
        if (!ElfFile.hasElfMagic(image) || ElfFile.isElf64(image)) return new SymbolTable();
        try {
            return SymbolTable.fromElf(ElfFile.parse(image));
        } catch (BootException e) {
            return new SymbolTable();
        }
    }

    static long u32(byte[] b, int off) {
        return ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24)
                & 0xFFFF_FFFFL;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }
}
