package i386mon.machine.mmu;

import i386mon.machine.fault.CpuException;
import i386mon.machine.memory.PhysicalMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Linear-to-physical translation for the CPU's accesses, with the side effects hardware has:
 * Accessed/Dirty updates, TLB fills, #PF (Intel SDM vol. 3, chapter 4). Also the monitor's
 * side-effect-free inspection (walks, mapping lists, stale TLB entries, peek/poke), which never
 * sets Accessed/Dirty and never touches the TLB.
 *
 * <p>CONTRACT used by the CPU (keep these signatures): all guest accesses take a linear address
 * and may throw {@link CpuException} #PF; "System" accesses are implicit supervisor accesses
 * (descriptor tables, TSS, IDT) done even at CPL 3; multi-byte accesses may straddle pages (both
 * pages are checked before anything is written).
 *
 * <p>Accessed and Dirty are set only by a walk that yields a permitted translation (SDM vol. 3,
 * 4.8: the processor sets A in an entry it "uses as part of linear-address translation"; by 4.7
 * there is no translation when an entry is not present or has a reserved bit set). Faulting walks
 * leave every entry unchanged, as Intel processors do (walk first, then update A/D).
 */
public final class Mmu {
    public static final int CR0_PE = 1, CR0_WP = 1 << 16, CR0_PG = 1 << 31;
    public static final int CR0_NW = 1 << 29, CR0_CD = 1 << 30;
    public static final int CR4_PSE = 1 << 4, CR4_PAE = 1 << 5, CR4_PGE = 1 << 7;
    public static final long EFER_NXE = 1L << 11;

    /** TLB permission bit needed, indexed by access ordinal * 2 + (user ? 1 : 0). */
    private static final int[] NEED = {Tlb.SR, Tlb.UR, Tlb.SW, Tlb.UW, Tlb.SX, Tlb.UX};
    private static final int NEED_WRITE_S = Tlb.SW, NEED_WRITE_U = Tlb.UW;
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final PhysicalMemory mem;
    private final PageWalker walker;
    private final HostTlb host;
    private final Tlb tlb;
    private final int[] tlbEntries;
    // the host TLB's arrays, read by the inline hit paths below and HostAccess's
    final int[] readTag, writeTag, readAdd, writeAdd;
    final byte[][] readStore, writeStore;
    private final WalkState walkState = new WalkState();
    private final WalkState inspectState = new WalkState();
    /** The PAE PDPTE registers, loaded on CR3 writes (SDM vol. 3, 4.4.1). */
    private final long[] pdptes = new long[4];
    private final long[] loading = new long[4];
    private int cr0, cr3, cr4;
    private long efer;
    private boolean paging;
    /** Paging is off, A20 is on and no linear watchpoint is set: linear = physical with no further look. */
    private boolean unpagedDirect = true;
    /**
     * The A20 gate: all ones while it is open, else bit 20 clear, ANDed into every physical address
     * the CPU forms (as the PC's gate on the CPU's address line 20 does, so addresses wrap at 1 MiB
     * like an 8086's). While it is closed the unpaged fast path is off and misses apply it; the TLB
     * holds masked frames. The page walk's own table reads are not masked.
     */
    private long a20Mask = -1L;
    private boolean user;
    /** Linear pages under a watchpoint (by page number), or null; see {@link #setLinearWatch}. */
    private boolean[] watchedLinear;
    private LinearWatcher linearWatcher;
    private ControlListener controlListener;

    public Mmu(PhysicalMemory mem) {
        if (mem == null) throw new IllegalArgumentException("physical memory is required");
        this.mem = mem;
        this.walker = new PageWalker(mem);
        this.host = new HostTlb(mem);
        this.tlb = new Tlb(host);
        this.tlbEntries = tlb.entries;
        this.readTag = host.readTag;
        this.writeTag = host.writeTag;
        this.readAdd = host.readAdd;
        this.writeAdd = host.writeAdd;
        this.readStore = host.readStore;
        this.writeStore = host.writeStore;
    }

    public PhysicalMemory memory() { return mem; }

