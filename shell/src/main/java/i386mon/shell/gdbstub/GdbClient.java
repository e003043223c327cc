package i386mon.shell.gdbstub;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One connected debugger: its channel, the writer for replies and the thread that reads its
 * packets. Everything it reads goes to the server's stub thread as events; an interrupt also
 * reaches a running guest at once, and the acknowledgements are the framing's own.
 */
final class GdbClient {
    /** What the client sent, for the stub thread. */
    record Event(GdbClient client, Type type, String packet) {
        enum Type { CONNECTED, PACKET, OVERSIZED, INTERRUPT, GONE }
    }

    private final SocketChannel channel;
    private final PacketWriter writer;
    private final String peer;

    GdbClient(SocketChannel channel, String peer) {
        this.channel = channel;
        this.writer = new PacketWriter(ChannelStreams.out(channel));
        this.peer = peer;
    }

    PacketWriter writer() { return writer; }

    String peer() { return peer; }

    /** Starts the reading thread: events to {@code events}, Ctrl-C to {@code interrupt}. */
    void start(Consumer<Event> events, Runnable interrupt) {
        PacketReader reader = new PacketReader(ChannelStreams.in(channel), new PacketReader.Listener() {
            @Override public void packet(String body) {
                writer.ack();
                events.accept(new Event(GdbClient.this, Event.Type.PACKET, body));
            }
            @Override public void badChecksum() { writer.nack(); }
            @Override public void oversized() {
                writer.ack();
                events.accept(new Event(GdbClient.this, Event.Type.OVERSIZED, null));
            }
            @Override public void interrupt() {
                interrupt.run();
                // and in order behind the packets: a Ctrl-C right after a continue the stub has not started yet stops it too
                events.accept(new Event(GdbClient.this, Event.Type.INTERRUPT, null));
            }
            @Override public void resendRequested() { writer.resend(); }
        });
        Thread t = new Thread(() -> {
            reader.run();
            close();
            events.accept(new Event(this, Event.Type.GONE, null));
        }, "i386mon-gdb-reader");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Ends the conversation after the last reply (detach, kill): no more output, and the client
     * closes its end, which ends the reader. Closing at once could reset the connection before the
     * client read that reply (our unread input, e.g. its '+', makes the close a reset); a client
     * that keeps its end open is closed after a grace period.
     */
    void finish() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }, "i386mon-gdb-finish");
        t.setDaemon(true);
        t.start();
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
