package i386mon.machine.debug.dwarf;

import java.util.HashMap;
import java.util.Map;

/**
 * The type entries of {@code .debug_info} as far as printing a value needs them (DWARF 5 section
 * 5): each entry's tag, DW_AT_type, size and base type encoding, noted during the walk and
 * resolved to a {@link ValueType} afterwards, typedefs and qualifiers looked through.
 */
final class Types {
    private static final int TAG_ARRAY = 0x01, TAG_CLASS = 0x02, TAG_ENUMERATION = 0x04, TAG_POINTER = 0x0f, TAG_REFERENCE = 0x10,
            TAG_STRUCTURE = 0x13, TAG_SUBROUTINE = 0x15, TAG_TYPEDEF = 0x16, TAG_UNION = 0x17, TAG_BASE = 0x24, TAG_CONST = 0x26,
            TAG_VOLATILE = 0x35, TAG_RESTRICT = 0x37, TAG_ATOMIC = 0x47;
    private static final int ATE_BOOLEAN = 2, ATE_FLOAT = 4, ATE_SIGNED = 5, ATE_SIGNED_CHAR = 6, ATE_UNSIGNED = 7, ATE_UNSIGNED_CHAR = 8;

    /** Every entry's DW_AT_type. */
    final Map<Long, Long> refs = new HashMap<>();
    /** Type entries: {tag, byte size (-1 unknown), encoding (-1 none)}. */
    private final Map<Long, long[]> entries = new HashMap<>();

    void note(long offset, int tag, Long type, Long byteSize, Long encoding) {
        if (type != null) refs.put(offset, type);
        switch (tag) {
            case TAG_ARRAY: case TAG_CLASS: case TAG_ENUMERATION: case TAG_POINTER: case TAG_REFERENCE: case TAG_STRUCTURE:
            case TAG_SUBROUTINE: case TAG_TYPEDEF: case TAG_UNION: case TAG_BASE: case TAG_CONST: case TAG_VOLATILE:
            case TAG_RESTRICT: case TAG_ATOMIC:
                entries.put(offset, new long[] {tag, byteSize == null ? -1 : byteSize, encoding == null ? -1 : encoding});
                break;
            default: break;
        }
    }

    /** The type at {@code ref} (null: none, as for void). */
    ValueType resolve(Long ref, Map<Long, String> names) {
        Long at = unqualified(ref);
        long[] e = at == null ? null : entries.get(at);
        if (e == null) return ValueType.UNKNOWN;
        String name = names.get(at);
        int size = (int) e[1];
        switch ((int) e[0]) {
            case TAG_BASE:
                switch ((int) e[2]) {
                    case ATE_BOOLEAN: return new ValueType(ValueType.Kind.BOOLEAN, size, name);
                    case ATE_FLOAT: return new ValueType(ValueType.Kind.FLOAT, size, name);
                    case ATE_SIGNED: return new ValueType(ValueType.Kind.SIGNED, size, name);
                    case ATE_SIGNED_CHAR: return new ValueType(ValueType.Kind.SIGNED_CHAR, size, name);
                    case ATE_UNSIGNED_CHAR: return new ValueType(ValueType.Kind.UNSIGNED_CHAR, size, name);
                    case ATE_UNSIGNED: default: return new ValueType(ValueType.Kind.UNSIGNED, size, name);
                }
            case TAG_ENUMERATION: return new ValueType(ValueType.Kind.ENUM, size, name);
            case TAG_POINTER: case TAG_REFERENCE: {
                Long to = unqualified(refs.get(at));
                long[] p = to == null ? null : entries.get(to);
                int s = size > 0 ? size : 4;
                if (p != null && p[0] == TAG_SUBROUTINE) return new ValueType(ValueType.Kind.FUNCTION_POINTER, s, name);
                if (p != null && p[0] == TAG_BASE && p[1] == 1 && (p[2] == ATE_SIGNED_CHAR || p[2] == ATE_UNSIGNED_CHAR)) {
                    return new ValueType(ValueType.Kind.STRING, s, name);
                }
                return new ValueType(ValueType.Kind.POINTER, s, name);
            }
            case TAG_STRUCTURE: case TAG_UNION: case TAG_CLASS: case TAG_ARRAY: return new ValueType(ValueType.Kind.AGGREGATE, size, name);
            default: return ValueType.UNKNOWN;
        }
    }

    /** {@code ref} with typedefs, const, volatile, restrict and _Atomic looked through (a bounded chain). */
    private Long unqualified(Long ref) {
        for (int depth = 0; ref != null && depth < 16; depth++) {
            long[] e = entries.get(ref);
            if (e == null) return ref;
            int tag = (int) e[0];
            if (tag != TAG_TYPEDEF && tag != TAG_CONST && tag != TAG_VOLATILE && tag != TAG_RESTRICT && tag != TAG_ATOMIC) return ref;
            ref = refs.get(ref);
        }
        return ref;
    }
}
