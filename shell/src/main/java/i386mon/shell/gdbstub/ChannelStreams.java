package i386mon.shell.gdbstub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a socket channel (TCP or a Unix socket) that read and write directly, so one
 * thread can block reading while another writes ({@code Channels.newInputStream} would make the
 * writer wait for the reader).
 */
final class ChannelStreams {
    private ChannelStreams() { }

    static InputStream in(SocketChannel ch) {
        return new InputStream() {
            private final ByteBuffer buf = ByteBuffer.allocate(4096).flip();

            @Override public int read() throws IOException {
                if (!buf.hasRemaining()) {
                    buf.clear();
                    int n = ch.read(buf);
                    buf.flip();
                    if (n < 0) return -1;
                    if (n == 0) return read();
                }
                return buf.get() & 0xFF;
            }
        };
    }

    static OutputStream out(SocketChannel ch) {
        return new OutputStream() {
            @Override public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) ch.write(bb);
            }
        };
    }
}
