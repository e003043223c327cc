package i386mon.shell.log;

import i386mon.shell.session.CommandException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The items of a {@code -d} list (QEMU's spelling: comma-separated) that i386mon can log. */
public final class LogItems {
    /** One thing to log. */
    public enum Item {
        /** Interrupt and exception deliveries, as QEMU's -d int prints them. */
        INT("int"),
        /** The CPUs' state before a reset (system_reset, run, load), as QEMU's -d cpu_reset. */
        CPU_RESET("cpu_reset"),
        /** I/O ports the guest used that no device decodes. */
        GUEST_ERRORS("guest_errors");

        final String qemuName;

        Item(String qemuName) { this.qemuName = qemuName; }
    }

    /** QEMU's other items for a 32-bit x86 system (qemu-system-i386 -d help), which i386mon cannot log. */
    private static final List<String> QEMU_ONLY = List.of("out_asm", "in_asm", "op", "op_opt", "op_ind", "exec", "cpu", "fpu",
            "mmu", "pcall", "unimp", "page", "nochain", "plugin", "strace", "tid");

    private LogItems() { }

    /** The items of {@code spec} ("int,cpu_reset"); one that i386mon cannot log is a one-line error. */
    public static Set<Item> parse(String spec) {
        Set<Item> items = EnumSet.noneOf(Item.class);
        for (String word : spec.split(",")) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) continue;
            Item item = find(w);
            if (item == null) {
                String why = QEMU_ONLY.contains(w) || w.startsWith("trace:") ? "" : " (no such log item)";
                throw new CommandException("not supported: -d " + w + why + "; i386mon logs: " + names());
            }
            items.add(item);
        }
        return items;
    }

    /** The items i386mon logs, comma-separated, as -d takes them. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Item i : Item.values()) b.append(b.length() == 0 ? "" : ",").append(i.qemuName);
        return b.toString();
    }

    private static Item find(String name) {
        for (Item i : Item.values()) {
            if (i.qemuName.equals(name)) return i;
        }
        return null;
    }
}
