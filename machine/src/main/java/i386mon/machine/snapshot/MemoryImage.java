package i386mon.machine.snapshot;

import i386mon.machine.memory.PhysicalMemory;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Guest RAM as a snapshot keeps it: a page of zeros is stored as nothing, any other page
 * deflated on its own, so a mostly empty 128 MiB guest costs a few hundred KiB and a page is
 * restored without inflating the others.
 */
public final class MemoryImage {
    static final int PAGE = 4096;
    private static final byte[] ZERO = new byte[PAGE];

    private final long ramSize;
    /** Per page: its deflated bytes, or null for a page of zeros. */
    private final byte[][] pages;

    MemoryImage(long ramSize, byte[][] pages) {
        this.ramSize = ramSize;
        this.pages = pages;
    }

    /** Captures every page of {@code memory}'s backing store (RAM, the VGA window, ROM). */
    static MemoryImage capture(PhysicalMemory memory) {
        byte[][] pages = new byte[memory.pageCount()][];
        byte[] page = new byte[PAGE], buf = new byte[PAGE + 64];
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            for (int p = 0; p < pages.length; p++) {
                memory.readPage(p, page);
                if (Arrays.mismatch(page, ZERO) < 0) continue;
                d.reset();
                d.setInput(page);
                d.finish();
                int n = d.deflate(buf);
                pages[p] = Arrays.copyOf(buf, n);
            }
        } finally {
            d.end();
        }
        return new MemoryImage(memory.ramSize(), pages);
    }

    /** Writes every page back (the code cache is told of each). */
    void restore(PhysicalMemory memory) {
        if (memory.ramSize() != ramSize) throw new SnapshotException(String.format("the snapshot has %d MiB of RAM, this machine %d MiB", ramSize >> 20, memory.ramSize() >> 20));
        byte[] page = new byte[PAGE], current = new byte[PAGE];
        Inflater inf = new Inflater();
        try {
            for (int p = 0; p < pages.length; p++) {
                if (pages[p] == null) {
                    // most of a guest's RAM is zeros then and now: writing only what differs keeps a restore cheap
                    memory.readPage(p, current);
                    if (Arrays.mismatch(current, ZERO) >= 0) memory.writePage(p, ZERO);
                    continue;
                }
                inf.reset();
                inf.setInput(pages[p]);
                if (inf.inflate(page) != PAGE || !inf.finished()) throw new SnapshotException("the snapshot's page " + p + " is corrupted");
                memory.writePage(p, page);
            }
        } catch (DataFormatException e) {
            throw new SnapshotException("the snapshot's memory is corrupted: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    long ramSize() { return ramSize; }

    int pageCount() { return pages.length; }

    /** Page {@code p}'s deflated bytes, or null for zeros. */
    byte[] page(int p) { return pages[p]; }

    /** Bytes the image takes (deflated pages). */
    long storedBytes() {
        long n = 0;
        for (byte[] p : pages) if (p != null) n += p.length;
        return n;
    }

    /** What it holds on the heap: the deflated pages with their array headers, and the table of pages. */
    long heapBytes() {
        long n = 16 + 8L * pages.length;
        for (byte[] p : pages) if (p != null) n += 16 + p.length;
        return n;
    }
}
