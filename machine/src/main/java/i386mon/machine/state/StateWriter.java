package i386mon.machine.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One component's state as big-endian primitives, arrays with their length, and strings. */
public final class StateWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    public StateWriter bool(boolean v) { return run(() -> out.writeBoolean(v)); }

    public StateWriter i32(int v) { return run(() -> out.writeInt(v)); }

    public StateWriter i64(long v) { return run(() -> out.writeLong(v)); }

    public StateWriter str(String v) { return run(() -> out.writeUTF(v)); }

    public StateWriter bytes(byte[] v) {
        return run(() -> {
            out.writeInt(v.length);
            out.write(v);
        });
    }

    public StateWriter ints(int[] v) {
        i32(v.length);
        for (int x : v) i32(x);
        return this;
    }

    public StateWriter longs(long[] v) {
        i32(v.length);
        for (long x : v) i64(x);
        return this;
    }

    public StateWriter bools(boolean[] v) {
        i32(v.length);
        for (boolean x : v) bool(x);
        return this;
    }

    /** Everything written so far. */
    public byte[] toByteArray() { return bytes.toByteArray(); }

    private interface Write { void run() throws IOException; }

    private StateWriter run(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return this;
    }
}
