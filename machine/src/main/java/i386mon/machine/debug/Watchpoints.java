package i386mon.machine.debug;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.memory.AccessWatcher;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.LinearWatcher;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.Mmu;
import i386mon.machine.mmu.Step;
import i386mon.machine.mmu.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The set watchpoints and the hit they produced. Linear ones are checked by the MMU on the pages
 * it is told to watch, physical and page-entry ones by physical memory on its watched pages; an
 * access that matches records the hit (the first one; a later write by the same instruction turns
 * a recorded read into a write) and asks the CPU to stop at the next instruction boundary. Nothing
 * here allocates on an access: the hit is kept in fields and only turned into a {@link WatchHit}
 * when the machine reports the stop.
 */
public final class Watchpoints implements AccessWatcher, LinearWatcher {
    private final Cpu[] cpus;
    private final Mmu[] mmus;
    /** The bootstrap CPU's MMU: page-entry watchpoints follow its CR3. */
    private final Mmu mmu;
    private final PhysicalMemory mem;
    private final CurrentInstruction current;
    private final List<Watchpoint> list = new ArrayList<>();
    private int nextId = 1;

    // Physical ranges checked on each slow-path access: the physical watchpoints and the resolved
    // locations of the page-entry ones.
    private Watchpoint[] rangeOwner = new Watchpoint[0];
    private long[] rangeStart = new long[0];
    private int[] rangeLength = new int[0];
    private Level[] rangeLevel = new Level[0];
    private Watchpoint[] linear = new Watchpoint[0];

    // The pending hit (fields, so an access never allocates).
    private Watchpoint hitWatch;
    private long hitAddress, hitPhysical, hitOld;
    private boolean hitWrite;
    private int hitSize, hitCpu, hitCs, hitEip, hitLinearEip, hitDelivering;
    private Level hitLevel;
    private final byte[] scratch = new byte[8];
    private WatchHit last;

    Watchpoints(Cpu[] cpus, Mmu[] mmus, PhysicalMemory mem, CurrentInstruction current) {
        this.cpus = cpus;
        this.mmus = mmus;
        this.mmu = mmus[0];
        this.mem = mem;
        this.current = current;
    }

    /** Watches {@code length} (1 or more) bytes at linear {@code address} (unsigned). */
    Watchpoint addLinear(int address, int length, WatchAccess access) {
        checkRange(address & 0xFFFF_FFFFL, length, 0xFFFF_FFFFL, "linear");
        return add(Watchpoint.Space.LINEAR, address & 0xFFFF_FFFFL, length, access);
    }

    /** Watches {@code length} bytes at physical {@code address} (any alias, any CPU access). */
    Watchpoint addPhysical(long address, int length, WatchAccess access) {
        checkRange(address, length, 0xF_FFFF_FFFFL, "physical");
        return add(Watchpoint.Space.PHYSICAL, address, length, access);
    }

    /**
     * Watches writes to the paging-structure entries (PAE PDPTE in memory, PDE, PTE) that translate
     * the linear address {@code va}, re-resolved on every control-register load and after every
     * write to one of them (a new directory entry moves the page-table entry). While CR3 is 0
     * with paging off (no tables yet) nothing is watched; the first CR3 load resolves them.
     */
    Watchpoint addPageEntries(int va) {
        return add(Watchpoint.Space.PAGE_ENTRIES, va & 0xFFFF_FFFFL, 1, WatchAccess.WRITE);
    }

    private static void checkRange(long address, int length, long max, String space) {
        if (length < 1) throw new IllegalArgumentException("watch length must be at least 1, not " + length);
        if (address < 0 || address > max || address + length - 1 > max) {
            throw new IllegalArgumentException(String.format("%s range 0x%x+%d is outside the address space", space, address, length));
        }
    }

    private Watchpoint add(Watchpoint.Space space, long address, int length, WatchAccess access) {
        if (access == null) throw new IllegalArgumentException("watch access kind is required");
        Watchpoint w = new Watchpoint(nextId++, space, address, length, access);
        list.add(w);
        install();
        return w;
    }

    /** Removes watchpoint {@code id}; false if there is none. */
    boolean remove(int id) {
        boolean removed = list.removeIf(w -> w.id() == id);
        if (removed) {
            if (hitWatch != null && hitWatch.id() == id) hitWatch = null;
            install();
        }
        return removed;
    }

    void clear() {
        list.clear();
        hitWatch = null;
        install();
    }

    /** The watchpoints in the order they were set. */
    public List<Watchpoint> list() { return List.copyOf(list); }

    public boolean isEmpty() { return list.isEmpty(); }

    /**
     * The physical locations a page-entry watchpoint covers now: one entry per paging level that
     * the current CR3 reaches for its address (a not-present entry ends the list).
     */
    public List<Step> entriesOf(Watchpoint w) {
        if (w.space() != Watchpoint.Space.PAGE_ENTRIES) throw new IllegalArgumentException(w + " does not watch page entries");
        return mmu.walk(mmu.cr3(), (int) w.address(), Access.READ, false).steps();
    }

