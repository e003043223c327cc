package i386mon.machine.debug.dwarf;

import java.util.Map;

/**
 * How to find the caller's registers at one code address (a row of the call frame table, DWARF 5
 * section 6.4.1): the canonical frame address is {@code cfaRegister + cfaOffset}, and each register
 * named in {@code registers} is recovered by its rule; registers not named keep their values
 * ("same value"), except the stack pointer, which is the CFA by definition. Register numbers are
 * DWARF's i386 numbers (0 EAX, 1 ECX, 2 EDX, 3 EBX, 4 ESP, 5 EBP, 6 ESI, 7 EDI, 8 EIP), which
 * are also the CPU's general register indexes.
 */
public record FrameRule(int cfaRegister, long cfaOffset, Map<Integer, Rule> registers, int returnAddressRegister) {
    public FrameRule {
        registers = Map.copyOf(registers);
    }

    /** The rule for one register. */
    public record Rule(Kind kind, long value) {
        public enum Kind {
            /** The register's value is lost. */
            UNDEFINED,
            /** Unchanged from this frame. */
            SAME_VALUE,
            /** Saved in memory at CFA + value. */
            OFFSET,
            /** Its value is CFA + value. */
            VAL_OFFSET,
            /** It is in register number {@code value} of this frame. */
            REGISTER,
            /** Described by a DWARF expression, which this reader does not evaluate. */
            EXPRESSION
        }
    }
}