    /**
     * Called whenever CR0, CR3, CR4 or EFER is written; applies the TLB flush rules (SDM vol. 3,
     * 4.10.4.1): a change of CR0.PG/WP, CR4.PSE/PGE/PAE or EFER.NXE flushes everything; a changed
     * CR3 flushes the non-global entries (MOV to CR3 itself, even with the same value, is
     * {@link #writeCr3}). With PAE paging the PDPTEs are (re)loaded when CR3 is written or
     * CR0.PG/CD/NW or CR4.PAE/PSE/PGE change (4.4.1); a present PDPTE with a reserved bit set
     * throws #GP(0) and leaves every register and the TLB unchanged.
     */
    public void setControl(int cr0, int cr3, int cr4, long efer) {
        boolean cr3Load = cr3 != this.cr3;
        boolean modeChange = ((cr0 ^ this.cr0) & (CR0_PG | CR0_WP)) != 0
                || ((cr4 ^ this.cr4) & (CR4_PSE | CR4_PGE | CR4_PAE)) != 0
                || ((efer ^ this.efer) & EFER_NXE) != 0;
        boolean pdpteLoad = cr3Load || ((cr0 ^ this.cr0) & (CR0_PG | CR0_CD | CR0_NW)) != 0
                || ((cr4 ^ this.cr4) & (CR4_PSE | CR4_PGE | CR4_PAE)) != 0;
        apply(cr0, cr3, cr4, efer, cr3Load, modeChange, pdpteLoad);
    }

    /** MOV to CR3: always a CR3 load (non-global entries flushed, PDPTEs reloaded), even if unchanged. */
    public void writeCr3(int cr3) {
        apply(cr0, cr3, cr4, efer, true, false, true);
    }

    private void apply(int cr0, int cr3, int cr4, long efer, boolean cr3Load, boolean modeChange, boolean pdpteLoad) {
        boolean pae = (cr0 & CR0_PG) != 0 && (cr4 & CR4_PAE) != 0;
        if (pae && pdpteLoad) {
            for (int i = 0; i < 4; i++) {
                long e = walker.readPdpte(cr3, i);
                if ((e & PageBits.P) != 0 && (e & PageBits.PDPTE_RESERVED) != 0) throw CpuException.gp(0);
                loading[i] = e;
            }
            System.arraycopy(loading, 0, pdptes, 0, 4);
        }
        this.cr0 = cr0;
        this.cr3 = cr3;
        this.cr4 = cr4;
        this.efer = efer;
        this.paging = (cr0 & CR0_PG) != 0;
        this.unpagedDirect = directWhenUnpaged();
        if (modeChange) tlb.flushAll();
        else if (cr3Load) tlb.flushNonGlobal();
        if (controlListener != null) controlListener.controlLoaded(cr3Load);
    }

    /**
     * Told whenever cached translations are dropped (flush, CR3 load, INVLPG, paging or A20
     * change), when {@link #translationGeneration()} changes; null removes it.
     */
    public void setTranslationListener(TranslationListener l) { tlb.setListener(l); }

    /** Told after every control-register load ({@code cr3Load}: a MOV to CR3 or a changed CR3); null removes it. */
    public void setControlListener(ControlListener l) { this.controlListener = l; }

    /**
     * Watches the linear pages {@code pages} (page numbers): accesses to them are reported to
     * {@code w} before they happen. Their TLB entries are kept (so stale translations behave as
     * without the watch) but marked so the fast path skips them and the miss path reports the
     * access. Null or no pages removes every linear watch and the fast path is whole again.
     */
    public void setLinearWatch(LinearWatcher w, int[] pages) {
        if (watchedLinear != null) {
            for (int p = 0; p < watchedLinear.length; p++) if (watchedLinear[p]) tlb.unmarkSlow(p);
        }
        if (w == null || pages == null || pages.length == 0) {
            watchedLinear = null;
            linearWatcher = null;
        } else {
            boolean[] set = new boolean[1 << 20];
            for (int p : pages) {
                if (p < 0 || p >= set.length) throw new IllegalArgumentException("linear page number out of range: " + p);
                set[p] = true;
                tlb.markSlow(p);
            }
            watchedLinear = set;
            linearWatcher = w;
        }
        unpagedDirect = directWhenUnpaged();
        host.flush(); // unpaged translations have no TLB entry to mark
    }

