package i386mon.shell.gdbstub;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits what a client sends into packets ({@code $body#cs}, checksum checked, {@code }}-escapes
 * undone), acknowledgements and the interrupt byte 0x03. A bad checksum, a packet longer than we
 * offered, or garbage between packets never ends the reading; only the end of the stream does
 * (the client closed or vanished, possibly in the middle of a packet, which is dropped).
 */
final class PacketReader {
    /** What the reader found. Called on the reading thread. */
    interface Listener {
        void packet(String body);

        /** A packet arrived with a wrong checksum (it is dropped; in ack mode the client is told '-'). */
        void badChecksum();

        /** A packet longer than {@link #MAX_BODY} arrived (dropped, answered with an error). */
        void oversized();

        void interrupt();

        /** '-': the client did not get our last packet right. */
        void resendRequested();
    }

    /** The largest packet body we accept: what qSupported offers (PacketSize), escapes included. */
    static final int MAX_BODY = GdbServer.PACKET_SIZE;

    private final InputStream in;
    private final Listener listener;

    PacketReader(InputStream in, Listener listener) {
        this.in = in;
        this.listener = listener;
    }

    /** Reads until the stream ends (or fails, which is the same for a vanished client). */
    void run() {
        try {
            int c;
            while ((c = in.read()) >= 0) {
                switch (c) {
                    case '$': if (!readPacket()) return; break;
                    case 0x03: listener.interrupt(); break;
                    case '-': listener.resendRequested(); break;
                    default: break; // '+' and noise between packets
                }
            }
        } catch (IOException e) {
            // the connection broke: the same as the client leaving
        }
    }

    /** After '$': the body up to '#', then two checksum digits. False at the end of the stream. */
    private boolean readPacket() throws IOException {
        StringBuilder raw = new StringBuilder();
        int sum = 0;
        boolean tooLong = false;
        while (true) {
            int c = in.read();
            if (c < 0) return false;
            if (c == '#') break;
            if (c == '$') { // a new start: what came before was not a packet
                raw.setLength(0);
                sum = 0;
                tooLong = false;
                continue;
            }
            sum += c;
            if (raw.length() < MAX_BODY) raw.append((char) c);
            else tooLong = true;
        }
        int hi = in.read(), lo = in.read();
        if (hi < 0 || lo < 0) return false;
        int given = Character.digit(hi, 16) << 4 | Character.digit(lo, 16);
        if (Character.digit(hi, 16) < 0 || Character.digit(lo, 16) < 0 || given != (sum & 0xFF)) {
            listener.badChecksum();
            return true;
        }
        if (tooLong) {
            listener.oversized();
            return true;
        }
        listener.packet(unescape(raw));
        return true;
    }

    /** '}' escapes the next byte XOR 0x20 (binary data in X packets). */
    static String unescape(CharSequence raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '}' && i + 1 < raw.length()) sb.append((char) (raw.charAt(++i) ^ 0x20));
            else sb.append(c);
        }
        return sb.toString();
    }
}
