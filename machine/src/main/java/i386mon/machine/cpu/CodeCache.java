package i386mon.machine.cpu;

import i386mon.machine.fault.CpuException;
import i386mon.machine.memory.CodeWriteListener;
import i386mon.machine.memory.PhysicalMemory;

/**
 * Decoded basic blocks cached by the physical address of their first byte. A block runs from an
 * entry point to the first instruction whose handler ends a block ({@link OpcodeTable.Op}: control
 * transfers and changes to how code is fetched), or a repeated string instruction, and never leaves
 * its 4 KiB page. Which 128-byte lines of a page hold decoded code is tracked, so
 * a data write beside code costs nothing and a write into code drops the page's blocks (the
 * running block stops after the writing instruction). The run loop finds the block at EIP through a small
 * direct-mapped dispatch table keyed by EIP alone, whose entries hold while the CPU's
 * {@link Cpu#dispatchGen} is unchanged: it is bumped on every TLB flush or invalidation (CR3 load,
 * INVLPG, paging or A20 change), CS load, CPL change and code write, everything else a block's
 * identity depends on (CS base and size, the page mapping, the bytes).
 *
 * <p>The cache is bounded (#18): when it holds {@link #MAX_INSNS} decoded instructions,
 * {@link #MAX_PAGES} pages of blocks or {@link #MAX_COMPILED} compiled blocks, it is emptied and fills again from what runs next (as
 * QEMU flushes its translation buffer when full), so a guest running wild through zeroed memory
 * runs forever in bounded memory.
 */
final class CodeCache implements CodeWriteListener, Decoder.Bytes {
    static final int MAX_BLOCK = 64;
    private static final int LINE_SHIFT = 7;
    /** About 100 bytes each: ~50 MiB. A large kernel's hot code is a few hundred thousand. */
    static final int MAX_INSNS = 1 << 19;
    /** Pages holding blocks (each a 4096-entry table, 16 KiB with compressed references): 32 MiB. */
    static final int MAX_PAGES = 2048;
    /**
     * Compiled blocks held (each a hidden class in metaspace, outside the heap, and machine code):
     * a guest jumping to ever-new hot code compiled 210 K blocks, 125 MB of metaspace, before the
     * instruction bound emptied the cache (#19).
     */
    static final int MAX_COMPILED = 1 << 14;
    /** {@link #MAX_COMPILED}, lowered by tests. */
    int maxCompiled = MAX_COMPILED;
    /** Blocks compiled since the cache was last emptied (an upper bound of those it holds). */
    private int compiledHeld;
    private boolean flushPending;

    /** A decoded run of instructions; {@link Insn#off} is each one's offset from the block's start. */
    static final class Block {
        final Insn[] insns;
        final boolean csD;
        /** False for a lone instruction that crosses into the next page: decoded afresh each time. */
        final boolean cacheable;
        /**
         * 16-bit code whose last instruction ends at offset 0x10000: IP wraps to 0 after it. Only such
         * a block's last instruction can end there, so the run loop tests this once per block.
         */
        final boolean wrapsIp;
        /** Interpreted passes so far, and the compiled form once hot (valid only entered at {@link #compiledEip}). */
        int executions;
        CompiledBlock compiled;
        int compiledEip;
        /** Whether a breakpoint lies in the block, as of breakpoint-set generation {@link #breakpointGen} (-1: unknown). */
        boolean hasBreakpoint;
        int breakpointGen = -1, breakpointEip;

        Block(Insn[] insns, boolean csD, boolean cacheable, boolean wrapsIp) {
            this.insns = insns;
            this.csD = csD;
            this.cacheable = cacheable;
            this.wrapsIp = wrapsIp;
        }
    }

    private final Cpu cpu;
    private final PhysicalMemory mem;
    private final Block[][] pages;
    /** Per physical page: bit n set if line n (128 bytes) holds decoded instructions. */
    private final int[] codeLines;
    /** Per physical page: decoded instructions cached in it; and the totals the bounds apply to. */
    private final int[] pageInsns;
    private int cachedInsns, cachedPages;
    /** The dispatch table: entry i holds the block at EIP {@code dispatchEip[i]}, valid while its generation is current. */
    private static final int DISPATCH_SLOTS = 4096, DISPATCH_MASK = DISPATCH_SLOTS - 1;
    private final int[] dispatchEip = new int[DISPATCH_SLOTS], dispatchGen = new int[DISPATCH_SLOTS];
    private final Block[] dispatchBlock = new Block[DISPATCH_SLOTS];
    private final Insn[] scratch = new Insn[MAX_BLOCK];
    // the instruction being decoded
    private int fLin;
    private long fPhys;

