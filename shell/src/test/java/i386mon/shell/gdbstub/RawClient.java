package i386mon.shell.gdbstub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A minimal remote-protocol client over TCP for the server tests: sends packets, reads replies (acks skipped). */
final class RawClient implements AutoCloseable {
    /** Generous: the tests run on a loaded two-core machine. */
    static final int TIMEOUT_MS = 60_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean acking = true;

    RawClient(String address) throws IOException {
        String[] hp = address.substring("tcp:".length()).split(":");
        socket = new Socket();
        socket.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a packet and, in ack mode, takes the stub's '+' for it. */
    void send(String body) throws IOException {
        sendRaw(new String(PacketWriter.frame(body), StandardCharsets.ISO_8859_1));
        if (acking) {
            int c = in.read();
            if (c != '+') throw new IOException("expected the stub's '+', got " + c);
        }
    }

    void noAck() {
        acking = false;
    }

    /** The next packet's body (checksum checked), acknowledged while in ack mode. */
    String reply() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) throw new IOException("connection closed");
        } while (c != '$');
        StringBuilder sb = new StringBuilder();
        while ((c = in.read()) != '#') {
            if (c < 0) throw new IOException("connection closed mid-packet");
            sb.append((char) c);
        }
        int sum = 0;
        for (int i = 0; i < sb.length(); i++) sum += sb.charAt(i);
        String cs = "" + (char) in.read() + (char) in.read();
        if (Integer.parseInt(cs, 16) != (sum & 0xFF)) throw new IOException("bad checksum from the stub: " + sb);
        if (acking) sendRaw("+");
        return PacketReader.unescape(sb);
    }

    /** Sends a packet and returns its reply. */
    String ask(String body) throws IOException {
        send(body);
        return reply();
    }

    /** The next raw byte the stub sends, or -1 at the end of the stream, -2 when nothing came within {@code ms}. */
    int nextByte(int ms) throws IOException {
        socket.setSoTimeout(ms);
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } finally {
            socket.setSoTimeout(TIMEOUT_MS);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