    private boolean directWhenUnpaged() { return !paging && watchedLinear == null && a20Mask == -1L; }

    /**
     * Opens (true) or closes the A20 gate: while closed, physical address bit 20 is forced to 0.
     * Cached translations are dropped, so every later access (and fetch) sees the new gate.
     */
    public void setA20(boolean enabled) {
        long mask = enabled ? -1L : ~(1L << 20);
        if (mask == a20Mask) return;
        a20Mask = mask;
        walker.a20Mask(mask);
        unpagedDirect = directWhenUnpaged();
        tlb.flushAll();
    }

    /** Whether the A20 gate is open (addresses are not masked). */
    public boolean a20() { return a20Mask == -1L; }

    /**
     * Paging state for a snapshot: CR0/CR3/CR4/EFER as the MMU holds them, the A20 gate, the PAE PDPTE registers
     * (loaded at the last CR3 write, SDM vol. 3 4.4.1: not re-read from memory) and the TLB's entries,
     * stale ones included, so a restored guest sees the translations it had.
     */
    public void saveState(i386mon.machine.state.StateWriter out) {
        out.i32(cr0).i32(cr3).i32(cr4).i64(efer).bool(user).bool(a20()).longs(pdptes);
        tlb.save(out);
    }

    /** Restores {@link #saveState}'s state; the linear watchpoints set now stay marked in the TLB. */
    public void restoreState(i386mon.machine.state.StateReader in) {
        cr0 = in.i32();
        cr3 = in.i32();
        cr4 = in.i32();
        efer = in.i64();
        user = in.bool();
        a20Mask = in.bool() ? -1L : ~(1L << 20);
        walker.a20Mask(a20Mask);
        long[] p = in.longs();
        if (p.length != 4) throw new i386mon.machine.state.StateFormatException("the saved MMU has " + p.length + " PDPTEs");
        System.arraycopy(p, 0, pdptes, 0, 4);
        tlb.restore(in);
        in.end();
        paging = (cr0 & CR0_PG) != 0;
        unpagedDirect = directWhenUnpaged();
        if (watchedLinear != null) {
            for (int page = 0; page < watchedLinear.length; page++) if (watchedLinear[page]) tlb.markSlow(page);
        }
        // not a CR3 load the guest made (history stays as it is); page-table watches follow the restored tables
        if (controlListener != null) controlListener.controlLoaded(false);
    }

    /** The current privilege level: CPL 3 accesses are user accesses. */
    public void setCpl(int cpl) {
        boolean u = cpl == 3;
        if (u != user) host.flush(); // host entries were checked for the privilege they were filled at
        this.user = u;
    }

    /** INVLPG: drops the translation of the page (or large page) holding {@code linear}. */
    public void invlpg(int linear) { tlb.invalidate(linear); }

    public void flushAll() { tlb.flushAll(); }

    /** Changes whenever a cached translation may no longer hold (see {@link Tlb#generation()}); paging on/off included. */
    public int translationGeneration() { return tlb.generation() * 2 + (paging ? 1 : 0); }

    public int cr0() { return cr0; }
    public int cr3() { return cr3; }
    public int cr4() { return cr4; }
    public long efer() { return efer; }

    /** The PAE PDPTE register {@code i} (0-3) as last loaded. */
    public long pdpte(int i) { return pdptes[i]; }

    // ---- translation (hot path: a TLB hit is one array load and a mask test)

    private long tr(int lin, int size, int need, Access access, boolean asUser) {
        long p;
        if (unpagedDirect) {
            p = lin & 0xFFFF_FFFFL;
        } else {
            int e = tlbEntries[lin >>> 12];
            if ((e & need) == 0 || (e & Tlb.HIGH) != 0) return miss(lin, size, need, access, asUser);
            p = (e & 0xFFFF_F000L) | (lin & 0xFFF);
        }
        remember(lin, p, access, asUser);
        return p;
    }

