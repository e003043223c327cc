package i386mon.shell.format;

import i386mon.machine.debug.WatchHit;
import i386mon.machine.debug.Watchpoint;
import i386mon.machine.mmu.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Watchpoints as {@code info watch} lists them, and what one caught as a watch stop prints it. */
public final class WatchText {
    private WatchText() { }

    /** "linear 0xd0400000 len 4", "physical 0x0012c000 len 4" or "pte 0xd0400000". */
    public static String what(Watchpoint.Space space, long address, int length) {
        return switch (space) {
            case LINEAR -> String.format("linear 0x%08x len %d", address, length);
            case PHYSICAL -> String.format("physical 0x%08x len %d", address, length);
            case PAGE_ENTRIES -> String.format("pte 0x%08x", address);
        };
    }

    /** The space as the shell's options and JSON name it: "linear", "physical" or "pte". */
    public static String spaceName(Watchpoint.Space space) {
        return space == Watchpoint.Space.PAGE_ENTRIES ? "pte" : space.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The entries a {@code watch pte} covers now, e.g. "PDE at 0x00132d00, PTE at 0x00135000". */
    public static String entries(List<Step> entries, boolean paging) {
        if (!paging) return "paging is off: the entries are found at each CR3 load";
        if (entries.isEmpty()) return "no page tables yet";
        List<String> parts = new ArrayList<>();
        for (Step e : entries) parts.add(String.format("%s at 0x%08x", e.level(), e.entryAddress()));
        return String.join(", ", parts);
    }

    /** The lines after "Stopped: watchpoint N ...": the access with old and new value, then the instruction. */
    public static List<String> hit(WatchHit h, Watchpoint.Space space, long watched, IntFunction<String> where,
                                   IntFunction<String> instruction) {
        List<String> out = new ArrayList<>();
        String digits = "0x%0" + (h.size() * 2) + "x";
        String values = h.write()
                ? String.format("old " + digits + ", new " + digits, h.oldValue(), h.newValue())
                : String.format("value " + digits, h.oldValue());
        String at;
        if (h.entry() != null) at = String.format("the %s of 0x%08x at physical 0x%08x", h.entry(), watched, h.physical());
        else if (space == Watchpoint.Space.PHYSICAL) at = String.format("physical 0x%08x", h.address());
        else at = String.format("linear 0x%08x (physical 0x%08x)", h.address(), h.physical());
        out.add(String.format("  %s of %d byte%s %s %s: %s", h.write() ? "write" : "read", h.size(), h.size() == 1 ? "" : "s",
                h.write() ? "to" : "from", at, values));
        String by = String.format("  by:  %s: %s", where.apply(h.linearEip()), instruction.apply(h.linearEip()));
        if (h.deliveringVector() >= 0) by += String.format(" (delivering vector 0x%x)", h.deliveringVector());
        out.add(by);
        return out;
    }
}
