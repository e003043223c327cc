package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

import java.util.List;

/**
 * Multiboot 1 (specification 0.6.96): finds the header, loads the kernel (ELF32 segments, or the
 * "a.out kludge" addresses of header flag 16) and its modules, and builds the multiboot information
 * in low memory at 0x9000 as QEMU does (the memory map, the info block at 0x9500, the copy of the ELF
 * section header table), or after the kernel when the kernel itself wants that memory; the module
 * list, the module strings, the command line and the boot loader name follow the kernel.
 *
 * <p>Header flag 16 takes precedence over the ELF headers, as in GRUB and QEMU (so a 64-bit ELF with
 * the address fields boots as a flat image). Flag 2 (video mode) is accepted and ignored, as QEMU
 * does: the machine stays in VGA text mode. Other unknown flags in bits 0-15 are refused (section
 * 3.1.2). Modules are always page-aligned; memory information is always provided.
 */
public final class MultibootLoader {
    public static final int HEADER_MAGIC = 0x1BADB002;
    /** EAX at entry (section 3.2). */
    public static final int BOOTLOADER_MAGIC = 0x2BADB002;
    static final int SEARCH_LIMIT = 8192;
    public static final String LOADER_NAME = "i386mon";

    // Header flags (section 3.1.2).
    static final int FLAG_PAGE_ALIGN = 1, FLAG_MEMORY_INFO = 1 << 1, FLAG_VIDEO_MODE = 1 << 2, FLAG_ADDRESSES = 1 << 16;
    // Info flags (section 3.3).
    static final int INFO_MEMORY = 1, INFO_BOOT_DEVICE = 1 << 1, INFO_CMDLINE = 1 << 2, INFO_MODS = 1 << 3, INFO_ELF_SHDR = 1 << 5,
            INFO_MEM_MAP = 1 << 6, INFO_LOADER_NAME = 1 << 9;
    /** Size of the info block including the framebuffer fields of later spec revisions (zeroed). */
    static final int INFO_SIZE = 120;
    /** Room for the memory map before the info structure (QEMU: map at 0x9000, info at 0x9500). */
    static final int MMAP_AREA = 0x500;

    private MultibootLoader() { }

    /** A header found in the file: its offset and the words that follow the magic. */
    record Header(int offset, long flags, long checksum) { }

    /**
     * The first 32-bit aligned header with a valid checksum in the first 8 KiB; refuses a magic with a
     * bad checksum when no valid header follows it. Null if there is no magic at all.
     */
    static Header find(byte[] image) {
        Header bad = null;
        // The 12 mandatory bytes must lie within the first 8 KiB (section 3.1.1).
        for (int off = 0; off + 12 <= SEARCH_LIMIT && off + 4 <= image.length; off += 4) {
            if (KernelSegments.u32(image, off) != (HEADER_MAGIC & 0xFFFF_FFFFL)) continue;
            if (off + 12 > image.length) {
                throw BootException.format("truncated kernel: the multiboot header at offset 0x%X is cut off by the end of the file", off);
            }
            long flags = KernelSegments.u32(image, off + 4);
            long checksum = KernelSegments.u32(image, off + 8);
            Header h = new Header(off, flags, checksum);
            if (((HEADER_MAGIC + flags + checksum) & 0xFFFF_FFFFL) == 0) return h;
            if (bad == null) bad = h;
        }
        if (bad != null) {
            throw BootException.format("bad multiboot header checksum at offset 0x%X: magic + flags + checksum = 0x%08X, must be 0",
                    bad.offset, (HEADER_MAGIC + bad.flags + bad.checksum) & 0xFFFF_FFFFL);
        }
        return null;
    }

    /** Loads {@code kernel} and {@code modules} into {@code memory}; {@code cmdline} may be null (no command line). */
    public static BootImage load(PhysicalMemory memory, byte[] kernel, String cmdline, List<BootModule> modules) {
        if (kernel.length == 0) throw new BootException("the kernel file is empty");
        Header h = find(kernel);
        if (h == null) {
            if (ElfFile.isElf64(kernel)) throw new BootException(ElfFile.ELF64_MESSAGE);
            throw new BootException("not a multiboot kernel: no multiboot header in the first 8 KiB");
        }
        int unknown = (int) h.flags & 0xFFF8;
        if (unknown != 0) {
            throw BootException.format("the multiboot header requires features this loader does not know (flags 0x%04X)", unknown);
        }
        BootLayout layout = new BootLayout(memory);
        PlannedKernel k = plan(kernel, h, layout);
        // QEMU's layout (hw/i386/multiboot.c): right after the kernel one page-aligned block holds the
        // module list, the module strings, the command line and the boot loader name; the modules
        // follow, each page-aligned. The info structure and memory map stay in low memory.
        StringBlock block = new StringBlock(modules, cmdline);
        long blockAt = layout.place("multiboot strings and module list", block.bytes);
        long[] moduleAddr = new long[modules.size()];
        for (int i = 0; i < modules.size(); i++) moduleAddr[i] = layout.place("module " + i, modules.get(i).data());
        k = k.withSymbolSections(layout);
        block.fill(blockAt, modules, moduleAddr);
        PlannedKernel kernelPlan = k;
        InfoBuffer info = layout.buildInfo(
                base -> buildInfo(new InfoBuffer(base), kernelPlan, block, blockAt, modules.size(), memory.ramSize()));
        long mbi = info.base() + MMAP_AREA;
        layout.commit(info, "multiboot information");

        String format = k.format();
        if ((h.flags & FLAG_VIDEO_MODE) != 0) format += " (video mode request ignored: VGA text)";
        format += ", entry 0x" + BootLayout.hex8(k.entry());
        return new BootImage(format, (int) k.entry(), BOOTLOADER_MAGIC, (int) mbi, BootLayout.ENTRY_STACK, layout.ranges(), k.symbols());
    }

