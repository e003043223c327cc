package i386mon.shell.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The guest's serial output: forwarded to where {@code --serial} sends it and kept for {@code
 * expect serial}, which waits for text after what earlier expects already matched. Only output
 * not yet matched is kept, and of that at most {@link #WINDOW} bytes: a guest may print forever
 * in bounded memory, and a waiting expect looks only at the end of the output for its text, so
 * each byte costs the same however much came before.
 */
public final class SerialCapture {
    /** The most unmatched output kept; when it is full, the older half is dropped. */
    public static final int WINDOW = 1 << 20;
    private static final int INITIAL = 4096;

    private OutputStream forward;
    /** Unmatched output is {@code held[start..end)}. */
    private byte[] held = new byte[INITIAL];
    private int start;
    private int end;
    private byte[] watched;
    private Runnable onMatch;
    private int lastForwarded = '\n';
    private boolean sharesConsole;

    /** {@code forward} may be null to keep the output only for expects. */
    public SerialCapture(OutputStream forward) {
        this.forward = forward;
    }

    /** Where serial output goes from now on; null keeps it only for expects. */
    public void setForward(OutputStream forward) {
        flush();
        this.forward = forward;
    }

    /** Called by the machine for each byte the guest transmits. */
    public void accept(int b) {
        keep((byte) b);
        if (forward != null) {
            try {
                forward.write(b);
                lastForwarded = b;
                if (b == '\n') forward.flush();
            } catch (IOException e) {
                // the host side went away (closed pipe): the guest keeps running, output is still captured
            }
        }
        if (watched != null && endsWithWatched()) {
            Runnable r = onMatch;
            watched = null;
            if (r != null) r.run();
        }
    }

    private void keep(byte b) {
        if (end == held.length) makeRoom();
        held[end++] = b;
    }

    /** Compacts, grows up to the window, and drops the older half of a full window. */
    private void makeRoom() {
        int size = end - start;
        if (size >= WINDOW) {
            int drop = size - WINDOW / 2;
            start += drop;
            size -= drop;
        }
        byte[] to = size >= held.length / 2 && held.length < WINDOW ? new byte[Math.min(held.length * 2, WINDOW)] : held;
        System.arraycopy(held, start, to, 0, size);
        held = to;
        start = 0;
        end = size;
    }

    /** A match must end with the byte just kept: every earlier end was checked when it came. */
    private boolean endsWithWatched() {
        int n = watched.length;
        if (end - start < n || held[end - 1] != watched[n - 1]) return false;
        for (int i = 0; i < n; i++) if (held[end - n + i] != watched[i]) return false;
        return true;
    }

    /** Whether forwarded output stopped in the middle of a line (so that our next line needs a fresh one). */
    public boolean midLine() {
        return sharesConsole && forward != null && lastForwarded != '\n';
    }

    /** Whether the forwarded output is the same console the monitor prints on. */
    public void setSharesConsole(boolean shares) {
        this.sharesConsole = shares;
    }

    /** Notes that the line was ended on the same output by someone else. */
    public void lineEnded() {
        lastForwarded = '\n';
    }

    public void flush() {
        if (forward == null) return;
        try {
            forward.flush();
        } catch (IOException e) {
            // see accept
        }
    }

    /** Output not yet matched by an expect (its last {@link #WINDOW} bytes at most). */
    public String unconsumed() {
        return new String(held, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Marks everything up to the end of the first occurrence of {@code text} as matched; false if absent. */
    public boolean consume(String text) {
        int i = unconsumed().indexOf(text);
        if (i < 0) return false;
        start += i + text.length();
        return true;
    }

    /** Calls {@code onMatch} once, as soon as the unconsumed output ends with {@code text}. */
    public void watch(String text, Runnable onMatch) {
        this.watched = text.getBytes(StandardCharsets.ISO_8859_1);
        this.onMatch = onMatch;
    }

    public void unwatch() {
        watched = null;
        onMatch = null;
    }

    /** Forgets all output, as at a fresh boot. */
    public void clear() {
        held = new byte[INITIAL];
        start = 0;
        end = 0;
    }
}
