package i386mon.machine.debug.dwarf;

/**
 * What a variable's bytes mean, as far as printing a frame's arguments needs (typedefs, const and
 * volatile already looked through): the kind, the size in bytes, and the type's name.
 */
public record ValueType(Kind kind, int size, String name) {
    public enum Kind {
        SIGNED, UNSIGNED, BOOLEAN, SIGNED_CHAR, UNSIGNED_CHAR, FLOAT, ENUM,
        /** Any data pointer. */
        POINTER,
        /** A pointer to a (signed, unsigned or plain) char: gdb prints the string after the address. */
        STRING,
        /** A pointer to a function: gdb prints the symbol after the address. */
        FUNCTION_POINTER,
        /** A structure, union or array: gdb's bt prints "..." for them. */
        AGGREGATE,
        /** A type this reader does not know. */
        UNKNOWN
    }

    public static final ValueType UNKNOWN = new ValueType(Kind.UNKNOWN, 0, null);
}