    /** Recomputes the watched ranges and tells the MMU and memory (after a change or a CR3 load). */
    void install() {
        List<Watchpoint> owners = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        List<Watchpoint> lin = new ArrayList<>();
        TreeSet<Integer> physPages = new TreeSet<>(), linPages = new TreeSet<>();
        boolean pae = (mmu.cr4() & Mmu.CR4_PAE) != 0;
        for (Watchpoint w : list) {
            switch (w.space()) {
                case LINEAR:
                    lin.add(w);
                    addPages(linPages, w.address(), w.length());
                    break;
                case PHYSICAL:
                    owners.add(w);
                    ranges.add(new long[] {w.address(), w.length()});
                    levels.add(null);
                    addPages(physPages, w.address(), w.length());
                    break;
                default:
                    // Before a kernel loads CR3 and turns paging on there are no tables to watch.
                    if (mmu.cr3() == 0 && (mmu.cr0() & Mmu.CR0_PG) == 0) break;
                    for (Step s : entriesOf(w)) {
                        int size = pae ? 8 : 4;
                        owners.add(w);
                        ranges.add(new long[] {s.entryAddress(), size});
                        levels.add(s.level());
                        addPages(physPages, s.entryAddress(), size);
                    }
            }
        }
        int n = owners.size();
        Watchpoint[] o = owners.toArray(new Watchpoint[0]);
        long[] start = new long[n];
        int[] len = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = ranges.get(i)[0];
            len[i] = (int) ranges.get(i)[1];
        }
        rangeOwner = o;
        rangeStart = start;
        rangeLength = len;
        rangeLevel = levels.toArray(new Level[0]);
        linear = lin.toArray(new Watchpoint[0]);
        mem.setWatchedPages(this, physPages.stream().mapToInt(Integer::intValue).toArray());
        int[] watchedLinear = linPages.stream().mapToInt(Integer::intValue).toArray();
        for (Mmu m : mmus) m.setLinearWatch(linear.length == 0 ? null : this, watchedLinear);
    }

    private static void addPages(TreeSet<Integer> pages, long address, int length) {
        for (long p = address >>> 12; p <= (address + length - 1) >>> 12; p++) pages.add((int) p);
    }

    boolean hasPageEntryWatch() {
        for (Watchpoint w : list) if (w.space() == Watchpoint.Space.PAGE_ENTRIES) return true;
        return false;
    }

    // ---- the access checks (called by memory and the MMU before the access happens)

    @Override
    public void physicalAccess(long paddr, int size, boolean write) {
        for (int i = 0; i < rangeOwner.length; i++) {
            Watchpoint w = rangeOwner[i];
            long s = rangeStart[i];
            if (paddr < s + rangeLength[i] && s < paddr + size && w.access().matches(write)) {
                if (rangeLevel[i] != null) hit(w, s, s, rangeLength[i], write, rangeLevel[i]);
                else hit(w, paddr, paddr, size, write, null);
                return;
            }
        }
    }

    @Override
    public void linearAccess(int lin, long physical, int size, Access access) {
        if (access == Access.EXECUTE) return; // fetches are for breakpoints, not data watchpoints
        boolean write = access == Access.WRITE;
        long a = lin & 0xFFFF_FFFFL;
        for (Watchpoint w : linear) {
            if (w.covers(a, size) && w.access().matches(write)) {
                hit(w, a, physical, size, write, null);
                return;
            }
        }
    }

    private void hit(Watchpoint w, long address, long physical, int size, boolean write, Level level) {
        if (hitWatch != null) {
            // Same instruction (the stop comes at its end): a read-modify-write reads, then writes.
            if (w == hitWatch && write && !hitWrite && physical == hitPhysical) hitWrite = true;
            return;
        }
        hitWatch = w;
        hitAddress = address;
        hitPhysical = physical;
        hitSize = Math.min(size, 8);
        hitWrite = write;
        hitLevel = level;
        hitOld = valueAt(physical, hitSize);
        hitCpu = current.cpu;
        hitCs = current.cs;
        hitEip = current.eip;
        hitLinearEip = current.linearEip;
        hitDelivering = current.deliveringVector;
        cpus[hitCpu].requestStop();
    }

    /** Little-endian value of {@code size} bytes at {@code physical}; bytes outside RAM/ROM read 0xFF. */
    private long valueAt(long physical, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = mem.peek(physical + i, scratch, 0, 1) ? scratch[0] & 0xFF : 0xFF;
            v |= (long) b << (8 * i);
        }
        return v;
    }

    /** True while a hit waits to be reported. */
    public boolean hitPending() { return hitWatch != null; }

    /**
     * Turns the pending hit into a {@link WatchHit} (reading the new value now that the instruction
     * has completed) and forgets it; null if there is none. A page-entry hit re-resolves the
     * entries, since a new directory entry moves the page-table entry.
     */
    WatchHit takeHit() {
        if (hitWatch == null) return null;
        WatchHit h = new WatchHit(hitWatch, hitAddress, hitPhysical, hitWrite, hitSize, hitOld,
                hitWrite ? valueAt(hitPhysical, hitSize) : hitOld, hitCs, hitEip, hitLinearEip, hitLevel, hitDelivering, hitCpu);
        hitWatch = null;
        last = h;
        if (h.entry() != null) install();
        return h;
    }

    /** The last hit reported, or null. */
    public WatchHit lastHit() { return last; }
}
