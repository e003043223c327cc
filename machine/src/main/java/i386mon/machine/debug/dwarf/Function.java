package i386mon.machine.debug.dwarf;

import java.util.List;

/**
 * A function with code (a DW_TAG_subprogram that has addresses): its name (through
 * DW_AT_abstract_origin or DW_AT_specification when the concrete entry has none), its address
 * ranges ({@code [start, end)} pairs, the first holding the entry point), its unit and the line it
 * is declared on (DW_AT_decl_line, 0 when unknown); {@code returnsValue} when it has a return type (not void);
 * its formal parameters in order, and its DW_AT_frame_base expression (null when none) for DW_OP_fbreg.
 */
public record Function(String name, List<long[]> ranges, CompileUnit unit, int declLine, boolean returnsValue,
                       List<Parameter> parameters, byte[] frameBase) {
    public Function {
        ranges = List.copyOf(ranges);
        parameters = List.copyOf(parameters);
    }

    /** The entry point (DW_AT_low_pc, or the first range's start). */
    public long entry() {
        return ranges.get(0)[0];
    }

    /** The end of the range that holds the entry point. */
    public long end() {
        return ranges.get(0)[1];
    }

    public boolean contains(long address) {
        for (long[] r : ranges) if (address >= r[0] && address < r[1]) return true;
        return false;
    }
}
