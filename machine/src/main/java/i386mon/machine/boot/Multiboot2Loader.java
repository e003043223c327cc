package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

import java.util.List;
import java.util.Set;

/**
 * Multiboot 2 (specification 2.0): finds the header, honours its tags (information request, address,
 * entry address, console flags, module alignment, relocatable; an unknown tag not marked optional is
 * refused), loads the kernel and its modules, and builds the boot information at 0x9000 (after the
 * kernel when the kernel wants that memory): cmdline (1), boot loader name (2), modules (3), basic
 * meminfo (4), memory map (6), ELF sections (9), end (0).
 */
public final class Multiboot2Loader {
    public static final int HEADER_MAGIC = 0xE85250D6;
    /** EAX at entry (section 3.3). */
    public static final int BOOTLOADER_MAGIC = 0x36D76289;
    static final int SEARCH_LIMIT = 32768;
    static final int ARCH_I386 = 0;

    // Header tag types (section 3.1.3 onward).
    static final int HT_END = 0, HT_INFO_REQUEST = 1, HT_ADDRESS = 2, HT_ENTRY = 3, HT_CONSOLE = 4,
            HT_FRAMEBUFFER = 5, HT_MODULE_ALIGN = 6, HT_EFI_BS = 7, HT_ENTRY_EFI32 = 8, HT_ENTRY_EFI64 = 9,
            HT_RELOCATABLE = 10;
    static final int TAG_OPTIONAL = 1;
    // Information tag types (section 3.6).
    static final int IT_END = 0, IT_CMDLINE = 1, IT_LOADER_NAME = 2, IT_MODULE = 3, IT_BASIC_MEMINFO = 4,
            IT_MMAP = 6, IT_ELF_SECTIONS = 9;
    static final int MMAP_ENTRY_SIZE = 24;

    private static final Set<Integer> PROVIDED = Set.of(IT_CMDLINE, IT_LOADER_NAME, IT_MODULE, IT_BASIC_MEMINFO,
            IT_MMAP, IT_ELF_SECTIONS);

    private Multiboot2Loader() { }

    record Header(int offset, long length) { }

    /** The tags of a header, as far as this loader acts on them. */
    private static final class Tags {
        long[] address; // header_addr, load_addr, load_end_addr, bss_end_addr
        long entry = -1;
    }

    /**
     * The first 64-bit aligned header in the first 32 KiB with a valid checksum; a bad checksum is
     * refused when no valid header follows. Null if there is no magic at all.
     */
    static Header find(byte[] image) {
        Header bad = null;
        long badSum = 0;
        // The header must lie completely within the first 32 KiB (section 3.1.1).
        for (int off = 0; off + 16 <= SEARCH_LIMIT && off + 4 <= image.length; off += 8) {
            if (KernelSegments.u32(image, off) != (HEADER_MAGIC & 0xFFFF_FFFFL)) continue;
            if (off + 16 > image.length) {
                throw BootException.format("truncated kernel: the multiboot 2 header at offset 0x%X is cut off by the end of the file", off);
            }
            long arch = KernelSegments.u32(image, off + 4);
            long length = KernelSegments.u32(image, off + 8);
            long sum = (HEADER_MAGIC + arch + length + KernelSegments.u32(image, off + 12)) & 0xFFFF_FFFFL;
            if (sum == 0) {
                if (arch != ARCH_I386) {
                    throw BootException.format("the multiboot 2 header is for architecture %d, not i386 (0)", arch);
                }
                if (length < 16 + 8) {
                    throw BootException.format("the multiboot 2 header length %d is too small for a header and its end tag", length);
                }
                if (off + length > image.length) {
                    throw BootException.format("truncated kernel: the multiboot 2 header at offset 0x%X (0x%X bytes) is cut off by the end of the file",
                            off, length);
                }
                if (off + length > SEARCH_LIMIT) {
                    throw BootException.format("the multiboot 2 header at offset 0x%X (0x%X bytes) extends beyond the first 32 KiB", off, length);
                }
                return new Header(off, length);
            }
            if (bad == null) { bad = new Header(off, length); badSum = sum; }
        }
        if (bad != null) {
            throw BootException.format("bad multiboot 2 header checksum at offset 0x%X: magic + architecture + length + checksum = 0x%08X, must be 0",
                    bad.offset, badSum);
        }
        return null;
    }

