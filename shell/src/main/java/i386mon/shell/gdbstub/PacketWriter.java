package i386mon.shell.gdbstub;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends packets to the client ({@code $body#cs}, with '#', '$', '}' and '*' escaped) and the
 * acknowledgements, until no-ack mode turns those off. Thread safe: the reading thread acks and
 * resends while the stub thread replies. A client that has gone makes every send a no-op.
 */
final class PacketWriter {
    private final OutputStream out;
    private boolean noAck;
    private byte[] last;
    private boolean broken;

    PacketWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void send(String body) {
        last = frame(body);
        write(last);
    }

    synchronized void ack() {
        if (!noAck) write(new byte[] {'+'});
    }

    synchronized void nack() {
        if (!noAck) write(new byte[] {'-'});
    }

    /** Sends the last packet again (the client answered '-'). */
    synchronized void resend() {
        if (!noAck && last != null) write(last);
    }

    synchronized void noAckMode() {
        noAck = true;
    }

    static byte[] frame(String body) {
        StringBuilder sb = new StringBuilder(body.length() + 4).append('$');
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '#' || c == '$' || c == '}' || c == '*') {
                sb.append('}');
                sum += '}';
                c ^= 0x20;
            }
            sb.append(c);
            sum += c;
        }
        sb.append('#').append(String.format("%02x", sum & 0xFF));
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void write(byte[] b) {
        if (broken) return;
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            broken = true; // the client vanished; the reader sees the end and the session ends
        }
    }
}
