package i386mon.machine.debug.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks {@code .debug_info} (DWARF 5 section 7.5; version 2-4 unit headers too) with its
 * abbreviations and collects the compile units and the functions that have code. Other entries
 * are read past: their attributes are decoded only as far as needed to find the next entry.
 */
final class InfoEntries {
    private static final int TAG_COMPILE_UNIT = 0x11, TAG_PARTIAL_UNIT = 0x3c, TAG_SUBPROGRAM = 0x2e, TAG_FORMAL_PARAMETER = 0x05,
            TAG_CALL_SITE = 0x48, TAG_CALL_SITE_PARAMETER = 0x49, TAG_GNU_CALL_SITE = 0x4109, TAG_GNU_CALL_SITE_PARAMETER = 0x410a;
    private static final int AT_NAME = 0x03, AT_STMT_LIST = 0x10, AT_LOW_PC = 0x11, AT_HIGH_PC = 0x12,
            AT_PRODUCER = 0x25, AT_COMP_DIR = 0x1b, AT_ABSTRACT_ORIGIN = 0x31, AT_SPECIFICATION = 0x47,
            AT_RANGES = 0x55, AT_RNGLISTS_BASE = 0x74, AT_DECL_LINE = 0x3b, AT_TYPE = 0x49, AT_LOCATION = 0x02,
            AT_FRAME_BASE = 0x40, AT_BYTE_SIZE = 0x0b, AT_ENCODING = 0x3e, AT_LOCLISTS_BASE = 0x8c,
            AT_CALL_RETURN_PC = 0x7d, AT_CALL_VALUE = 0x7e, AT_CALL_ORIGIN = 0x7f, AT_GNU_CALL_SITE_VALUE = 0x2111;
    private static final int UT_COMPILE = 1, UT_PARTIAL = 3;

    final List<CompileUnit> units = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    /** The call sites with argument values, by return address. */
    final Map<Long, CallSite> callSites = new HashMap<>();
    /** Line program offset (DW_AT_stmt_list) to the unit's compilation directory. */
    final Map<Long, String> compDirs = new HashMap<>();

    private final Forms forms;
    private final ByteCursor abbrevs;
    private final ByteCursor ranges;
    private final ByteCursor rnglists;
    private final LocationLists locationLists;
    private final Types types = new Types();
    /** A subprogram's entry to its formal parameters' entries and locations, in order. */
    private final Map<Long, List<Object[]>> parameters = new HashMap<>();
    private final Map<Long, byte[]> frameBases = new HashMap<>();
    private final List<long[]> pendingCallSites = new ArrayList<>(); // {entry offset, return pc, callee entry or -1}
    private final Map<Long, List<CallSite.Argument>> callSiteArguments = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> origins = new HashMap<>();
    private final Map<Long, Integer> declLines = new HashMap<>();
    private final Map<Long, Boolean> returnsValue = new HashMap<>();
    private final List<Object[]> pending = new ArrayList<>(); // {die offset, name or null, ranges, unit}

    InfoEntries(Forms forms, ByteCursor abbrevs, ByteCursor ranges, ByteCursor rnglists, LocationLists locationLists) {
        this.forms = forms;
        this.locationLists = locationLists;
        this.abbrevs = abbrevs;
        this.ranges = ranges;
        this.rnglists = rnglists;
    }

    void read(ByteCursor info) {
        if (abbrevs == null) throw new DwarfException(".debug_info has no .debug_abbrev to decode it");
        while (!info.atEnd()) {
            long unitOffset = info.position();
            int[] offsetSize = new int[1];
            long length = info.initialLength(offsetSize);
            unit(info.slice(length), unitOffset, offsetSize[0]);
        }
        for (long[] c : pendingCallSites) {
            List<CallSite.Argument> args = callSiteArguments.get(c[0]);
            if (args != null) callSites.put(c[1], new CallSite(c[1], c[2] < 0 ? null : through(names, c[2]), args));
        }
        for (Object[] p : pending) {
            String name = p[1] != null ? (String) p[1] : through(names, (Long) p[0]);
            Integer line = through(declLines, (Long) p[0]);
            Boolean value = through(returnsValue, (Long) p[0]);
            @SuppressWarnings("unchecked") List<long[]> r = (List<long[]>) p[2];
            if (name != null && !r.isEmpty()) {
                functions.add(new Function(name, r, (CompileUnit) p[3], line == null ? 0 : line, value != null,
                        parametersOf((Long) p[0]), frameBases.get((Long) p[0])));
            }
        }
    }

