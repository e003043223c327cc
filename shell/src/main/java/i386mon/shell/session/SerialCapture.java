package i386mon.shell.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The guest's serial output: forwarded to where {@code --serial} sends it and kept for {@code
 * expect serial}, which waits for text after what earlier expects already matched.
 */
public final class SerialCapture {
    private OutputStream forward;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private int consumed;
    private String watched;
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
        all.write(b);
        if (forward != null) {
            try {
                forward.write(b);
                lastForwarded = b;
                if (b == '\n') forward.flush();
            } catch (IOException e) {
                // the host side went away (closed pipe): the guest keeps running, output is still captured
            }
        }
        if (watched != null && unconsumed().contains(watched)) {
            Runnable r = onMatch;
            watched = null;
            if (r != null) r.run();
        }
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

    /** Output not yet matched by an expect. */
    public String unconsumed() {
        return new String(all.toByteArray(), consumed, all.size() - consumed, StandardCharsets.ISO_8859_1);
    }

    /** All output since the machine booted. */
    public String text() {
        return new String(all.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /** Marks everything up to the end of the first occurrence of {@code text} as matched; false if absent. */
    public boolean consume(String text) {
        int i = unconsumed().indexOf(text);
        if (i < 0) return false;
        consumed += i + text.length();
        return true;
    }

    /** Calls {@code onMatch} once, as soon as the unconsumed output contains {@code text}. */
    public void watch(String text, Runnable onMatch) {
        this.watched = text;
        this.onMatch = onMatch;
    }

    public void unwatch() {
        watched = null;
        onMatch = null;
    }

    /** Forgets all output, as at a fresh boot. */
    public void clear() {
        all.reset();
        consumed = 0;
    }
}
