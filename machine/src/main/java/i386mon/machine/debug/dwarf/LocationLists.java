package i386mon.machine.debug.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * Location lists: {@code .debug_loclists} (DWARF 5 section 2.6.2, entries DW_LLE_*) and
 * {@code .debug_loc} (DWARF 4 section 2.6.2, address pairs). A list that cannot be read becomes a
 * {@link Location} that says why, so one bad list costs one variable, not the whole unit.
 */
final class LocationLists {
    private final ByteCursor loclists;
    private final ByteCursor loc;

    LocationLists(ByteCursor loclists, ByteCursor loc) {
        this.loclists = loclists;
        this.loc = loc;
    }

    /**
     * The list at {@code value} (an offset, or with {@code isIndex} a DW_FORM_loclistx index into
     * the offsets at {@code loclistsBase}); {@code base} is the unit's base address.
     */
    Location read(long value, boolean isIndex, long loclistsBase, int version, int addressSize, int offsetSize, long base) {
        try {
            return new Location(version < 5 ? dwarf4(value, addressSize, base) : dwarf5(value, isIndex, loclistsBase, addressSize, offsetSize, base), null);
        } catch (DwarfException e) {
            return Location.failed(e.getMessage());
        }
    }

    private List<Location.Entry> dwarf4(long offset, int addressSize, long base) {
        if (loc == null) throw new DwarfException("a location list refers to .debug_loc, which the file lacks");
        ByteCursor c = loc.at(offset);
        List<Location.Entry> out = new ArrayList<>();
        long max = addressSize == 8 ? -1L : 0xFFFF_FFFFL;
        while (true) {
            long s = c.unsigned(addressSize), e = c.unsigned(addressSize);
            if (s == 0 && e == 0) return out;
            if (s == max) {
                base = e;
                continue;
            }
            byte[] expr = c.bytes(c.u16());
            if (e > s) out.add(new Location.Entry(base + s, base + e, expr));
        }
    }

    private List<Location.Entry> dwarf5(long value, boolean isIndex, long loclistsBase, int addressSize, int offsetSize, long base) {
        if (loclists == null) throw new DwarfException("a location list refers to .debug_loclists, which the file lacks");
        long offset = isIndex ? loclistsBase + loclists.at(loclistsBase + value * offsetSize).unsigned(offsetSize) : value;
        ByteCursor c = loclists.at(offset);
        List<Location.Entry> out = new ArrayList<>();
        while (true) {
            int kind = c.u8();
            switch (kind) {
                case 0: return out; // DW_LLE_end_of_list
                case 4: { long s = c.uleb(), e = c.uleb(); add(out, base + s, base + e, c); break; } // offset_pair
                case 5: add(out, 0, 1L << 32, c); break; // default_location
                case 6: base = c.unsigned(addressSize); break; // base_address
                case 7: { long s = c.unsigned(addressSize), e = c.unsigned(addressSize); add(out, s, e, c); break; } // start_end
                case 8: { long s = c.unsigned(addressSize), l = c.uleb(); add(out, s, s + l, c); break; } // start_length
                default: throw DwarfException.format(".debug_loclists: location list entry kind %d (indexed addresses, -gsplit-dwarf) is not supported", kind);
            }
        }
    }

    private static void add(List<Location.Entry> out, long start, long end, ByteCursor c) {
        byte[] expr = c.bytes(c.uleb());
        if (end > start) out.add(new Location.Entry(start, end, expr));
    }
}