    private static PlannedKernel plan(byte[] kernel, Header h, BootLayout layout) {
        if ((h.flags & FLAG_ADDRESSES) == 0) {
            if (!ElfFile.hasElfMagic(kernel)) {
                throw new BootException("the multiboot kernel is not an ELF file and its header has no load addresses (flag 16, the a.out kludge)");
            }
            return PlannedKernel.elf(kernel, layout, -1, "multiboot 1");
        }
        int o = h.offset;
        if (o + 32 > kernel.length) {
            throw BootException.format("truncated kernel: the multiboot header at offset 0x%X has flag 16 but its address fields are cut off", o);
        }
        long entry = KernelSegments.u32(kernel, o + 28);
        KernelSegments.planAddressed("multiboot", kernel, o, KernelSegments.u32(kernel, o + 12),
                KernelSegments.u32(kernel, o + 16), KernelSegments.u32(kernel, o + 20),
                KernelSegments.u32(kernel, o + 24), entry, layout);
        return PlannedKernel.addressed(kernel, entry, "multiboot 1, a.out kludge");
    }

    /** The module list and strings QEMU puts after the kernel: [mods][module strings][cmdline][loader name]. */
    private static final class StringBlock {
        final byte[] bytes;
        final int cmdlineOffset, loaderOffset;
        final int[] stringOffsets;
        final boolean hasCmdline;

        StringBlock(List<BootModule> modules, String cmdline) {
            hasCmdline = cmdline != null;
            stringOffsets = new int[modules.size()];
            int at = 16 * modules.size();
            for (int i = 0; i < modules.size(); i++) {
                stringOffsets[i] = at;
                at += ascii(modules.get(i).string()).length + 1;
            }
            cmdlineOffset = at;
            if (hasCmdline) at += ascii(cmdline).length + 1;
            loaderOffset = at;
            at += ascii(LOADER_NAME).length + 1;
            bytes = new byte[at];
            for (int i = 0; i < modules.size(); i++) put(stringOffsets[i], modules.get(i).string());
            if (hasCmdline) put(cmdlineOffset, cmdline);
            put(loaderOffset, LOADER_NAME);
        }

        void fill(long base, List<BootModule> modules, long[] moduleAddr) {
            for (int i = 0; i < modules.size(); i++) {
                set32(16 * i, moduleAddr[i]);
                set32(16 * i + 4, moduleAddr[i] + modules.get(i).data().length);
                set32(16 * i + 8, base + stringOffsets[i]);
            }
        }

        private void put(int off, String s) {
            byte[] b = ascii(s);
            System.arraycopy(b, 0, bytes, off, b.length);
        }

        private void set32(int off, long v) {
            for (int i = 0; i < 4; i++) bytes[off + i] = (byte) (v >>> (8 * i));
        }

        private static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); }
    }

    /** Writes the memory map, the info block {@link #MMAP_AREA} bytes above it and the section table copy (section 3.3). */
    private static InfoBuffer buildInfo(InfoBuffer info, PlannedKernel k, StringBlock block, long blockAt, int moduleCount, long ramSize) {
        // QEMU's layout: the memory map at 0x9000, the info structure 0x500 bytes above it.
        long mmap = info.here();
        for (BiosMemoryMap.Entry e : BiosMemoryMap.entries(ramSize)) {
            info.append32(20); // size of the entry, not counting this field (section 3.3)
            info.append64(e.base());
            info.append64(e.length());
            info.append32(e.type());
        }
        long mmapLength = info.here() - mmap;
        info.reserve((int) (MMAP_AREA - mmapLength));
        long mbi = info.reserve(INFO_SIZE);
        int flags = INFO_MEMORY | INFO_BOOT_DEVICE | INFO_MODS | INFO_MEM_MAP | INFO_LOADER_NAME;
        info.set32(mbi + 4, BiosMemoryMap.lowerKiB());
        info.set32(mbi + 8, BiosMemoryMap.upperKiB(ramSize));
        info.set32(mbi + 12, 0x8000FFFFL); // first BIOS hard disk, no partition: what QEMU reports
        info.set32(mbi + 64, blockAt + block.loaderOffset);
        if (block.hasCmdline) {
            flags |= INFO_CMDLINE;
            info.set32(mbi + 16, blockAt + block.cmdlineOffset);
        }
        info.set32(mbi + 20, moduleCount);
        info.set32(mbi + 24, blockAt);
        info.set32(mbi + 44, mmapLength);
        info.set32(mbi + 48, mmap);
        if (k.sectionTable() != null) {
            flags |= INFO_ELF_SHDR;
            info.set32(mbi + 28, k.elf().sectionHeaders().size());
            info.set32(mbi + 32, k.elf().sectionHeaderEntrySize());
            info.set32(mbi + 36, info.putBytes(k.sectionTable()));
            info.set32(mbi + 40, k.elf().sectionNameIndex());
        }
        info.set32(mbi, flags);
        return info;
    }
}
