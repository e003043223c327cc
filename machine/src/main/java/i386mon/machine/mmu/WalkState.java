package i386mon.machine.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable result of one page walk, reused by the MMU so a TLB miss does not allocate.
 * {@link #toWalk} turns it into the immutable {@link Walk} the inspection API hands out.
 */
final class WalkState {
    int linear;
    Access access;
    boolean user;
    int count;
    final Level[] level = new Level[3];
    final int[] index = new int[3];
    final long[] address = new long[3];
    final long[] value = new long[3];
    final boolean[] fromRegister = new boolean[3];
    FaultRule fault;
    int errorCode;
    long physical;
    int pageSize;
    boolean userAllowed, writable, executeDisable, global;

    void reset(int linear, Access access, boolean user) {
        this.linear = linear;
        this.access = access;
        this.user = user;
        count = 0;
        fault = null;
        errorCode = 0;
        physical = -1;
        pageSize = 0;
        userAllowed = writable = true;
        executeDisable = global = false;
    }

    void add(Level l, int idx, long addr, long v, boolean reg) {
        level[count] = l;
        index[count] = idx;
        address[count] = addr;
        value[count] = v;
        fromRegister[count] = reg;
        count++;
    }

    void fail(FaultRule rule, int error) {
        fault = rule;
        errorCode = error;
        physical = -1;
    }

    boolean ok() { return fault == null; }

    /** The leaf entry's value (the last step) of a successful walk. */
    long leaf() { return value[count - 1]; }

    Walk toWalk() {
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) steps.add(new Step(level[i], index[i], address[i], value[i], fromRegister[i]));
        Level faultLevel = fault == null || fault.ordinal() > FaultRule.RESERVED_BIT.ordinal() ? null : level[count - 1];
        return new Walk(linear, access, user, List.copyOf(steps), fault, faultLevel, errorCode, physical, pageSize,
                fault == null && userAllowed, fault == null && writable, fault == null && executeDisable,
                fault == null && global);
    }
}
