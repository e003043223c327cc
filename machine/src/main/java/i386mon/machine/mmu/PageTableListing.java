package i386mon.machine.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * The page tables under a CR3 as a debugger lists them, read straight from guest physical memory
 * (not the TLB) without side effects: the present leaf entries ({@code info tlb}), the ranges of
 * equal effective user/write permission ({@code info mem}), both computed as QEMU 7.2 computes
 * them, and the hierarchy of present entries with runs collapsed ({@code pte dump}). 32-bit paging
 * and PAE (SDM vol. 3, 4.3 and 4.4). An unreadable entry counts as not present.
 */
public final class PageTableListing {
    /** Reads a little-endian paging-structure entry of {@code size} (4 or 8) bytes; 0 when unreadable. */
    @FunctionalInterface
    public interface EntryReader {
        long read(long paddr, int size);
    }

    private static final long P = PageBits.P, RW = PageBits.RW, US = PageBits.US, PWT = PageBits.PWT,
            PCD = PageBits.PCD, A = PageBits.A, D = PageBits.D, PS = PageBits.PS, G = PageBits.G, XD = PageBits.XD;
    /** QEMU's PAE address mask (bits 51:12) for info tlb and info mem. */
    private static final long QEMU_PAE_ADDRESS = 0x000f_ffff_ffff_f000L;
    private static final long ADDRESS_32 = 0xFFFF_F000L;

    private final int cr0, cr3, cr4;
    private final EntryReader reader;

    public PageTableListing(int cr0, int cr3, int cr4, EntryReader reader) {
        this.cr0 = cr0;
        this.cr3 = cr3;
        this.cr4 = cr4;
        this.reader = reader;
    }

    public boolean pagingEnabled() { return (cr0 & Mmu.CR0_PG) != 0; }

    public boolean pae() { return (cr4 & Mmu.CR4_PAE) != 0; }

    public boolean pse() { return (cr4 & Mmu.CR4_PSE) != 0; }

    /**
     * One present leaf entry as {@code info tlb} lists it: the linear page, the entry masked to its
     * frame as QEMU masks it, and the entry (PS cleared for a PTE, where bit 7 is PAT).
     */
    public record Leaf(long linear, long physical, long entry) {
        public boolean executeDisable() { return (entry & XD) != 0; }
        public boolean global() { return (entry & G) != 0; }
        public boolean pageSize() { return (entry & PS) != 0; }
        public boolean dirty() { return (entry & D) != 0; }
        public boolean accessed() { return (entry & A) != 0; }
        public boolean cacheDisabled() { return (entry & PCD) != 0; }
        public boolean writeThrough() { return (entry & PWT) != 0; }
        public boolean user() { return (entry & US) != 0; }
        public boolean writable() { return (entry & RW) != 0; }
    }

    /** One range of {@code info mem}: [start, end) with its effective user and write permission. */
    public record Range(long start, long end, boolean user, boolean writable) { }

    /**
     * One line of {@code pte dump}: a table entry with its children, or a run of {@code count} leaf
     * entries from index {@code first} to {@code last} mapping [linear, linearEnd] to consecutive
     * frames from {@code physical}. {@code flags} are the entry's set bits in Intel's words ("P",
     * "RW"/"RO", "US"/"S", "PWT", "PCD", "A", "D", "PS", "G", "XD"); a run's leave out Accessed and
     * Dirty, counted instead in {@code accessed} and {@code dirty}.
     */
    public record Node(Level level, int first, int last, long entryAddress, long value, long linear, long linearEnd,
                       long physical, List<String> flags, int count, long pageSize, int accessed, int dirty,
                       List<Node> children) {
        public boolean table() { return children != null; }
    }

