package i386mon.machine.debug;

import i386mon.machine.mmu.Level;

/**
 * What a watchpoint caught: the access ({@code address} in the watchpoint's space, the physical
 * address it reached, read or write, {@code size} bytes), the value of those bytes before the
 * access and after the instruction completed, and the instruction that made it (CS selector, EIP
 * and its linear address). For a page-entry watchpoint the address and size are the entry's and
 * {@code entry} names its level. {@code deliveringVector} is the vector being delivered when the
 * access was part of an exception or interrupt delivery (pushing the frame), else -1. {@code cpu}
 * is the index of the CPU that made the access (the stop on several CPUs names it).
 */
public record WatchHit(Watchpoint watchpoint, long address, long physical, boolean write, int size, long oldValue,
                       long newValue, int cs, int eip, int linearEip, Level entry, int deliveringVector, int cpu) {

    @Override
    public String toString() {
        String what = entry != null
                ? String.format("%s of 0x%08x at physical 0x%x", entry, watchpoint.address(), physical)
                : String.format("%s 0x%x", watchpoint.space() == Watchpoint.Space.PHYSICAL ? "physical" : "linear", address);
        String digits = "%0" + (size * 2) + "x";
        String values = write
                ? String.format("old 0x" + digits + " new 0x" + digits, oldValue, newValue)
                : String.format("value 0x" + digits, oldValue);
        String by = String.format("by the instruction at %04x:%08x (linear 0x%08x)", cs, eip, linearEip);
        if (deliveringVector >= 0) by += String.format(" delivering vector 0x%x", deliveringVector);
        return String.format("watchpoint %d: %s of %d byte%s at %s: %s, %s", watchpoint.id(), write ? "write" : "read",
                size, size == 1 ? "" : "s", what, values, by);
    }
}
