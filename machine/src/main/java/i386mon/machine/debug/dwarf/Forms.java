package i386mon.machine.debug.dwarf;

/**
 * Reads one attribute value by its form (DWARF 5 section 7.5.6): numbers, addresses and references
 * as {@link Long}, strings as {@link String}, blocks and expressions skipped (null). The string
 * sections are those of the file; {@code offsetSize} and {@code addressSize} those of the unit.
 */
final class Forms {
    static final int ADDR = 0x01, BLOCK2 = 0x03, BLOCK4 = 0x04, DATA2 = 0x05, DATA4 = 0x06, DATA8 = 0x07,
            STRING = 0x08, BLOCK = 0x09, BLOCK1 = 0x0a, DATA1 = 0x0b, FLAG = 0x0c, SDATA = 0x0d, STRP = 0x0e,
            UDATA = 0x0f, REF_ADDR = 0x10, REF1 = 0x11, REF2 = 0x12, REF4 = 0x13, REF8 = 0x14, REF_UDATA = 0x15,
            INDIRECT = 0x16, SEC_OFFSET = 0x17, EXPRLOC = 0x18, FLAG_PRESENT = 0x19, STRX = 0x1a, ADDRX = 0x1b,
            REF_SUP4 = 0x1c, STRP_SUP = 0x1d, DATA16 = 0x1e, LINE_STRP = 0x1f, REF_SIG8 = 0x20, IMPLICIT_CONST = 0x21,
            LOCLISTX = 0x22, RNGLISTX = 0x23, REF_SUP8 = 0x24, STRX1 = 0x25, STRX2 = 0x26, STRX3 = 0x27, STRX4 = 0x28,
            ADDRX1 = 0x29, ADDRX2 = 0x2a, ADDRX3 = 0x2b, ADDRX4 = 0x2c;

    private final ByteCursor strings;
    private final ByteCursor lineStrings;

    Forms(ByteCursor strings, ByteCursor lineStrings) {
        this.strings = strings;
        this.lineStrings = lineStrings;
    }

    /**
     * The value of {@code form} at {@code c}; {@code implicitConst} is the abbreviation's value for
     * DW_FORM_implicit_const. References relative to the unit (ref1..ref_udata) are returned made
     * absolute with {@code unitOffset}.
     */
    Object read(ByteCursor c, int form, long implicitConst, int addressSize, int offsetSize, long unitOffset) {
        switch (form) {
            case ADDR: return c.unsigned(addressSize);
            case DATA1: case FLAG: return (long) c.u8();
            case DATA2: return (long) c.u16();
            case DATA4: return c.u32();
            case DATA8: return c.u64();
            case DATA16: c.skip(16); return null;
            case SDATA: return c.sleb();
            case UDATA: return c.uleb();
            case STRING: return c.cstring();
            case STRP: return string(strings, c.unsigned(offsetSize), ".debug_str");
            case LINE_STRP: return string(lineStrings, c.unsigned(offsetSize), ".debug_line_str");
            case REF_ADDR: case SEC_OFFSET: case STRP_SUP: return c.unsigned(offsetSize);
            case REF1: return unitOffset + c.u8();
            case REF2: return unitOffset + c.u16();
            case REF4: return unitOffset + c.u32();
            case REF8: return unitOffset + c.u64();
            case REF_UDATA: return unitOffset + c.uleb();
            case REF_SIG8: c.skip(8); return null;
            case REF_SUP4: return c.u32();
            case REF_SUP8: return c.u64();
            case FLAG_PRESENT: return 1L;
            case IMPLICIT_CONST: return implicitConst;
            case EXPRLOC: case BLOCK: c.skip(c.uleb()); return null;
            case BLOCK1: c.skip(c.u8()); return null;
            case BLOCK2: c.skip(c.u16()); return null;
            case BLOCK4: c.skip(c.u32()); return null;
            // indexes into tables of the unit (.debug_addr, .debug_str_offsets, lists): kept as the index;
            // gcc uses them only with -gsplit-dwarf, which the readers below then report as unsupported
            case STRX: case ADDRX: case LOCLISTX: case RNGLISTX: return c.uleb();
            case STRX1: case ADDRX1: return (long) c.u8();
            case STRX2: case ADDRX2: return (long) c.u16();
            case STRX3: case ADDRX3: return c.u24();
            case STRX4: case ADDRX4: return c.u32();
            case INDIRECT: return read(c, (int) c.uleb(), implicitConst, addressSize, offsetSize, unitOffset);
            default: throw DwarfException.format("%s: unknown attribute form 0x%x at offset 0x%x", c.section(), form, c.position());
        }
    }

    static boolean isBlock(int form) {
        return form == EXPRLOC || form == BLOCK || form == BLOCK1 || form == BLOCK2 || form == BLOCK4;
    }

    /** The bytes of a block or expression attribute of {@code form} at {@code c}. */
    static byte[] block(ByteCursor c, int form) {
        long n = form == BLOCK1 ? c.u8() : form == BLOCK2 ? c.u16() : form == BLOCK4 ? c.u32() : c.uleb();
        return c.bytes(n);
    }

    private static String string(ByteCursor table, long offset, String name) {
        if (table == null) throw DwarfException.format("a string in %s is referenced but the file has no such section", name);
        return table.stringAt(offset);
    }
}
