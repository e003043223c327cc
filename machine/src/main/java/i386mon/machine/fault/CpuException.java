package i386mon.machine.fault;

/**
 * A guest exception raised while executing an instruction (#GP, #PF, #UD ...). It unwinds the
 * Java stack to the CPU's loop, which delivers it through the IDT. It carries no Java stack trace:
 * guest faults are ordinary events, not host errors.
 */
public final class CpuException extends RuntimeException {
    public static final int DE = 0, DB = 1, NMI = 2, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8,
            TS = 10, NP = 11, SS = 12, GP = 13, PF = 14, MF = 16, AC = 17, MC = 18, XM = 19;

    private static final String[] NAMES = {"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF",
        "#MF(9)", "#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM"};

    public final int vector;
    public final int errorCode;
    public final boolean hasErrorCode;
    /** For #PF: the faulting linear address (becomes CR2 on delivery). */
    public final int linearAddress;

    private CpuException(int vector, int errorCode, boolean hasErrorCode, int linearAddress) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.hasErrorCode = hasErrorCode;
        this.linearAddress = linearAddress;
    }

    public static CpuException fault(int vector) { return new CpuException(vector, 0, false, 0); }

    public static CpuException fault(int vector, int errorCode) { return new CpuException(vector, errorCode, true, 0); }

    public static CpuException pageFault(int linear, int errorCode) { return new CpuException(PF, errorCode, true, linear); }

    public static CpuException gp(int errorCode) { return fault(GP, errorCode); }

    public static CpuException ud() { return fault(UD); }

    /** True for the vectors that push an error code (SDM vol. 3, 6.13). */
    public static boolean pushesErrorCode(int vector) {
        return vector == DF || (vector >= TS && vector <= PF) || vector == AC;
    }

    /** The contributory class of SDM vol. 3 table 6-5 (for the double-fault rules). */
    public static boolean isContributory(int vector) {
        return vector == DE || (vector >= TS && vector <= GP);
    }

    public static String name(int vector) {
        return vector >= 0 && vector < NAMES.length ? NAMES[vector] : "vector " + vector;
    }

    @Override
    public String getMessage() {
        String s = name(vector);
        if (hasErrorCode) s += String.format("(error code 0x%x)", errorCode);
        if (vector == PF) s += String.format(" at 0x%08x", linearAddress);
        return s;
    }
}
