package i386mon.shell.format;

import i386mon.machine.snapshot.Snapshots;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code info snapshots} as QEMU 7.2 prints it (ID, TAG, VM SIZE, DATE, VM CLOCK, ICOUNT), and as JSON. */
public final class SnapshotText {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private SnapshotText() { }

    public static List<String> lines(List<Snapshots.Entry> entries) {
        List<String> out = new ArrayList<>();
        if (entries.isEmpty()) {
            out.add("There is no snapshot available.");
            return out;
        }
        out.add("List of snapshots present on all disks:");
        out.add(String.format("%-10s%-17s%8s%20s%13s%11s", "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT"));
        for (Snapshots.Entry e : entries) {
            out.add(String.format("%-9s %-16s %8s %19s %12s %10d", e.id(), e.name(), size(e.snapshot().storedBytes()),
                    DATE.format(Instant.ofEpochMilli(e.snapshot().takenAtMillis())), clock(e.snapshot().virtualNanos()),
                    e.snapshot().instructions()));
        }
        return out;
    }

    public static List<Map<String, Object>> json(List<Snapshots.Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Snapshots.Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("name", e.name());
            m.put("vm_size", e.snapshot().storedBytes());
            m.put("date", DATE.format(Instant.ofEpochMilli(e.snapshot().takenAtMillis())));
            m.put("vm_clock_ns", e.snapshot().virtualNanos());
            m.put("icount", e.snapshot().instructions());
            out.add(m);
        }
        return out;
    }

    /** QEMU's size_to_str: three significant digits and a binary unit ("2.66 MiB", "512 B"). */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) return bytes + " B";
        return (v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v)) + " " + units[u];
    }

    /** Virtual time as hh:mm:ss.mmm. */
    static String clock(long nanos) {
        long ms = nanos / 1_000_000;
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