    /** The formal parameters of the subprogram at {@code offset}: names and types through their abstract origins. */
    private List<Parameter> parametersOf(long offset) {
        List<Parameter> out = new ArrayList<>();
        for (Object[] p : parameters.getOrDefault(offset, List.of())) {
            long die = (Long) p[0];
            String name = through(names, die);
            Long type = through(types.refs, die);
            out.add(new Parameter(name == null ? "?" : name, types.resolve(type, names), (Location) p[1]));
        }
        return out;
    }

    /** An attribute of the entry at {@code offset}, following abstract origins and specifications. */
    private <T> T through(Map<Long, T> attribute, long offset) {
        for (int depth = 0; depth < 8; depth++) {
            T n = attribute.get(offset);
            if (n != null) return n;
            Long next = origins.get(offset);
            if (next == null) return null;
            offset = next;
        }
        return null;
    }

    private void unit(ByteCursor c, long unitOffset, int offsetSize) {
        int version = c.u16();
        int addressSize;
        long abbrevOffset;
        if (version >= 5) {
            int type = c.u8();
            addressSize = c.u8();
            abbrevOffset = c.unsigned(offsetSize);
            if (type != UT_COMPILE && type != UT_PARTIAL) return; // type and split units carry no code ranges we need
        } else if (version >= 2) {
            abbrevOffset = c.unsigned(offsetSize);
            addressSize = c.u8();
        } else {
            throw DwarfException.format(".debug_info: unsupported unit version %d at offset 0x%x", version, unitOffset);
        }
        Map<Long, Abbrev> table = Abbrev.table(abbrevs.at(abbrevOffset));
        CompileUnit cu = null;
        long base = 0, rnglistsBase = 0, loclistsBase = 0;
        List<long[]> parents = new ArrayList<>(); // {entry offset, tag} of the entries whose children follow
        while (!c.atEnd()) {
            long dieOffset = c.position();
            long code = c.uleb();
            if (code == 0) { // end of a sibling list
                if (!parents.isEmpty()) parents.remove(parents.size() - 1);
                continue;
            }
            Abbrev a = table.get(code);
            if (a == null) throw DwarfException.format(".debug_info: unknown abbreviation %d at offset 0x%x", code, dieOffset);
            String name = null, compDir = null, producer = null;
            Integer declLine = null;
            boolean typed = false;
            Long type = null, byteSize = null, encoding = null;
            byte[] locationExpr = null, frameBase = null, callValue = null;
            Long returnPc = null, callOrigin = null;
            Long locationList = null;
            boolean locationIsIndex = false;
            Long low = null, high = null, rangesOffset = null, stmtList = null, origin = null;
            boolean highIsOffset = false, rangesIsIndex = false;
            for (int i = 0; i < a.attributes.length; i++) {
                int form = a.forms[i];
                int at = c.position();
                Object v = forms.read(c, form, a.implicitConsts[i], addressSize, offsetSize, unitOffset);
                switch (a.attributes[i]) {
                    case AT_NAME: if (v instanceof String) name = (String) v; break;
                    case AT_COMP_DIR: if (v instanceof String) compDir = (String) v; break;
                    case AT_PRODUCER: if (v instanceof String) producer = (String) v; break;
                    case AT_LOW_PC: low = form == Forms.ADDR ? (Long) v : null; break;
                    case AT_HIGH_PC: high = (Long) v; highIsOffset = form != Forms.ADDR; break;
                    case AT_RANGES: rangesOffset = (Long) v; rangesIsIndex = form == Forms.RNGLISTX; break;
                    case AT_STMT_LIST: stmtList = (Long) v; break;
                    case AT_RNGLISTS_BASE: rnglistsBase = v == null ? 0 : (Long) v; break;
                    case AT_TYPE: typed = true; if (v instanceof Long) type = (Long) v; break;
                    case AT_BYTE_SIZE: if (v instanceof Long) byteSize = (Long) v; break;
                    case AT_ENCODING: if (v instanceof Long) encoding = (Long) v; break;
                    case AT_LOCLISTS_BASE: loclistsBase = v == null ? 0 : (Long) v; break;
                    case AT_CALL_RETURN_PC: if (v instanceof Long) returnPc = (Long) v; break;
                    case AT_CALL_ORIGIN: if (v instanceof Long) callOrigin = (Long) v; break;
                    case AT_CALL_VALUE: case AT_GNU_CALL_SITE_VALUE: if (Forms.isBlock(form)) callValue = Forms.block(c.at(at), form); break;
                    case AT_LOCATION: case AT_FRAME_BASE: {
                        byte[] expr = Forms.isBlock(form) ? Forms.block(c.at(at), form) : null;
                        if (a.attributes[i] == AT_FRAME_BASE) frameBase = expr;
                        else if (expr != null) locationExpr = expr;
                        else if (v instanceof Long) { locationList = (Long) v; locationIsIndex = form == Forms.LOCLISTX; }
                        break;
                    }
                    case AT_DECL_LINE: if (v instanceof Long) declLine = (int) (long) (Long) v; break;
                    case AT_ABSTRACT_ORIGIN: case AT_SPECIFICATION: origin = (Long) v; break;
                    default: break;
                }
            }
            if (name != null) names.put(dieOffset, name);
            long parentTag = parents.isEmpty() ? -1 : parents.get(parents.size() - 1)[1];
            long parent = parents.isEmpty() ? -1 : parents.get(parents.size() - 1)[0];
            if (a.hasChildren) parents.add(new long[] {dieOffset, a.tag});
            types.note(dieOffset, a.tag, type, byteSize, encoding);
            if (frameBase != null) frameBases.put(dieOffset, frameBase);
            if (a.tag == TAG_CALL_SITE || a.tag == TAG_GNU_CALL_SITE) {
                // gcc's GNU call site has the return address as DW_AT_low_pc and the callee as DW_AT_abstract_origin
                Long ret = returnPc != null ? returnPc : a.tag == TAG_GNU_CALL_SITE ? low : null;
                Long callee = callOrigin != null ? callOrigin : a.tag == TAG_GNU_CALL_SITE ? origin : null;
                if (ret != null) pendingCallSites.add(new long[] {dieOffset, ret, callee == null ? -1 : callee});
            } else if ((a.tag == TAG_CALL_SITE_PARAMETER || a.tag == TAG_GNU_CALL_SITE_PARAMETER) && locationExpr != null && callValue != null) {
                callSiteArguments.computeIfAbsent(parent, k -> new ArrayList<>()).add(new CallSite.Argument(locationExpr, callValue));
            }
            if (a.tag == TAG_FORMAL_PARAMETER && parentTag == TAG_SUBPROGRAM) {
                Location where = locationExpr != null ? Location.everywhere(locationExpr)
                        : locationList == null ? Location.NONE
                        : locationLists.read(locationList, locationIsIndex, loclistsBase, version, addressSize, offsetSize, base);
                parameters.computeIfAbsent(parent, k -> new ArrayList<>()).add(new Object[] {dieOffset, where});
            }
            if (origin != null) origins.put(dieOffset, origin);
            if (declLine != null && a.tag == TAG_SUBPROGRAM) declLines.put(dieOffset, declLine);
            if (typed && a.tag == TAG_SUBPROGRAM) returnsValue.put(dieOffset, true); // a subprogram's DW_AT_type is its return type
            if (a.tag == TAG_COMPILE_UNIT || a.tag == TAG_PARTIAL_UNIT) {
                cu = new CompileUnit(name, compDir == null ? "" : compDir, producer, version);
                units.add(cu);
                if (stmtList != null) compDirs.put(stmtList, compDir == null ? "" : compDir);
                base = low == null ? 0 : low;
            } else if (a.tag == TAG_SUBPROGRAM) {
                List<long[]> r = new ArrayList<>();
                if (low != null && high != null) r.add(new long[] {low, highIsOffset ? low + high : high});
                else if (rangesOffset != null) r = rangeList(rangesOffset, rangesIsIndex, rnglistsBase, version, addressSize, offsetSize, base);
                if (!r.isEmpty()) pending.add(new Object[] {dieOffset, name, r, cu});
            }
        }
    }