    /** The leaves {@code info tlb} lists; empty when paging is off. */
    public List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        if (!pagingEnabled()) return out;
        if (pae()) {
            long pdp = cr3 & 0xFFFF_FFE0L;
            for (int l1 = 0; l1 < 4; l1++) {
                long pdpe = reader.read(pdp + l1 * 8L, 8);
                if ((pdpe & P) == 0) continue;
                long pd = pdpe & QEMU_PAE_ADDRESS;
                for (int l2 = 0; l2 < 512; l2++) {
                    long pde = reader.read(pd + l2 * 8L, 8);
                    if ((pde & P) == 0) continue;
                    long base = ((long) l1 << 30) + ((long) l2 << 21);
                    if ((pde & PS) != 0) {
                        // QEMU masks a 2 MiB frame with ~(1 << 20) - 1 (target/i386/monitor.c)
                        out.add(new Leaf(base, pde & ~((1L << 20) - 1), pde));
                        continue;
                    }
                    long pt = pde & QEMU_PAE_ADDRESS;
                    for (int l3 = 0; l3 < 512; l3++) {
                        long pte = reader.read(pt + l3 * 8L, 8);
                        if ((pte & P) != 0) out.add(new Leaf(base + ((long) l3 << 12), pte & ~PS & ~0xFFFL, pte & ~PS));
                    }
                }
            }
            return out;
        }
        long pgd = cr3 & ADDRESS_32;
        for (int l1 = 0; l1 < 1024; l1++) {
            long pde = reader.read(pgd + l1 * 4L, 4);
            if ((pde & P) == 0) continue;
            if ((pde & PS) != 0 && pse()) {
                out.add(new Leaf((long) l1 << 22, pde & ~((1L << 21) - 1), pde));
                continue;
            }
            long pt = pde & ADDRESS_32;
            for (int l2 = 0; l2 < 1024; l2++) {
                long pte = reader.read(pt + l2 * 4L, 4);
                if ((pte & P) != 0) out.add(new Leaf(((long) l1 << 22) + ((long) l2 << 12), pte & ~PS & ~0xFFFL, pte & ~PS));
            }
        }
        return out;
    }

    /** The ranges {@code info mem} lists; empty when paging is off. */
    public List<Range> ranges() {
        List<Range> out = new ArrayList<>();
        if (!pagingEnabled()) return out;
        RangeMerger r = new RangeMerger(out);
        if (pae()) {
            long pdp = cr3 & 0xFFFF_FFE0L;
            for (int l1 = 0; l1 < 4; l1++) {
                long pdpe = reader.read(pdp + l1 * 8L, 8);
                long end1 = (long) l1 << 30;
                if ((pdpe & P) == 0) {
                    r.next(end1, 0);
                    continue;
                }
                long pd = pdpe & QEMU_PAE_ADDRESS;
                for (int l2 = 0; l2 < 512; l2++) {
                    long pde = reader.read(pd + l2 * 8L, 8);
                    long end2 = end1 + ((long) l2 << 21);
                    if ((pde & P) == 0) {
                        r.next(end2, 0);
                    } else if ((pde & PS) != 0) {
                        r.next(end2, pde & (US | RW | P));
                    } else {
                        long pt = pde & QEMU_PAE_ADDRESS;
                        for (int l3 = 0; l3 < 512; l3++) {
                            long pte = reader.read(pt + l3 * 8L, 8);
                            r.next(end2 + ((long) l3 << 12), (pte & P) != 0 ? pte & pde & (US | RW | P) : 0);
                        }
                    }
                }
            }
        } else {
            long pgd = cr3 & ADDRESS_32;
            for (int l1 = 0; l1 < 1024; l1++) {
                long pde = reader.read(pgd + l1 * 4L, 4);
                long end = (long) l1 << 22;
                if ((pde & P) == 0) {
                    r.next(end, 0);
                } else if ((pde & PS) != 0 && pse()) {
                    r.next(end, pde & (US | RW | P));
                } else {
                    long pt = pde & ADDRESS_32;
                    for (int l2 = 0; l2 < 1024; l2++) {
                        long pte = reader.read(pt + l2 * 4L, 4);
                        r.next(end + ((long) l2 << 12), (pte & P) != 0 ? pte & pde & (US | RW | P) : 0);
                    }
                }
            }
        }
        r.next(1L << 32, 0);
        return out;
    }

    /** QEMU's mem_print: a range ends each time the protection changes. */
    private static final class RangeMerger {
        private final List<Range> out;
        private long start = -1;
        private long lastProt;

        RangeMerger(List<Range> out) {
            this.out = out;
        }

        void next(long end, long prot) {
            if (prot == lastProt) return;
            if (start != -1) out.add(new Range(start, end, (lastProt & US) != 0, (lastProt & RW) != 0));
            start = prot != 0 ? end : -1;
            lastProt = prot;
        }
    }

    /** The present entries under the CR3 for linear addresses in [from, to), as a tree. */
    public List<Node> tree(long from, long to) {
        return new TreeWalk(from, to).tree();
    }

    /** The {@code pte dump} walk over one linear range. */
    private final class TreeWalk {
        private record Shape(Level level, int entries, int entrySize, int shift, boolean mayBeLeaf) { }

        private final long from, to;

        TreeWalk(long from, long to) {
            this.from = from;
            this.to = to;
        }

        List<Node> tree() {
            if (pae()) {
                Shape[] levels = {new Shape(Level.PDPTE, 4, 8, 30, false), new Shape(Level.PDE, 512, 8, 21, true),
                    new Shape(Level.PTE, 512, 8, 12, true)};
                return table(levels, 0, cr3 & 0xFFFF_FFE0L, 0, QEMU_PAE_ADDRESS);
            }
            Shape[] levels = {new Shape(Level.PDE, 1024, 4, 22, pse()), new Shape(Level.PTE, 1024, 4, 12, true)};
            return table(levels, 0, cr3 & ADDRESS_32, 0, ADDRESS_32);
        }

        private List<Node> table(Shape[] levels, int depth, long tableAddr, long base, long addrMask) {
            List<Node> out = new ArrayList<>();
            Shape lv = levels[depth];
            boolean last = depth == levels.length - 1;
            long span = 1L << lv.shift;
            int i = 0;
            while (i < lv.entries) {
                long lin = base + i * span;
                if (lin + span <= from || lin >= to) {
                    i++;
                    continue;
                }
                long entryAddress = tableAddr + (long) i * lv.entrySize;
                long e = reader.read(entryAddress, lv.entrySize);
                if ((e & P) == 0) {
                    i++;
                    continue;
                }
                boolean leaf = last || (lv.mayBeLeaf && (e & PS) != 0);
                if (!leaf) {
                    List<Node> children = table(levels, depth + 1, e & addrMask, lin, addrMask);
                    out.add(new Node(lv.level, i, i, entryAddress, e, lin, lin + span - 1, e & addrMask, flags(e, lv),
                            1, span, 0, 0, children));
                    i++;
                    continue;
                }
                // a run of leaf entries mapping consecutive frames with equal flags; Accessed and Dirty
                // differ page by page in any used table, so they are counted instead of splitting runs
                long frameMask = last ? addrMask : addrMask & ~(span - 1);
                long ad = A | D;
                long frame = e & frameMask;
                long flagBits = e & ~frameMask & ~ad;
                int accessed = 0, dirty = 0;
                int j = i;
                while (j < lv.entries && base + j * span < to) {
                    long f = j == i ? e : reader.read(tableAddr + (long) j * lv.entrySize, lv.entrySize);
                    if ((f & ~frameMask & ~ad) != flagBits || (f & frameMask) != frame + (j - i) * span) break;
                    if ((f & A) != 0) accessed++;
                    if ((f & D) != 0) dirty++;
                    j++;
                }
                int n = j - i;
                out.add(new Node(lv.level, i, j - 1, entryAddress, e, lin, lin + n * span - 1, frame,
                        flags(n == 1 ? e : flagBits, lv), n, span, accessed, dirty, null));
                i = j;
            }
            return out;
        }

        /** Set flags in words, as Intel names them. */
        private List<String> flags(long e, Shape lv) {
            List<String> b = new ArrayList<>();
            b.add("P");
            boolean pdpte = lv.level == Level.PDPTE;
            if (!pdpte) {
                b.add((e & RW) != 0 ? "RW" : "RO");
                b.add((e & US) != 0 ? "US" : "S");
            }
            if ((e & PWT) != 0) b.add("PWT");
            if ((e & PCD) != 0) b.add("PCD");
            if (!pdpte) {
                if ((e & A) != 0) b.add("A");
                if ((e & D) != 0) b.add("D");
                if (lv.mayBeLeaf && lv.level != Level.PTE && (e & PS) != 0) b.add("PS");
                if ((e & G) != 0) b.add("G");
            }
            if ((e & XD) != 0) b.add("XD");
            return List.copyOf(b);
        }
    }
}