    /** Gives the host TLB a translation just checked, if it is one for the current privilege's data accesses. */
    private void remember(int lin, long p, Access access, boolean asUser) {
        if (asUser == user && access != Access.EXECUTE) host.fill(lin, p, access == Access.WRITE);
    }

    /** TLB misses, entries above 4 GiB, watched pages and (with linear watchpoints) unpaged accesses. */
    private long miss(int lin, int size, int need, Access access, boolean asUser) {
        int page = lin >>> 12;
        boolean watched = watchedLinear != null && watchedLinear[page];
        if (!paging) {
            long p = lin & 0xFFFF_FFFFL & a20Mask;
            if (watched) linearWatcher.linearAccess(lin, p, size, access);
            else remember(lin, p, access, asUser);
            return p;
        }
        if ((tlbEntries[page] & need) != 0) {
            long p = tlb.frame(page) | (lin & 0xFFF);
            if (watched) linearWatcher.linearAccess(lin, p, size, access);
            return p;
        }
        WalkState s = walkState;
        walker.walk(cr0, cr3, cr4, efer, pdptes, lin, access, asUser, s);
        if (!s.ok()) {
            // SDM vol. 3, 4.10.4.1: a page fault invalidates the TLB entries for the faulting page.
            tlb.invalidate(lin);
            throw CpuException.pageFault(lin, s.errorCode);
        }
        s.physical &= a20Mask;
        boolean write = access == Access.WRITE;
        // SDM 4.8: A in every entry the translation used (PDPTE registers have none), D in the
        // entry that maps the page on a write.
        for (int i = 0; i < s.count; i++) {
            if (s.fromRegister[i]) continue;
            long bits = PageBits.A | (write && i == s.count - 1 ? PageBits.D : 0);
            if ((s.value[i] & bits) != bits) setEntryBits(s.address[i], (int) bits);
        }
        boolean dirtyKnown = write || (s.leaf() & PageBits.D) != 0;
        int entry = tlbEntry(s, dirtyKnown);
        if (watched) entry |= Tlb.HIGH; // keeps the page off the fast path (Tlb.markSlow)
        tlb.fill(page, entry, s.physical & ~0xFFFL);
        if (watched) linearWatcher.linearAccess(lin, s.physical, size, access);
        else if ((entry & Tlb.HIGH) == 0) remember(lin, s.physical, access, asUser);
        return s.physical;
    }

    /** The MMU's own update: RAM only, and never seen by watchpoints (it is not a guest store). */
    private void setEntryBits(long addr, int bits) { mem.setBits32(addr, bits); }

    /**
     * The TLB entry for a successful walk. Write permission is granted only when the leaf's Dirty
     * flag is known set, so the first write through a read-filled entry re-walks and sets Dirty.
     */
    private int tlbEntry(WalkState s, boolean dirtyKnown) {
        boolean wp = (cr0 & CR0_WP) != 0;
        boolean xd = (cr4 & CR4_PAE) != 0 && (efer & EFER_NXE) != 0 && s.executeDisable;
        int e = Tlb.SR;
        if (dirtyKnown) {
            e |= Tlb.DIRTY_KNOWN;
            if (s.writable || !wp) e |= Tlb.SW;
            if (s.writable && s.userAllowed) e |= Tlb.UW;
        }
        if (s.userAllowed) e |= Tlb.UR;
        if (!xd) e |= Tlb.SX | (s.userAllowed ? Tlb.UX : 0);
        if (s.global) e |= Tlb.GLOBAL;
        if (mem.isBacked(s.physical)) e |= Tlb.DIRECT;
        if (s.physical >= 1L << 32) e |= Tlb.HIGH;
        int size = s.pageSize == (2 << 20) ? Tlb.SIZE_2M : s.pageSize == (4 << 20) ? Tlb.SIZE_4M : Tlb.SIZE_4K;
        return e | size << Tlb.SIZE_SHIFT | (int) (s.physical & 0xFFFF_F000L);
    }

    private static int need(Access access, boolean asUser) { return NEED[access.ordinal() * 2 + (asUser ? 1 : 0)]; }

