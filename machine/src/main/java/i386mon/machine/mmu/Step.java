package i386mon.machine.mmu;

/**
 * One paging-structure entry used by a walk: its level, index in its table, physical address,
 * and raw value. For PAE PDPTEs {@code fromRegister} is true: the value is the one loaded into the
 * PDPTE register at the last CR3 load (SDM vol. 3, 4.4.1), not necessarily what memory holds now.
 */
public record Step(Level level, int index, long entryAddress, long value, boolean fromRegister) {

    public boolean present() { return (value & PageBits.P) != 0; }
    public boolean writable() { return level != Level.PDPTE && (value & PageBits.RW) != 0; }
    public boolean user() { return level != Level.PDPTE && (value & PageBits.US) != 0; }
    public boolean pwt() { return (value & PageBits.PWT) != 0; }
    public boolean pcd() { return (value & PageBits.PCD) != 0; }
    public boolean accessed() { return level != Level.PDPTE && (value & PageBits.A) != 0; }
    public boolean dirty() { return (value & PageBits.D) != 0; }
    public boolean pageSize() { return level == Level.PDE && (value & PageBits.PS) != 0; }
    public boolean global() { return (value & PageBits.G) != 0; }
    public boolean executeDisable() { return value < 0; }

    /** Decoded flags, e.g. "P RW US A D PS G" (bits that are clear are left out). */
    public String flags() {
        StringBuilder b = new StringBuilder();
        if (present()) b.append("P ");
        if (level != Level.PDPTE) {
            if (writable()) b.append("RW ");
            if (user()) b.append("US ");
        }
        if (pwt()) b.append("PWT ");
        if (pcd()) b.append("PCD ");
        if (level != Level.PDPTE) {
            if (accessed()) b.append("A ");
            if (dirty()) b.append("D ");
            if (pageSize()) b.append("PS ");
            if (global()) b.append("G ");
        }
        if (executeDisable()) b.append("XD ");
        return b.toString().trim();
    }

    @Override
    public String toString() {
        return String.format("%s 0x%x @0x%x = 0x%x [%s]%s", level, index, entryAddress, value, flags(),
                fromRegister ? " (register)" : "");
    }
}
