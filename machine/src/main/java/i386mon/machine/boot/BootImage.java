package i386mon.machine.boot;

import java.util.List;

/**
 * What a loader leaves for the machine: the register values the boot protocol defines (EIP, EAX
 * magic, EBX info address), the stack QEMU's loader leaves (ESP), the physical ranges it filled, the
 * kernel's symbols and a one-line description. The machine itself applies the rest of the protocol's state (flat 4 GiB segments,
 * A20 on, paging and interrupts off).
 */
public record BootImage(String format, int eip, int eax, int ebx, int esp, List<MemoryRange> ranges, SymbolTable symbols) {
    public BootImage {
        ranges = List.copyOf(ranges);
    }

    /** The range named {@code what}, or null. */
    public MemoryRange range(String what) {
        for (MemoryRange r : ranges) if (r.what().equals(what)) return r;
        return null;
    }

    @Override
    public String toString() {
        return String.format("%s: EIP=0x%08X EAX=0x%08X EBX=0x%08X", format, eip, eax, ebx);
    }
}