    private static Tags readTags(byte[] image, Header h) {
        Tags tags = new Tags();
        int end = (int) (h.offset + h.length);
        int p = h.offset + 16;
        while (true) {
            if (p + 8 > end) throw new BootException("the multiboot 2 header has no end tag");
            int type = KernelSegments.u16(image, p);
            int flags = KernelSegments.u16(image, p + 2);
            long size = KernelSegments.u32(image, p + 4);
            if (size < 8 || p + size > end) {
                throw BootException.format("multiboot 2 header tag type %d at offset 0x%X has size %d, outside the header", type, p, size);
            }
            boolean optional = (flags & TAG_OPTIONAL) != 0;
            switch (type) {
                case HT_END:
                    return tags;
                case HT_INFO_REQUEST:
                    if (!optional) {
                        for (int q = p + 8; q + 4 <= p + size; q += 4) {
                            int wanted = (int) KernelSegments.u32(image, q);
                            if (!PROVIDED.contains(wanted)) {
                                throw BootException.format("the multiboot 2 kernel requires information tag %d, which this loader does not provide", wanted);
                            }
                        }
                    }
                    break;
                case HT_ADDRESS:
                    requireSize(type, size, 24);
                    tags.address = new long[] {KernelSegments.u32(image, p + 8), KernelSegments.u32(image, p + 12),
                        KernelSegments.u32(image, p + 16), KernelSegments.u32(image, p + 20)};
                    break;
                case HT_ENTRY:
                    requireSize(type, size, 12);
                    tags.entry = KernelSegments.u32(image, p + 8);
                    break;
                case HT_CONSOLE:        // we have an EGA text console, which is what a kernel may require
                case HT_MODULE_ALIGN:   // modules are always page-aligned
                case HT_RELOCATABLE:    // loading at the preferred address is always allowed
                    break;
                case HT_FRAMEBUFFER:
                    if (!optional) {
                        throw new BootException("the multiboot 2 kernel requires a graphics framebuffer (header tag 5); the machine has VGA text mode only");
                    }
                    break;
                default:
                    if (!optional) {
                        throw BootException.format("the multiboot 2 header tag type %d (%s) is required but not supported",
                                type, tagName(type));
                    }
            }
            p += (int) BootLayout.alignUp(size, 8);
        }
    }

    private static void requireSize(int type, long size, int needed) {
        if (size < needed) throw BootException.format("multiboot 2 header tag type %d has size %d, expected %d", type, size, needed);
    }

    private static String tagName(int type) {
        switch (type) {
            case HT_EFI_BS: return "EFI boot services";
            case HT_ENTRY_EFI32: return "EFI i386 entry address";
            case HT_ENTRY_EFI64: return "EFI amd64 entry address";
            default: return "unknown";
        }
    }

    /** Loads {@code kernel} and {@code modules} into {@code memory}; {@code cmdline} may be null (no cmdline tag). */
    public static BootImage load(PhysicalMemory memory, byte[] kernel, String cmdline, List<BootModule> modules) {
        if (kernel.length == 0) throw new BootException("the kernel file is empty");
        Header h = find(kernel);
        if (h == null) {
            if (ElfFile.isElf64(kernel)) throw new BootException(ElfFile.ELF64_MESSAGE);
            throw new BootException("not a multiboot 2 kernel: no multiboot 2 header in the first 32 KiB");
        }
        Tags tags = readTags(kernel, h);
        BootLayout layout = new BootLayout(memory);
        PlannedKernel k = plan(kernel, h, tags, layout);
        long[] moduleAddr = new long[modules.size()];
        for (int i = 0; i < modules.size(); i++) moduleAddr[i] = layout.place("module " + i, modules.get(i).data());
        k = k.withSymbolSections(layout);

        PlannedKernel kernelPlan = k;
        InfoBuffer info = layout.buildInfo(
                base -> buildInfo(new InfoBuffer(base), kernelPlan, cmdline, modules, moduleAddr, memory.ramSize()));
        long start = info.base();
        layout.commit(info, "multiboot 2 information");
        String format = k.format() + ", entry 0x" + BootLayout.hex8(k.entry());
        return new BootImage(format, (int) k.entry(), BOOTLOADER_MAGIC, (int) start, BootLayout.ENTRY_STACK, layout.ranges(), k.symbols());
    }