    CodeCache(Cpu cpu) {
        this.cpu = cpu;
        this.mem = cpu.mem;
        int n = (int) (mem.ramSize() >>> PhysicalMemory.PAGE_SHIFT);
        this.pages = new Block[n][];
        this.codeLines = new int[n];
        this.pageInsns = new int[n];
        mem.addCodeWriteListener(this); // several CPUs: each cache hears every write into code
    }

    /** Every dispatch entry and chain link becomes invalid (see {@link Cpu#dispatchGen}). */
    private void invalidateDispatch() {
        cpu.dispatchGen++;
    }

    /** Drops every decoded block (memory was replaced under them: a snapshot was restored). */
    void clear() {
        flush(); // the size bound's counts go with the blocks
        cpu.attention = true;
    }

    @Override
    public boolean codeWritten(int paddr, int size) {
        int p = paddr >>> PhysicalMemory.PAGE_SHIFT;
        if (codeLines[p] == 0) return false; // emptied by a flush: stop reporting writes to it
        int first = (paddr & 0xFFF) >>> LINE_SHIFT, last = ((paddr & 0xFFF) + size - 1) >>> LINE_SHIFT;
        int touched = (int) ((0xFFFF_FFFFL >>> (31 - last + first)) << first);
        if ((codeLines[p] & touched) == 0) return true; // data beside code: the decodes stay valid
        dropPage(p);
        invalidateDispatch();
        cpu.attention = true; // the running block may be the one written: stop after this instruction
        return false;
    }

    private void dropPage(int p) {
        if (pages[p] != null) cachedPages--;
        pages[p] = null;
        codeLines[p] = 0;
        cachedInsns -= pageInsns[p];
        pageInsns[p] = 0;
    }

    /**
     * Empties the cache. The running block keeps its instructions; links into the old blocks are
     * not followed again (the generation changes).
     */
    private void flush() {
        java.util.Arrays.fill(pages, null);
        java.util.Arrays.fill(codeLines, 0);
        java.util.Arrays.fill(pageInsns, 0);
        cachedInsns = 0;
        cachedPages = 0;
        compiledHeld = 0;
        flushPending = false;
        invalidateDispatch();
        java.util.Arrays.fill(dispatchBlock, null); // let the dropped blocks go
    }

    /**
     * Called before a block is compiled: false if the cache already holds {@link #maxCompiled}
     * compiled blocks; it is then emptied at the next lookup (not now: the running block's code
     * lines must still report writes into it), and the block compiled afresh once hot again.
     */
    boolean mayCompile() {
        if (compiledHeld >= maxCompiled) {
            flushPending = true;
            invalidateDispatch(); // the next block comes through lookup, which empties the cache
            return false;
        }
        compiledHeld++;
        return true;
    }

    /** Blocks compiled since the cache was last emptied (at most {@link #maxCompiled}). */
    int compiledHeld() { return compiledHeld; }

    /** Decoded instructions held now (at most {@link #MAX_INSNS}). */
    int cachedInstructions() { return cachedInsns; }

    /** Pages holding blocks now (at most {@link #MAX_PAGES}). */
    int cachedPages() { return cachedPages; }

    private static int dispatchSlot(int eip) { return (eip ^ eip >>> 12) & DISPATCH_MASK; }

    /** The block at CS:eip: from the dispatch table while its entry holds, else {@link #lookup}. */
    Block blockAt(int eip) {
        int i = dispatchSlot(eip);
        if (dispatchEip[i] == eip && dispatchGen[i] == cpu.dispatchGen) {
            Block b = dispatchBlock[i];
            if (b != null) return b;
        }
        Block b = lookup(eip);
        if (b.cacheable) {
            dispatchEip[i] = eip;
            dispatchGen[i] = cpu.dispatchGen;
            dispatchBlock[i] = b;
        }
        return b;
    }

    /**
     * The compiled form of the block at CS:eip if the run loop would enter it there now: a current
     * dispatch entry (never a fetch, so never a fault) compiled for this EIP. Null while chaining is
     * off (breakpoints or execution observers: the run loop checks each block).
     */
    CompiledBlock compiledAt(int eip) {
        Block b = cpu.chaining ? dispatched(eip) : null;
        return b != null && b.compiledEip == eip ? b.compiled : null;
    }

