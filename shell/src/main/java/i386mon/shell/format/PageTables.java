package i386mon.shell.format;

import i386mon.shell.guest.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU 7.2's {@code info tlb} and {@code info mem}, computed as QEMU computes them: by reading the
 * page tables in guest physical memory (not the TLB), for 32-bit paging and PAE (SDM Vol. 3A 4.3,
 * 4.4). Reads are side-effect free; an unreadable entry counts as not present.
 */
public final class PageTables {
    static final long P = 1, RW = 2, US = 4, PWT = 8, PCD = 0x10, A = 0x20, D = 0x40, PS = 0x80, G = 0x100;
    static final long NX = 1L << 63;
    private static final int CR0_PG = 1 << 31, CR4_PSE = 1 << 4, CR4_PAE = 1 << 5;
    private static final long PAE_ADDR = 0x000f_ffff_ffff_f000L;

    private final Target t;

    public PageTables(Target t) {
        this.t = t;
    }

    public boolean pagingEnabled() {
        return (t.cr0() & CR0_PG) != 0;
    }

    public boolean pae() {
        return (t.cr4() & CR4_PAE) != 0;
    }

    /** One present leaf entry as {@code info tlb} lists it: linear page, entry masked to its frame, flags. */
    public record Leaf(long linear, long physical, String flags) { }

    /** One range of {@code info mem}: [start, end) with its effective user and write permission. */
    public record Range(long start, long end, boolean user, boolean writable) { }

    /** {@code info tlb}: one line per present leaf entry, flags XGPDACTUW from the leaf only. */
    public List<String> tlb() {
        List<String> out = new ArrayList<>();
        if (!pagingEnabled()) {
            out.add("PG disabled");
            return out;
        }
        for (Leaf l : leaves()) out.add(String.format("%016x: %016x %s", l.linear, l.physical, l.flags));
        return out;
    }