    /** A DW_AT_ranges list: .debug_rnglists (DWARF 5 section 2.17.3) or .debug_ranges (DWARF 4 section 2.17.3). */
    private List<long[]> rangeList(long value, boolean isIndex, long rnglistsBase, int version, int addressSize, int offsetSize, long base) {
        List<long[]> out = new ArrayList<>();
        if (version < 5) {
            if (ranges == null) throw new DwarfException("DW_AT_ranges refers to .debug_ranges, which the file lacks");
            ByteCursor c = ranges.at(value);
            long max = addressSize == 8 ? -1L : 0xFFFF_FFFFL;
            while (true) {
                long s = c.unsigned(addressSize), e = c.unsigned(addressSize);
                if (s == 0 && e == 0) return out;
                if (s == max) base = e;
                else if (e > s) out.add(new long[] {base + s, base + e});
            }
        }
        if (rnglists == null) throw new DwarfException("DW_AT_ranges refers to .debug_rnglists, which the file lacks");
        long offset = isIndex ? rnglistsBase + rnglists.at(rnglistsBase + value * offsetSize).unsigned(offsetSize) : value;
        ByteCursor c = rnglists.at(offset);
        while (true) {
            int kind = c.u8();
            switch (kind) {
                case 0: return out; // DW_RLE_end_of_list
                case 4: { long s = c.uleb(), e = c.uleb(); if (e > s) out.add(new long[] {base + s, base + e}); break; } // offset_pair
                case 5: base = c.unsigned(addressSize); break; // base_address
                case 6: { long s = c.unsigned(addressSize), e = c.unsigned(addressSize); if (e > s) out.add(new long[] {s, e}); break; }
                case 7: { long s = c.unsigned(addressSize), l = c.uleb(); if (l > 0) out.add(new long[] {s, s + l}); break; }
                default: throw DwarfException.format(".debug_rnglists: range list entry kind %d (indexed addresses, -gsplit-dwarf) is not supported", kind);
            }
        }
    }