    /** Translates both pages of a straddling access (lower page first) before any byte moves. */
    private long straddleRead(int lin, int n, Access access, boolean asUser) {
        int need = need(access, asUser);
        int second = (lin | 0xFFF) + 1;
        int firstLen = second - lin;
        long p1 = tr(lin, firstLen, need, access, asUser);
        long p2 = tr(second, n - firstLen, need, access, asUser);
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) mem.read8(i < firstLen ? p1 + i : p2 + (i - firstLen)) << (8 * i);
        return v;
    }

    private void straddleWrite(int lin, int n, long v, boolean asUser) {
        int need = asUser ? NEED_WRITE_U : NEED_WRITE_S;
        int second = (lin | 0xFFF) + 1;
        int firstLen = second - lin;
        long p1 = tr(lin, firstLen, need, Access.WRITE, asUser);
        long p2 = tr(second, n - firstLen, need, Access.WRITE, asUser);
        for (int i = 0; i < n; i++) mem.write8(i < firstLen ? p1 + i : p2 + (i - firstLen), (int) (v >>> (8 * i)));
    }

    private int rd8(int lin, Access a, boolean u) { return mem.read8(tr(lin, 1, need(a, u), a, u)); }

    private int rd16(int lin, Access a, boolean u) {
        if ((lin & 0xFFF) <= 0xFFE) return mem.read16(tr(lin, 2, need(a, u), a, u));
        return (int) straddleRead(lin, 2, a, u);
    }

    private int rd32(int lin, Access a, boolean u) {
        if ((lin & 0xFFF) <= 0xFFC) return mem.read32(tr(lin, 4, need(a, u), a, u));
        return (int) straddleRead(lin, 4, a, u);
    }

    private long rd64(int lin, Access a, boolean u) {
        if ((lin & 0xFFF) <= 0xFF8) return mem.read64(tr(lin, 8, need(a, u), a, u));
        return straddleRead(lin, 8, a, u);
    }

    private void wr8(int lin, int v, boolean u) { mem.write8(tr(lin, 1, u ? NEED_WRITE_U : NEED_WRITE_S, Access.WRITE, u), v); }

    private void wr16(int lin, int v, boolean u) {
        if ((lin & 0xFFF) <= 0xFFE) mem.write16(tr(lin, 2, u ? NEED_WRITE_U : NEED_WRITE_S, Access.WRITE, u), v);
        else straddleWrite(lin, 2, v, u);
    }

    private void wr32(int lin, int v, boolean u) {
        if ((lin & 0xFFF) <= 0xFFC) mem.write32(tr(lin, 4, u ? NEED_WRITE_U : NEED_WRITE_S, Access.WRITE, u), v);
        else straddleWrite(lin, 4, v, u);
    }

    private void wr64(int lin, long v, boolean u) {
        if ((lin & 0xFFF) <= 0xFF8) mem.write64(tr(lin, 8, u ? NEED_WRITE_U : NEED_WRITE_S, Access.WRITE, u), v);
        else straddleWrite(lin, 8, v, u);
    }

    // The inline hit paths: the tag of the slot of the access's first byte against the page of its
    // last byte (a page-crossing access misses); a miss takes the checked path, which refills.

    public int read8(int lin) {
        int i = HostTlb.slot(lin);
        if (readTag[i] == (lin & ~0xFFF)) return readStore[i][readAdd[i] + lin] & 0xFF;
        return rd8(lin, Access.READ, user);
    }

    public int read16(int lin) {
        int i = HostTlb.slot(lin);
        if (readTag[i] == ((lin + 1) & ~0xFFF)) return (short) I16.get(readStore[i], readAdd[i] + lin) & 0xFFFF;
        return rd16(lin, Access.READ, user);
    }

    public int read32(int lin) {
        int i = HostTlb.slot(lin);
        if (readTag[i] == ((lin + 3) & ~0xFFF)) return (int) I32.get(readStore[i], readAdd[i] + lin);
        return rd32(lin, Access.READ, user);
    }

    public long read64(int lin) {
        int i = HostTlb.slot(lin);
        if (readTag[i] == ((lin + 7) & ~0xFFF)) return (long) I64.get(readStore[i], readAdd[i] + lin);
        return rd64(lin, Access.READ, user);
    }

    public void write8(int lin, int v) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == (lin & ~0xFFF)) writeStore[i][writeAdd[i] + lin] = (byte) v;
        else wr8(lin, v, user);
    }

    public void write16(int lin, int v) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == ((lin + 1) & ~0xFFF)) I16.set(writeStore[i], writeAdd[i] + lin, (short) v);
        else wr16(lin, v, user);
    }

    public void write32(int lin, int v) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == ((lin + 3) & ~0xFFF)) I32.set(writeStore[i], writeAdd[i] + lin, v);
        else wr32(lin, v, user);
    }

    public void write64(int lin, long v) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == ((lin + 7) & ~0xFFF)) I64.set(writeStore[i], writeAdd[i] + lin, v);
        else wr64(lin, v, user);
    }

    // Direct places for bulk string moves: what the hit paths above use, without the access.

    /**
     * The host array holding the linear page of {@code lin} for reads, if the host TLB holds it now
     * (an unwatched RAM/ROM page already read at this privilege), else null: then an ordinary
     * access must come first. Bytes of that page are at {@link #directReadIndex} onward.
     */
    public byte[] directReadStore(int lin) {
        int i = HostTlb.slot(lin);
        return readTag[i] == (lin & ~0xFFF) ? readStore[i] : null;
    }

    /** The index of linear byte {@code lin} in {@link #directReadStore}'s array. */
    public int directReadIndex(int lin) { return readAdd[HostTlb.slot(lin)] + lin; }

    /**
     * As {@link #directReadStore} for writes: only an unwatched, dirty, writable RAM page holding
     * no cached code, so storing into the array is all a guest write there does.
     */
    public byte[] directWriteStore(int lin) {
        int i = HostTlb.slot(lin);
        return writeTag[i] == (lin & ~0xFFF) ? writeStore[i] : null;
    }

    /** The index of linear byte {@code lin} in {@link #directWriteStore}'s array. */
    public int directWriteIndex(int lin) { return writeAdd[HostTlb.slot(lin)] + lin; }

    /** First half of a read-modify-write: checks write permission (error code W=1), sets A/D, reads. */
    public int readForWrite8(int lin) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == (lin & ~0xFFF)) return writeStore[i][writeAdd[i] + lin] & 0xFF;
        return rd8(lin, Access.WRITE, user);
    }

    public int readForWrite16(int lin) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == ((lin + 1) & ~0xFFF)) return (short) I16.get(writeStore[i], writeAdd[i] + lin) & 0xFFFF;
        return rd16(lin, Access.WRITE, user);
    }

    public int readForWrite32(int lin) {
        int i = HostTlb.slot(lin);
        if (writeTag[i] == ((lin + 3) & ~0xFFF)) return (int) I32.get(writeStore[i], writeAdd[i] + lin);
        return rd32(lin, Access.WRITE, user);
    }

    public long readForWrite64(int lin) { return rd64(lin, Access.WRITE, user); }

    public int readSystem8(int lin) { return rd8(lin, Access.READ, false); }
    public int readSystem16(int lin) { return rd16(lin, Access.READ, false); }
    public int readSystem32(int lin) { return rd32(lin, Access.READ, false); }
    public long readSystem64(int lin) { return rd64(lin, Access.READ, false); }
    public void writeSystem8(int lin, int v) { wr8(lin, v, false); }
    public void writeSystem16(int lin, int v) { wr16(lin, v, false); }
    public void writeSystem32(int lin, int v) { wr32(lin, v, false); }
    public void writeSystem64(int lin, long v) { wr64(lin, v, false); }

    /**
     * Translates an instruction fetch at {@code lin} (execute access at the current privilege) and
     * returns the physical address, or -1 when it is not backed by RAM/ROM (fetches read 0xFF).
     */
    public long fetchPhysical(int lin) {
        long p = tr(lin, 1, user ? Tlb.UX : Tlb.SX, Access.EXECUTE, user);
        return mem.isBacked(p) ? p : -1;
    }

    // ---- inspection: never sets Accessed/Dirty, never touches the TLB. Meant for the monitor while
    // the CPU is paused; the methods share one scratch walk, so call them from one thread.

    private long[] registerPdptes() { return pdptes.clone(); }

    /** Walks {@code linear} under the current control registers (PAE: the loaded PDPTE registers). */
    public Walk walk(int linear, Access access, boolean asUser) {
        return walker.walk(cr0, cr3, cr4, efer, registerPdptes(), linear, access, asUser);
    }

    /**
     * Walks {@code linear} under another CR3 (same paging mode). PAE PDPTEs come from the registers
     * if {@code cr3} is the current one, otherwise from memory at {@code cr3}.
     */
    public Walk walk(int cr3, int linear, Access access, boolean asUser) {
        int pg = cr0 | CR0_PG;
        return walker.walk(pg, cr3, cr4, efer, cr3 == this.cr3 && paging ? registerPdptes() : null, linear, access, asUser);
    }

    /** What a supervisor read of {@code linear} would reach, per the page tables (not the TLB). */
    public Walk translateForInspection(int linear) { return walk(linear, Access.READ, false); }

    /** The TLB's valid entries. */
    public List<TlbEntry> tlbEntries() { return tlb.list(); }

    Tlb tlb() { return tlb; }

    /** TLB entries that disagree with the current page tables, with the reason. */
    public List<StaleEntry> staleEntries() {
        List<StaleEntry> out = new java.util.ArrayList<>();
        List<TlbEntry> listed = tlb.list();
        for (TlbEntry t : listed) {
            int lin = (int) t.linear();
            int cached = tlb.rawEntry(lin);
            WalkState s = inspectState;
            walker.walk(cr0, cr3, cr4, efer, pdptes, lin, Access.READ, false, s);
            String why = null;
            if (!s.ok()) {
                why = "no longer present: " + s.toWalk().reason();
            } else if ((s.physical & ~0xFFFL) != t.frame()) {
                why = String.format("frame changed: 0x%x -> 0x%x", t.frame(), s.physical & ~0xFFFL);
            } else {
                boolean dirtyKnown = t.dirtyKnown();
                int now = tlbEntry(s, dirtyKnown);
                int permMask = Tlb.SW | Tlb.UR | Tlb.UW | Tlb.SX | Tlb.UX;
                if (((now ^ cached) & permMask) != 0) {
                    why = "permissions changed: " + t.permissions() + " -> " + permissionText(now);
                } else if (Tlb.pageSize(now) != t.pageSize()) {
                    why = "page size changed: " + Walk.sizeName(t.pageSize()) + " -> " + Walk.sizeName(Tlb.pageSize(now));
                } else if (dirtyKnown && (s.leaf() & PageBits.D) == 0) {
                    why = "Dirty cleared in memory: the next write will not set it again";
                }
            }
            if (why != null) out.add(new StaleEntry(t, why));
        }
        return out;
    }

    private static String permissionText(int e) {
        return "s:r" + ((e & Tlb.SW) != 0 ? "w" : "-") + ((e & Tlb.SX) != 0 ? "x" : "-")
                + " u:" + ((e & Tlb.UR) != 0 ? "r" : "-") + ((e & Tlb.UW) != 0 ? "w" : "-") + ((e & Tlb.UX) != 0 ? "x" : "-");
    }

    private static void checkSpan(byte[] buf, int off, int len) {
        if (buf == null) throw new IllegalArgumentException("buffer is required");
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("range " + off + "+" + len + " outside buffer of " + buf.length);
        }
    }

    /** Translation of one byte for the monitor, ignoring access rights; -1 with {@code why} set on failure. */
    private long inspectTranslate(int lin, String[] why) {
        if (!paging) return lin & 0xFFFF_FFFFL & a20Mask;
        WalkState s = inspectState;
        walker.walk(cr0, cr3, cr4, efer, pdptes, lin, Access.READ, false, s);
        if (s.ok()) return s.physical & a20Mask;
        why[1] = s.toWalk().reason();
        why[0] = String.format("0x%08x: %s", lin, why[1]);
        return -1;
    }

    /** Reads guest memory by linear address through the page tables (not the TLB). */
    public InspectResult peekLinear(int lin, byte[] out, int off, int len) {
        checkSpan(out, off, len);
        String[] why = new String[2];
        int done = 0;
        while (done < len) {
            int a = lin + done;
            int chunk = Math.min(len - done, 4096 - (a & 0xFFF));
            long p = inspectTranslate(a, why);
            if (p < 0) return InspectResult.failed(done, why[0], why[1]);
            InspectResult r = peekPhysical(p, out, off + done, chunk);
            if (!r.ok()) return InspectResult.failed(done + r.bytes(), r.reason(), r.cause());
            done += chunk;
        }
        return InspectResult.done(len);
    }

    /**
     * Writes guest memory by linear address through the page tables, ignoring page protection
     * (the monitor is not the guest) and never setting Accessed/Dirty. Every page is translated
     * and checked before any byte is written.
     */
    public InspectResult pokeLinear(int lin, byte[] in, int off, int len) {
        checkSpan(in, off, len);
        String[] why = new String[2];
        int pages = len == 0 ? 0 : ((lin & 0xFFF) + len + 4095) >>> 12;
        long[] phys = new long[pages];
        int done = 0;
        for (int k = 0; k < pages; k++) {
            int a = lin + done;
            int chunk = Math.min(len - done, 4096 - (a & 0xFFF));
            phys[k] = inspectTranslate(a, why);
            if (phys[k] < 0) return InspectResult.failed(0, why[0], why[1]);
            String bad = writableProblem(phys[k], chunk);
            if (bad != null) return InspectResult.failed(0, bad);
            done += chunk;
        }
        done = 0;
        for (int k = 0; k < pages; k++) {
            int a = lin + done;
            int chunk = Math.min(len - done, 4096 - (a & 0xFFF));
            mem.poke(phys[k], in, off + done, chunk);
            done += chunk;
        }
        return InspectResult.done(len);
    }

    /** Reads RAM/ROM (and the VGA window) by physical address without device side effects. */
    public InspectResult peekPhysical(long paddr, byte[] out, int off, int len) {
        checkSpan(out, off, len);
        for (int i = 0; i < len; i++) {
            String bad = readableProblem(paddr + i);
            if (bad != null) {
                mem.peek(paddr, out, off, i);
                return InspectResult.failed(i, bad);
            }
        }
        mem.peek(paddr, out, off, len);
        return InspectResult.done(len);
    }

    /**
     * A paging-structure entry of {@code size} (4 or 8) bytes as a listing reads it: 0 (not present)
     * when any byte is unreadable, as {@link #peekPhysical} would refuse it. Allocates nothing: a
     * 4 GiB map has a million entries.
     */
    public long peekEntry(long paddr, int size) {
        long last = paddr + size - 1;
        if (paddr < 0 || last >= mem.ramSize() || !mem.isBacked(paddr) || !mem.isBacked(last)) return 0;
        return size == 8 ? mem.peek64(paddr) : mem.peek32(paddr);
    }

    /** Writes RAM (and the VGA window) by physical address (code-page tracking is told); ROM and holes are refused. */
    public InspectResult pokePhysical(long paddr, byte[] in, int off, int len) {
        checkSpan(in, off, len);
        String bad = writableProblem(paddr, len);
        if (bad != null) return InspectResult.failed(0, bad);
        mem.poke(paddr, in, off, len);
        return InspectResult.done(len);
    }

    private String readableProblem(long p) {
        if (p < 0 || p >= mem.ramSize()) {
            // a device region above RAM that the monitor can read (the VGA framebuffer BAR)
            return !mem.isBacked(p) && mem.inspectable(p) ? null : String.format("0x%x is beyond RAM (0x%x bytes)", p, mem.ramSize());
        }
        if (!mem.inspectable(p)) return String.format("0x%x is not backed by memory", p);
        return null;
    }

    private String writableProblem(long paddr, int len) {
        for (long p = paddr; p < paddr + len; p = (p | 0xFFF) + 1) {
            String bad = readableProblem(p);
            if (bad != null) return bad;
            if (mem.pageKind(p) == PhysicalMemory.ROM) return String.format("0x%x is read-only ROM", p);
        }
        if (len > 0) {
            String bad = readableProblem(paddr + len - 1);
            if (bad != null) return bad;
        }
        return null;
    }
}
