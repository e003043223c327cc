package i386mon.machine.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads what a {@link StateWriter} wrote; running out of bytes or a bad length is a {@link StateFormatException}. */
public final class StateReader {
    private final ByteBuffer in;
    private final String what;

    /** {@code what} names the component in error messages ("cpu", "device Pit8254"). */
    public StateReader(byte[] bytes, String what) {
        this.in = ByteBuffer.wrap(bytes);
        this.what = what;
    }

    public boolean bool() { return get(1) && in.get() != 0; }

    public int i32() {
        get(4);
        return in.getInt();
    }

    public long i64() {
        get(8);
        return in.getLong();
    }

    public String str() {
        get(2);
        int n = in.getShort() & 0xFFFF;
        get(n);
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8); // writeUTF's modified UTF-8 equals UTF-8 for our names
    }

    public byte[] bytes() {
        byte[] b = new byte[length(1)];
        in.get(b);
        return b;
    }

    public int[] ints() {
        int[] v = new int[length(4)];
        for (int i = 0; i < v.length; i++) v[i] = in.getInt();
        return v;
    }

    public long[] longs() {
        long[] v = new long[length(8)];
        for (int i = 0; i < v.length; i++) v[i] = in.getLong();
        return v;
    }

    public boolean[] bools() {
        boolean[] v = new boolean[length(1)];
        for (int i = 0; i < v.length; i++) v[i] = in.get() != 0;
        return v;
    }

    /** Fails unless every byte was read: a component that reads less than it wrote is out of step. */
    public void end() {
        if (in.hasRemaining()) throw new StateFormatException("the saved state of " + what + " has " + in.remaining() + " bytes too many");
    }

    /** Reads an array length and checks that many elements of {@code size} bytes follow. */
    private int length(int size) {
        get(4);
        int n = in.getInt();
        if (n < 0 || (long) n * size > in.remaining()) throw truncated();
        return n;
    }

    private boolean get(int n) {
        if (in.remaining() < n) throw truncated();
        return true;
    }

    private StateFormatException truncated() {
        return new StateFormatException("the saved state of " + what + " is truncated");
    }
}