    /** One abbreviation declaration (DWARF 5 section 7.5.3). */
    private static final class Abbrev {
        final int tag;
        final boolean hasChildren;
        final int[] attributes;
        final int[] forms;
        final long[] implicitConsts;

        private Abbrev(int tag, boolean hasChildren, int[] attributes, int[] forms, long[] implicitConsts) {
            this.tag = tag;
            this.hasChildren = hasChildren;
            this.attributes = attributes;
            this.forms = forms;
            this.implicitConsts = implicitConsts;
        }

        static Map<Long, Abbrev> table(ByteCursor c) {
            Map<Long, Abbrev> table = new HashMap<>();
            while (true) {
                long code = c.uleb();
                if (code == 0) return table;
                int tag = (int) c.uleb();
                boolean children = c.u8() != 0; // the walk is flat: a null entry ends each sibling list
                List<long[]> specs = new ArrayList<>();
                while (true) {
                    long at = c.uleb(), form = c.uleb();
                    if (at == 0 && form == 0) break;
                    specs.add(new long[] {at, form, form == Forms.IMPLICIT_CONST ? c.sleb() : 0});
                }
                int n = specs.size();
                int[] ats = new int[n], fs = new int[n];
                long[] consts = new long[n];
                for (int i = 0; i < n; i++) {
                    ats[i] = (int) specs.get(i)[0];
                    fs[i] = (int) specs.get(i)[1];
                    consts[i] = specs.get(i)[2];
                }
                table.put(code, new Abbrev(tag, children, ats, fs, consts));
            }
        }
    }
}
