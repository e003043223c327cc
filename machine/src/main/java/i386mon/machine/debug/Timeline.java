package i386mon.machine.debug;

import i386mon.machine.snapshot.Snapshot;
import i386mon.machine.snapshot.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Reverse execution's record of the past: a checkpoint (a whole-machine snapshot) every
 * {@link #interval()} instructions, and the input the guest received (keys, serial bytes) with the
 * instruction count at which it arrived, so that running forward again from a checkpoint repeats
 * the past exactly. Any other change the debugger makes (memory, registers, ports, loadvm) starts
 * a new history from that point: later checkpoints and input are dropped and a checkpoint is taken
 * there. Off by default; off, it costs one test per run.
 */
public final class Timeline {
    /** Input from the host, replayed at the count it arrived. */
    public interface InputSink {
        void key(String combination);

        void serial(int port, byte[] data);
    }

    /** One input event: a key combination, or bytes for a serial port. */
    record Input(long count, String key, int port, byte[] data) { }

    /** At most this many checkpoints are kept; the oldest go first (the history then starts later). */
    public static final int MAX_CHECKPOINTS = 200;
    /**
     * Nor more than this share of the heap: a guest that fills its RAM with data that does not
     * compress makes each checkpoint as large as the RAM it used, and 200 of them would not fit.
     */
    static final int HEAP_SHARE_DIVISOR = 4;
    /** Measured on the demo kernel (64 MiB): a checkpoint costs about 45 ms, so 10M instructions between them add about 5%. */
    public static final long DEFAULT_INTERVAL = 10_000_000;

    private final Snapshots snapshots;
    private final LongSupplier retired;
    private final InputSink sink;
    /** A checkpoint and the heap it holds. */
    private record Checkpoint(Snapshot snapshot, long heapBytes) { }

    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    /** The heap all checkpoints hold, and the most they may (the newest is kept whatever its size). */
    private long heapBytes;
    private long maxHeapBytes = Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR;
    private final List<Input> inputs = new ArrayList<>();
    /** Index of the first input not yet delivered on the current pass through the history. */
    private int nextInput;
    private long interval;
    private boolean on;
    /** True while reverse execution replays the past: the guest's output was seen the first time and is not repeated. */
    private volatile boolean replaying;

    public Timeline(Snapshots snapshots, LongSupplier retired, InputSink sink) {
        this.snapshots = snapshots;
        this.retired = retired;
        this.sink = sink;
    }

    public boolean on() { return on; }

    /** True while the past is being replayed (output devices stay quiet: it was printed the first time). */
    public boolean replaying() { return replaying; }

    void setReplaying(boolean r) { replaying = r; }

    public long interval() { return interval; }

    /** Starts recording here with a checkpoint every {@code interval} instructions. */
    public void enable(long interval) {
        if (interval < 1) throw new IllegalArgumentException("the checkpoint interval must be at least 1 instruction");
        this.interval = interval;
        on = true;
        try {
            reset();
        } catch (RuntimeException e) {
            on = false; // the first checkpoint was refused (e.g. several CPUs): recording never started
            throw e;
        }
    }

    /** Stops recording and forgets the history. */
    public void disable() {
        on = false;
        clearCheckpoints();
        inputs.clear();
        nextInput = 0;
    }

    /** Forgets the history and starts a new one here (after loadvm, a boot). */
    public void reset() {
        clearCheckpoints();
        inputs.clear();
        nextInput = 0;
        if (on) checkpoint(retired.getAsLong());
    }

    /** Sets the most heap the checkpoints may hold (a test's small bound). */
    void setMaxHeapBytes(long bytes) { maxHeapBytes = bytes; }

    /** The heap the checkpoints hold now. */
    long heapBytes() { return heapBytes; }

    private void clearCheckpoints() {
        checkpoints.clear();
        heapBytes = 0;
    }

    /** Takes a checkpoint at {@code now}; the oldest go while there are too many or they hold too much heap. */
    private void checkpoint(long now) {
        Snapshot s = snapshots.capture();
        Checkpoint old = checkpoints.put(now, new Checkpoint(s, s.heapBytes()));
        heapBytes += s.heapBytes() - (old == null ? 0 : old.heapBytes());
        while (checkpoints.size() > MAX_CHECKPOINTS || (checkpoints.size() > 1 && heapBytes > maxHeapBytes)) {
            heapBytes -= checkpoints.pollFirstEntry().getValue().heapBytes();
        }
    }

    /** The earliest instruction count the history reaches back to, or -1 when off. */
    public long start() { return on && !checkpoints.isEmpty() ? checkpoints.firstKey() : -1; }

    public int checkpointCount() { return checkpoints.size(); }

    /** Bytes the checkpoints take. */
    public long storedBytes() {
        long n = 0;
        for (Checkpoint c : checkpoints.values()) n += c.snapshot().storedBytes();
        return n;
    }

    public int inputCount() { return inputs.size(); }

    // ---- forward runs

    /**
     * At the current count before running on: takes the checkpoint that falls due here and
     * delivers the recorded input that arrived here.
     */
    void atBoundary() {
        long now = retired.getAsLong();
        // REP string instructions retire in chunks, so a run may end a little past a boundary: a
        // checkpoint is due once an interval has passed since the last one at or before now
        Long floor = checkpoints.floorKey(now);
        if (floor == null || now - floor >= interval) checkpoint(now);
        while (nextInput < inputs.size() && inputs.get(nextInput).count() <= now) {
            Input in = inputs.get(nextInput++);
            if (in.count() < now) continue; // arrived before this pass began
            if (in.key() != null) sink.key(in.key());
            else sink.serial(in.port(), in.data());
        }
    }

    /** The next count after {@code now} at which a run must pause: a checkpoint or recorded input. */
    long nextBoundary(long now) {
        Long floor = checkpoints.floorKey(now);
        long next = floor == null ? now + 1 : Math.max(now + 1, floor + interval);
        if (nextInput < inputs.size()) next = Math.min(next, Math.max(now + 1, inputs.get(nextInput).count()));
        return next;
    }

    // ---- live input and edits

    /** A key typed now: the future recorded after this point is void, the key is part of the new one. */
    void key(String combination) {
        truncateAfter(retired.getAsLong());
        inputs.add(new Input(retired.getAsLong(), combination, 0, null));
        nextInput = inputs.size();
    }

    /** Serial bytes received now (as {@link #key}). */
    void serial(int port, byte[] data) {
        truncateAfter(retired.getAsLong());
        inputs.add(new Input(retired.getAsLong(), null, port, data.clone()));
        nextInput = inputs.size();
    }

    /** The debugger changed the machine here: the history goes on from this state. */
    void edited() {
        long now = retired.getAsLong();
        truncateAfter(now);
        checkpoint(now);
    }

    private void truncateAfter(long now) {
        Map<Long, Checkpoint> later = checkpoints.tailMap(now, false);
        for (Checkpoint c : later.values()) heapBytes -= c.heapBytes();
        later.clear();
        while (inputs.size() > nextInput) inputs.remove(inputs.size() - 1);
        while (!inputs.isEmpty() && inputs.get(inputs.size() - 1).count() > now) inputs.remove(inputs.size() - 1);
        nextInput = Math.min(nextInput, inputs.size());
    }

    // ---- going back

    /**
     * Puts the machine into the latest checkpoint at or before {@code count} and returns its count;
     * input from then on will be delivered again as the machine runs forward.
     */
    long rewindTo(long count) {
        Map.Entry<Long, Checkpoint> e = checkpoints.floorEntry(count);
        if (e == null) throw new IllegalStateException("no checkpoint at or before instruction #" + count);
        snapshots.restore(e.getValue().snapshot());
        nextInput = 0;
        while (nextInput < inputs.size() && inputs.get(nextInput).count() < e.getKey()) nextInput++;
        return e.getKey();
    }

    /** The counts of the checkpoints at or before {@code count}, latest first. */
    List<Long> checkpointsBefore(long count) {
        return new ArrayList<>(checkpoints.headMap(count, true).descendingKeySet());
    }
}