    /**
     * The block at CS:eip if a current dispatch entry holds it, else null: never a fetch, so never
     * a fault and no Accessed bit set (what {@link CallSegments} looks at while compiling).
     */
    Block dispatched(int eip) {
        int i = dispatchSlot(eip);
        return dispatchEip[i] == eip && dispatchGen[i] == cpu.dispatchGen ? dispatchBlock[i] : null;
    }

    /** The block at CS:eip (fetch access: #PF; CS limit: #GP(0)). */
    Block lookup(int eip) {
        if (flushPending) flush();
        boolean csD = (cpu.segAttr[Cpu.CS] & 0x400000) != 0;
        int lin = cpu.segBase[Cpu.CS] + eip;
        long phys = cpu.mmu.fetchPhysical(lin);
        int p = (int) (phys >>> PhysicalMemory.PAGE_SHIFT);
        boolean cacheable = phys >= 0 && p < pages.length && mem.isBacked(phys);
        if (cacheable) {
            Block[] page = pages[p];
            if (page != null) {
                Block b = page[(int) phys & 0xFFF];
                if (b != null && b.csD == csD) return b;
            }
        }
        Block b = build(eip, lin, phys, csD);
        if (cacheable && b.cacheable) {
            Block[] page = pages[p];
            if (page == null && cachedPages >= MAX_PAGES || cachedInsns + b.insns.length > MAX_INSNS) {
                flush();
                page = null;
            }
            if (page == null) {
                page = new Block[0x1000];
                pages[p] = page;
                cachedPages++;
            }
            int off = (int) phys & 0xFFF;
            if (page[off] != null) { // replaced (a block decoded for the other code-segment size)
                pageInsns[p] -= page[off].insns.length;
                cachedInsns -= page[off].insns.length;
            }
            page[off] = b;
            pageInsns[p] += b.insns.length;
            cachedInsns += b.insns.length;
            Insn last = b.insns[b.insns.length - 1];
            int end = off + last.off + last.len - 1;
            codeLines[p] |= (int) ((0xFFFF_FFFFL >>> (31 - (end >>> LINE_SHIFT) + (off >>> LINE_SHIFT))) << (off >>> LINE_SHIFT));
            mem.markCodePage((int) phys);
        }
        return b;
    }

    /**
     * Decodes a block. Returns an uncacheable one-instruction block when the first
     * instruction crosses the page end; later instructions that would cross it start the next block.
     * In 16-bit code the block ends after an instruction that ends at offset 0x10000, where IP wraps.
     * Blocks are keyed by CS.D besides the physical address: the same bytes decode differently as
     * 16-bit and 32-bit code. Nothing else about the mode enters a decode, so real-mode and 16-bit
     * protected-mode code share blocks.
     */
    private Block build(int eip, int lin, long phys, boolean csD) {
        int limit = cpu.segLimit[Cpu.CS];
        int n = 0, off = 0;
        int pageLeft = 0x1000 - (lin & 0xFFF);
        boolean wraps = false;
        while (n < MAX_BLOCK) {
            fLin = lin + off;
            fPhys = phys < 0 ? -1 : phys + off;
            Insn i = new Insn();
            Decoder.decode(this, csD, i);
            i.off = off;
            boolean crosses = off + i.len > pageLeft;
            boolean beyondLimit = limit != -1 && Integer.compareUnsigned(eip + off + i.len - 1, limit) > 0;
            if (n > 0 && (crosses || beyondLimit)) break;
            if (beyondLimit) throw CpuException.gp(0);
            scratch[n++] = i;
            off += i.len;
            wraps = !csD && eip + off == 0x10000;
            if (crosses || i.op.endsBlock || i.rep != 0 || off >= pageLeft || wraps) {
                if (crosses) return new Block(new Insn[] {i}, csD, false, wraps);
                break;
            }
        }
        return new Block(java.util.Arrays.copyOf(scratch, n), csD, true, wraps);
    }

    @Override
    public int at(int i) {
        int lin = fLin + i;
        // fetch8: instruction fetch is not a data access, so data watchpoints do not see it
        if (((fLin ^ lin) & ~0xFFF) == 0) return fPhys < 0 ? 0xFF : mem.fetch8(fPhys + i);
        long phys = cpu.mmu.fetchPhysical(lin);
        return phys < 0 ? 0xFF : mem.fetch8(phys);
    }
}