    /** The leaves {@code info tlb} lists; empty when paging is off. */
    public List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        if (!pagingEnabled()) return out;
        if (pae()) {
            long pdp = t.cr3() & 0xFFFF_FFE0L;
            for (int l1 = 0; l1 < 4; l1++) {
                long pdpe = read64(pdp + l1 * 8L);
                if ((pdpe & P) == 0) continue;
                long pd = pdpe & PAE_ADDR;
                for (int l2 = 0; l2 < 512; l2++) {
                    long pde = read64(pd + l2 * 8L);
                    if ((pde & P) == 0) continue;
                    long base = ((long) l1 << 30) + ((long) l2 << 21);
                    if ((pde & PS) != 0) {
                        out.add(tlbLine(base, pde, ~((1L << 20) - 1)));
                        continue;
                    }
                    long pt = pde & PAE_ADDR;
                    for (int l3 = 0; l3 < 512; l3++) {
                        long pte = read64(pt + l3 * 8L);
                        if ((pte & P) != 0) out.add(tlbLine(base + ((long) l3 << 12), pte & ~PS, ~0xFFFL));
                    }
                }
            }
            return out;
        }
        long pgd = t.cr3() & 0xFFFF_F000L;
        for (int l1 = 0; l1 < 1024; l1++) {
            long pde = read32(pgd + l1 * 4L);
            if ((pde & P) == 0) continue;
            if ((pde & PS) != 0 && (t.cr4() & CR4_PSE) != 0) {
                out.add(tlbLine((long) l1 << 22, pde, ~((1L << 21) - 1)));
                continue;
            }
            long pt = pde & 0xFFFF_F000L;
            for (int l2 = 0; l2 < 1024; l2++) {
                long pte = read32(pt + l2 * 4L);
                if ((pte & P) != 0) out.add(tlbLine(((long) l1 << 22) + ((long) l2 << 12), pte & ~PS, ~0xFFFL));
            }
        }
        return out;
    }

    private static Leaf tlbLine(long addr, long pte, long mask) {
        return new Leaf(addr, pte & mask, String.format("%c%c%c%c%c%c%c%c%c",
                (pte & NX) != 0 ? 'X' : '-', (pte & G) != 0 ? 'G' : '-', (pte & PS) != 0 ? 'P' : '-',
                (pte & D) != 0 ? 'D' : '-', (pte & A) != 0 ? 'A' : '-', (pte & PCD) != 0 ? 'C' : '-',
                (pte & PWT) != 0 ? 'T' : '-', (pte & US) != 0 ? 'U' : '-', (pte & RW) != 0 ? 'W' : '-'));
    }

    /** {@code info mem}: ranges of equal effective user/write permission, as QEMU merges them. */
    public List<String> mem() {
        List<String> out = new ArrayList<>();
        if (!pagingEnabled()) {
            out.add("PG disabled");
            return out;
        }
        for (Range r : ranges()) {
            out.add(String.format("%016x-%016x %016x %c%c%c", r.start, r.end, r.end - r.start,
                    r.user ? 'u' : '-', 'r', r.writable ? 'w' : '-'));
        }
        return out;
    }

    /** The ranges {@code info mem} lists; empty when paging is off. */
    public List<Range> ranges() {
        List<Range> out = new ArrayList<>();
        if (!pagingEnabled()) return out;
        MemRanges r = new MemRanges(out);
        if (pae()) {
            long pdp = t.cr3() & 0xFFFF_FFE0L;
            for (int l1 = 0; l1 < 4; l1++) {
                long pdpe = read64(pdp + l1 * 8L);
                long end1 = (long) l1 << 30;
                if ((pdpe & P) == 0) {
                    r.next(end1, 0);
                    continue;
                }
                long pd = pdpe & PAE_ADDR;
                for (int l2 = 0; l2 < 512; l2++) {
                    long pde = read64(pd + l2 * 8L);
                    long end2 = end1 + ((long) l2 << 21);
                    if ((pde & P) == 0) {
                        r.next(end2, 0);
                    } else if ((pde & PS) != 0) {
                        r.next(end2, pde & (US | RW | P));
                    } else {
                        long pt = pde & PAE_ADDR;
                        for (int l3 = 0; l3 < 512; l3++) {
                            long pte = read64(pt + l3 * 8L);
                            long end3 = end2 + ((long) l3 << 12);
                            r.next(end3, (pte & P) != 0 ? pte & pde & (US | RW | P) : 0);
                        }
                    }
                }
            }
        } else {
            long pgd = t.cr3() & 0xFFFF_F000L;
            for (int l1 = 0; l1 < 1024; l1++) {
                long pde = read32(pgd + l1 * 4L);
                long end = (long) l1 << 22;
                if ((pde & P) == 0) {
                    r.next(end, 0);
                } else if ((pde & PS) != 0 && (t.cr4() & CR4_PSE) != 0) {
                    r.next(end, pde & (US | RW | P));
                } else {
                    long pt = pde & 0xFFFF_F000L;
                    for (int l2 = 0; l2 < 1024; l2++) {
                        long pte = read32(pt + l2 * 4L);
                        r.next(end + ((long) l2 << 12), (pte & P) != 0 ? pte & pde & (US | RW | P) : 0);
                    }
                }
            }
        }
        r.next(1L << 32, 0);
        return out;
    }

    /** QEMU's mem_print: a line each time the protection changes. */
    private static final class MemRanges {
        private final List<Range> out;
        private long start = -1;
        private long lastProt;

        MemRanges(List<Range> out) {
            this.out = out;
        }

        void next(long end, long prot) {
            if (prot == lastProt) return;
            if (start != -1) {
                out.add(new Range(start, end, (lastProt & US) != 0, (lastProt & RW) != 0));
            }
            start = prot != 0 ? end : -1;
            lastProt = prot;
        }
    }

    long read32(long paddr) {
        byte[] b = new byte[4];
        if (!t.readPhysical(paddr, b, 0, 4)) return 0;
        return MemoryDump.littleEndian(b, 0, 4);
    }

    long read64(long paddr) {
        byte[] b = new byte[8];
        if (!t.readPhysical(paddr, b, 0, 8)) return 0;
        return MemoryDump.littleEndian(b, 0, 8);
    }
}
