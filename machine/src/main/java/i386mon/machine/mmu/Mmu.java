package i386mon.machine.mmu;

import i386mon.machine.cpu.CpuException;
import i386mon.machine.memory.PhysicalMemory;

/**
 * Linear-to-physical translation for the CPU's accesses (with the side effects hardware has:
 * Accessed/Dirty updates, TLB fills, #PF). Inspection without side effects is elsewhere.
 *
 * <p>CONTRACT used by the CPU (keep these signatures): all guest accesses take a linear address
 * and may throw {@link CpuException} #PF; "System" accesses are implicit supervisor accesses
 * (descriptor tables, TSS, IDT) done even at CPL 3; multi-byte accesses may straddle pages (both
 * pages are checked before anything is written).
 */
public final class Mmu {
    public static final int CR0_PE = 1, CR0_WP = 1 << 16, CR0_PG = 1 << 31;
    public static final int CR4_PSE = 1 << 4, CR4_PAE = 1 << 5, CR4_PGE = 1 << 7;
    public static final long EFER_NXE = 1L << 11;

    private final PhysicalMemory mem;
    private int cr0, cr3, cr4;
    private long efer;
    private boolean user;

    public Mmu(PhysicalMemory mem) { this.mem = mem; }

    public PhysicalMemory memory() { return mem; }

    /** Called whenever CR0, CR3, CR4 or EFER is written; applies the TLB flush rules. */
    public void setControl(int cr0, int cr3, int cr4, long efer) {
        this.cr0 = cr0; this.cr3 = cr3; this.cr4 = cr4; this.efer = efer;
    }

    /** The current privilege level: CPL 3 accesses are user accesses. */
    public void setCpl(int cpl) { this.user = cpl == 3; }

    public void invlpg(int linear) { }

    public void flushAll() { }

    private long tr(int lin) {
        if ((cr0 & CR0_PG) != 0) throw new IllegalStateException("paging not implemented yet");
        return lin & 0xFFFF_FFFFL;
    }

    public int read8(int lin) { return mem.read8(tr(lin)); }
    public int read16(int lin) { return (lin & 0xFFF) > 0xFFE ? read8(lin) | read8(lin + 1) << 8 : mem.read16(tr(lin)); }
    public int read32(int lin) { return (lin & 0xFFF) > 0xFFC ? read16(lin) | read16(lin + 2) << 16 : mem.read32(tr(lin)); }
    public long read64(int lin) { return (read32(lin) & 0xFFFF_FFFFL) | (long) read32(lin + 4) << 32; }

    public void write8(int lin, int v) { mem.write8(tr(lin), v); }
    public void write16(int lin, int v) { write8(lin, v); write8(lin + 1, v >>> 8); }
    public void write32(int lin, int v) { write16(lin, v); write16(lin + 2, v >>> 16); }
    public void write64(int lin, long v) { write32(lin, (int) v); write32(lin + 4, (int) (v >>> 32)); }

    /** First half of a read-modify-write: checks write permission (error code W=1), reads. */
    public int readForWrite8(int lin) { return read8(lin); }
    public int readForWrite16(int lin) { return read16(lin); }
    public int readForWrite32(int lin) { return read32(lin); }

    public int readSystem8(int lin) { return read8(lin); }
    public int readSystem16(int lin) { return read16(lin); }
    public int readSystem32(int lin) { return read32(lin); }
    public void writeSystem8(int lin, int v) { write8(lin, v); }
    public void writeSystem16(int lin, int v) { write16(lin, v); }
    public void writeSystem32(int lin, int v) { write32(lin, v); }

    /**
     * Translates an instruction fetch at {@code lin} (execute access at the current privilege) and
     * returns the physical address, or -1 when it is not backed by RAM/ROM (fetches read 0xFF).
     */
    public long fetchPhysical(int lin) { return tr(lin); }
}