    private static PlannedKernel plan(byte[] kernel, Header h, Tags tags, BootLayout layout) {
        if (tags.address == null) {
            if (!ElfFile.hasElfMagic(kernel)) {
                throw new BootException("the multiboot 2 kernel is not an ELF file and its header has no address tag");
            }
            return PlannedKernel.elf(kernel, layout, tags.entry, "multiboot 2");
        }
        if (tags.entry < 0) throw new BootException("the multiboot 2 header has an address tag but no entry address tag");
        long headerAddr = tags.address[0];
        long loadAddr = tags.address[1];
        // load_addr -1: the text segment starts at the beginning of the file (section 3.1.5).
        if (loadAddr == 0xFFFF_FFFFL) loadAddr = headerAddr - h.offset;
        KernelSegments.planAddressed("multiboot 2", kernel, h.offset, headerAddr, loadAddr, tags.address[2],
                tags.address[3], tags.entry, layout);
        return PlannedKernel.addressed(kernel, tags.entry, "multiboot 2, address tag");
    }

    /** Writes the fixed part and the tags (section 3.6) from the buffer's base. */
    private static InfoBuffer buildInfo(InfoBuffer info, PlannedKernel k, String cmdline, List<BootModule> modules,
                                  long[] moduleAddr, long ramSize) {
        long start = info.reserve(8); // total_size, reserved
        if (cmdline != null) {
            long t = beginTag(info, IT_CMDLINE);
            info.putString(cmdline);
            endTag(info, t);
        }
        long t = beginTag(info, IT_LOADER_NAME);
        info.putString(MultibootLoader.LOADER_NAME);
        endTag(info, t);
        for (int i = 0; i < modules.size(); i++) {
            t = beginTag(info, IT_MODULE);
            info.append32(moduleAddr[i]);
            info.append32(moduleAddr[i] + modules.get(i).data().length);
            info.putString(modules.get(i).string());
            endTag(info, t);
        }
        t = beginTag(info, IT_BASIC_MEMINFO);
        info.append32(BiosMemoryMap.lowerKiB());
        info.append32(BiosMemoryMap.upperKiB(ramSize));
        endTag(info, t);
        t = beginTag(info, IT_MMAP);
        info.append32(MMAP_ENTRY_SIZE);
        info.append32(0); // entry_version
        for (BiosMemoryMap.Entry e : BiosMemoryMap.entries(ramSize)) {
            info.append64(e.base());
            info.append64(e.length());
            info.append32(e.type());
            info.append32(0);
        }
        endTag(info, t);
        if (k.sectionTable() != null) {
            // num, entsize, shndx as 32-bit fields, as GRUB writes them and kernels read them.
            t = beginTag(info, IT_ELF_SECTIONS);
            info.append32(k.elf().sectionHeaders().size());
            info.append32(k.elf().sectionHeaderEntrySize());
            info.append32(k.elf().sectionNameIndex());
            info.putBytes(k.sectionTable());
            endTag(info, t);
        }
        t = beginTag(info, IT_END);
        endTag(info, t);
        info.set32(start, info.length());
        return info;
    }

    /** Starts a tag at an 8-byte boundary (section 3.6.1); its size is filled in by {@link #endTag}. */
    private static long beginTag(InfoBuffer info, int type) {
        info.align(8);
        long at = info.here();
        info.append32(type);
        info.append32(0);
        return at;
    }

    private static void endTag(InfoBuffer info, long tag) {
        info.set32(tag + 4, info.here() - tag);
    }
}
