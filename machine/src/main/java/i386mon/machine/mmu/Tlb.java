package i386mon.machine.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * The translation lookaside buffer: one int per 4 KiB linear page, so a hit is one array load.
 * Entry layout: bits 31:12 physical frame (bits 31:12; bits 35:32 in {@link #high} when
 * {@link #HIGH} is set), bits 11:0 the flags below. An entry is valid iff {@link #SR} is set:
 * supervisor reads are allowed by every valid translation (SDM vol. 3, 4.6.1).
 *
 * <p>Large pages are cached per 4 KiB page they cover; invalidation of any address in a large
 * page removes the whole large page (SDM vol. 3, 4.10.4.1, INVLPG). Filled indices are kept in a
 * list so a flush costs the number of cached pages, not 4 MiB.
 */
public final class Tlb {
    public static final int SR = 1, SW = 1 << 1, UR = 1 << 2, UW = 1 << 3, SX = 1 << 4, UX = 1 << 5;
    /** The frame is RAM or ROM (read directly from the backing array). */
    public static final int DIRECT = 1 << 6;
    public static final int GLOBAL = 1 << 7;
    /**
     * The fast path must not use this entry: the frame lies at or above 4 GiB (PAE; its bits 35:32
     * are in {@link #high}), or the linear page is watched ({@link #markSlow}; bits 35:32 zero).
     */
    public static final int HIGH = 1 << 8;
    public static final int SIZE_SHIFT = 9, SIZE_MASK = 3 << SIZE_SHIFT;
    public static final int SIZE_4K = 0, SIZE_2M = 1, SIZE_4M = 2;
    public static final int DIRTY_KNOWN = 1 << 11;

    private static final int PAGES = 1 << 20;

    /** The cache itself, indexed by linear page number. Read directly by {@link Mmu}'s fast path. */
    final int[] entries = new int[PAGES];
    /**
     * The pages filled since the last flush, in fill order, and a bit per page for "already listed".
     * The list grows as pages are filled and the marks are bits: a new machine's fresh memory costs
     * start-up time page by page, and a guest fills thousands of entries, not a million (#19).
     */
    private int[] filled = new int[1024];
    private final long[] listed = new long[PAGES / 64];
    private int filledCount;
    private byte[] high;
    /** True once a large-page entry was cached since the last full flush (INVLPG must then scan). */
    private boolean hasLarge;
    /** The inline fast path derived from these entries: told of every entry that changes or goes. */
    private final HostTlb host;

    /** Told whenever {@link #generation} changes (the CPU's block dispatch); never null. */
    private TranslationListener listener = () -> { };

    Tlb(HostTlb host) { this.host = host; }

    void setListener(TranslationListener l) { listener = l == null ? () -> { } : l; }

    void fill(int page, int entry, long frame) {
        host.invalidatePage(page);
        entries[page] = entry;
        if ((entry & SIZE_MASK) != 0) hasLarge = true;
        if ((entry & HIGH) != 0) {
            if (high == null) high = new byte[PAGES];
            high[page] = (byte) (frame >>> 32);
        }
        if ((listed[page >>> 6] & 1L << page) == 0) {
            listed[page >>> 6] |= 1L << page;
            if (filledCount == filled.length) filled = java.util.Arrays.copyOf(filled, filledCount * 2);
            filled[filledCount++] = page;
        }
    }

    /** The physical frame address cached for {@code page} (only meaningful for a valid entry). */
    long frame(int page) {
        int e = entries[page];
        long f = e & 0xFFFF_F000L;
        if ((e & HIGH) != 0) f |= (long) (high[page] & 0xF) << 32;
        return f;
    }

    static int pageSize(int entry) {
        switch ((entry & SIZE_MASK) >>> SIZE_SHIFT) {
            case SIZE_2M: return 2 << 20;
            case SIZE_4M: return 4 << 20;
            default: return 4096;
        }
    }

    /**
     * Bumped whenever an entry may stop translating as before (any flush or invalidation), so a
     * cache of translated addresses (the CPU's chained code blocks) can tell it is still valid.
     */
    private int generation;

    public int generation() { return generation; }

    /** Drops every entry (CR0.PG/WP, CR4.PSE/PGE/PAE changes; SDM vol. 3, 4.10.4.1). */
    public void flushAll() {
        generation++;
        listener.translationsDropped();
        host.flush();
        for (int i = 0; i < filledCount; i++) {
            int p = filled[i];
            entries[p] = 0;
            listed[p >>> 6] &= ~(1L << p);
        }
        filledCount = 0;
        hasLarge = false;
    }

    /** Drops the non-global entries (a CR3 load; global ones survive, SDM vol. 3, 4.10.2.4). */
    public void flushNonGlobal() {
        generation++;
        listener.translationsDropped();
        host.flush();
        int kept = 0;
        for (int i = 0; i < filledCount; i++) {
            int p = filled[i];
            if ((entries[p] & GLOBAL) != 0) {
                filled[kept++] = p;
            } else {
                entries[p] = 0;
                listed[p >>> 6] &= ~(1L << p);
            }
        }
        filledCount = kept;
    }

    /** INVLPG: drops the page holding {@code linear}, global or not, and any large page covering it. */
    public void invalidate(int linear) {
        generation++;
        listener.translationsDropped();
        int page = linear >>> 12;
        entries[page] = 0;
        host.invalidatePage(page);
        if (!hasLarge) return;
        host.flush();
        // Large-page entries are cached per 4 KiB page; clear every one that belongs to a large page
        // containing this address (the 4 MiB-aligned block covers both 2 MiB and 4 MiB pages).
        int base = page & ~0x3FF;
        for (int p = base; p < base + 1024; p++) {
            int e = entries[p];
            if (e == 0 || (e & SIZE_MASK) == 0) continue;
            int pagesPerLarge = pageSize(e) >>> 12;
            if ((p & -pagesPerLarge) == (page & -pagesPerLarge)) entries[p] = 0;
        }
    }

    /** Keeps {@code page}'s cached translation, if any, but sends its accesses to the miss path. */
    void markSlow(int page) {
        int e = entries[page];
        if (e == 0 || (e & HIGH) != 0) return;
        host.invalidatePage(page);
        if (high == null) high = new byte[PAGES];
        high[page] = 0;
        entries[page] = e | HIGH;
    }

    /**
     * The cached translations for a snapshot: each filled page's entry and frame, without the marks
     * of linear watchpoints (a debugger's, not the guest's). The generation is not state.
     */
    void save(i386mon.machine.state.StateWriter out) {
        int n = 0;
        for (int i = 0; i < filledCount; i++) if (entries[filled[i]] != 0) n++;
        out.i32(n);
        for (int i = 0; i < filledCount; i++) {
            int p = filled[i], e = entries[p];
            if (e == 0) continue;
            long frame = frame(p);
            if ((e & HIGH) != 0 && high[p] == 0) e &= ~HIGH; // a watch mark
            out.i32(p).i32(e).i64(frame);
        }
    }

    /** Replaces the cache with what {@link #save} wrote. */
    void restore(i386mon.machine.state.StateReader in) {
        flushAll();
        int n = in.i32();
        if (n < 0 || n > PAGES) throw new i386mon.machine.state.StateFormatException("the saved TLB has " + n + " entries");
        for (int i = 0; i < n; i++) {
            int p = in.i32(), e = in.i32();
            long frame = in.i64();
            if (p < 0 || p >= PAGES) throw new i386mon.machine.state.StateFormatException("the saved TLB has page " + p);
            fill(p, e, frame);
        }
    }

    /** Undoes {@link #markSlow}: a below-4-GiB entry may use the fast path again. */
    void unmarkSlow(int page) {
        int e = entries[page];
        if ((e & HIGH) != 0 && high[page] == 0) entries[page] = e & ~HIGH;
    }

    /** Number of valid cached 4 KiB pages. */
    public int size() {
        int n = 0;
        for (int i = 0; i < filledCount; i++) if (entries[filled[i]] != 0) n++;
        return n;
    }

    /** The raw entry for a linear page (0 = not cached); for inspection and tests. */
    public int rawEntry(int linear) { return entries[linear >>> 12]; }

    /** Every valid entry, in the order they were filled. */
    public List<TlbEntry> list() {
        List<TlbEntry> out = new ArrayList<>();
        for (int i = 0; i < filledCount; i++) {
            int p = filled[i];
            int e = entries[p];
            if (e == 0) continue;
            out.add(new TlbEntry((long) p << 12, frame(p), pageSize(e), (e & SW) != 0, (e & UR) != 0,
                    (e & UW) != 0, (e & SX) != 0, (e & UX) != 0, (e & GLOBAL) != 0, (e & DIRTY_KNOWN) != 0,
                    (e & DIRECT) != 0));
        }
        return out;
    }

    /** The linear page numbers of the valid entries (for the stale-entry comparison). */
    int[] pages() {
        int[] out = new int[filledCount];
        int n = 0;
        for (int i = 0; i < filledCount; i++) if (entries[filled[i]] != 0) out[n++] = filled[i];
        return java.util.Arrays.copyOf(out, n);
    }

    /** A byte-exact copy of the cache state (for tests that inspection leaves it untouched). */
    int[] snapshot() { return entries.clone(); }
}
