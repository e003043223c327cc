package i386mon.machine.cpu;

/**
 * Decoding of a segment or gate descriptor image (SDM vol. 3, 3.4.5 and 6.11): {@code lo} and
 * {@code hi} are its low and high dwords. Pure functions, the same in every mode.
 */
final class Descriptor {
    private Descriptor() { }

    /** System descriptor types (the S bit clear) as the checks name them. */
    static final int TSS16 = 1, LDT = 2, BUSY_TSS16 = 3, CALL_GATE16 = 4, TASK_GATE = 5, TSS32 = 9, BUSY_TSS32 = 0xB,
            CALL_GATE32 = 0xC;

    static int base(int lo, int hi) { return (lo >>> 16) | (hi & 0xFF) << 16 | (hi & 0xFF000000); }

    /** The limit in bytes: with G set, in 4 KiB units with the low 12 bits all ones. */
    static int limit(int hi, int lo) {
        int l = (lo & 0xFFFF) | (hi & 0xF0000);
        return (hi & (1 << 23)) != 0 ? l << 12 | 0xFFF : l;
    }

    /** The attribute bits a segment cache holds (the high dword without its base bits). */
    static int attr(int hi) { return hi & 0x00FFFF00; }

    /** The 4-bit type field. */
    static int type(int hi) { return (hi >>> 8) & 0xF; }

    static int dpl(int hi) { return (hi >>> 13) & 3; }

    static boolean present(int hi) { return (hi & 0x8000) != 0; }

    static boolean isSystem(int hi) { return (hi & 0x1000) == 0; }

    static boolean isCode(int hi) { return !isSystem(hi) && (hi & 0x800) != 0; }

    static boolean isData(int hi) { return !isSystem(hi) && (hi & 0x800) == 0; }

    /**
     * A data segment or a readable code segment: what DS/ES/FS/GS may hold and VERR accepts. Never a
     * system descriptor, whose type bit 1 means something else (LDT, busy TSS, gates): loading one
     * into a data segment register is #GP(selector) (SDM vol. 2, MOV: "segment is not a data or
     * readable code segment").
     */
    static boolean readableOrData(int hi) { return isData(hi) || isCode(hi) && (hi & 0x200) != 0; }

    static boolean conforming(int hi) { return isCode(hi) && (hi & 0x400) != 0; }

    /** A writable data segment, the only kind SS may hold. */
    static boolean writableData(int hi) { return isData(hi) && (hi & 0x200) != 0; }

    static boolean isCallGate(int hi) { return isSystem(hi) && (type(hi) == CALL_GATE32 || type(hi) == CALL_GATE16); }

    /** A descriptor a far JMP or CALL would switch tasks through: an available TSS or a task gate. */
    static boolean switchesTasks(int hi) {
        return isSystem(hi) && (type(hi) == TSS16 || type(hi) == TSS32 || type(hi) == TASK_GATE);
    }
}
