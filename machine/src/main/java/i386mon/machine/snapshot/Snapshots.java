package i386mon.machine.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's snapshots by name, as QEMU's {@code savevm}, {@code loadvm}, {@code delvm} and
 * {@code info snapshots} know them, and snapshot files. Errors are {@link SnapshotException}s with
 * QEMU's wording where QEMU has one.
 */
public final class Snapshots {
    /** A named snapshot with its QEMU-style numeric id. */
    public record Entry(int id, String name, Snapshot snapshot) { }

    private final MachineState state;
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private int nextId = 1;
    /** Told after loadvm put the machine into another state (reverse execution's history ends there). */
    private Runnable loaded = () -> { };

    public Snapshots(MachineState state) { this.state = state; }

    /** Calls {@code listener} after every {@link #load} and {@link #loadFile}. */
    public void onLoad(Runnable listener) { this.loaded = listener == null ? () -> { } : listener; }

    /** Takes a snapshot called {@code name}, replacing one of that name (as QEMU does). */
    public Entry save(String name) {
        checkName(name);
        Snapshot s = state.capture();
        Entry old = byName.remove(name);
        Entry e = new Entry(old != null ? old.id() : nextId++, name, s);
        byName.put(name, e);
        return e;
    }

    /** Restores the snapshot called {@code name}. */
    public Snapshot load(String name) {
        Entry e = byName.get(name);
        if (e == null) throw new SnapshotException("Snapshot '" + name + "' does not exist");
        state.restore(e.snapshot());
        loaded.run();
        return e.snapshot();
    }

    public void delete(String name) {
        if (byName.remove(name) == null) throw new SnapshotException("Snapshot '" + name + "' does not exist");
    }

    public List<Entry> list() { return new ArrayList<>(byName.values()); }

    /** Takes a snapshot and writes it to {@code file} (not kept by name). */
    public Snapshot saveFile(Path file) {
        Snapshot s = state.capture();
        try {
            SnapshotFile.write(s, file);
        } catch (IOException e) {
            throw new SnapshotException("cannot write " + file + ": " + e.getMessage());
        }
        return s;
    }

    /** Reads {@code file}, checks it against this machine, and restores it. */
    public Snapshot loadFile(Path file) {
        Snapshot s = SnapshotFile.read(file);
        try {
            state.check(s);
        } catch (SnapshotException e) {
            throw new SnapshotException(file + ": " + e.getMessage());
        }
        state.restore(s);
        loaded.run();
        return s;
    }

    /** A snapshot of the machine now, not kept (reverse execution's checkpoints, state comparisons). */
    public Snapshot capture() { return state.capture(); }

    /** Restores a snapshot from {@link #capture()}. */
    public void restore(Snapshot s) { state.restore(s); }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) throw new SnapshotException("a snapshot needs a name");
    }
}
