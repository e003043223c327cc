package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * QEMU's {@code -debugcon} at port 0x402 ({@code -global isa-debugcon.iobase=0x402}), where
 * SeaBIOS writes its log: bytes written are kept (the last {@value #LIMIT}), a read gives 0xE9,
 * the value SeaBIOS checks before it uses the port (QEMU_DEBUGCON_READBACK). The monitor shows
 * the log as {@code info firmware-log}.
 */
public final class FirmwareLog extends ByteIoDevice implements BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("firmware-log",
            "Show what the firmware wrote to the 0x402 debug console (QEMU's -debugcon), line by line.");
    public static final int PORT = 0x402;
    /** Bytes kept; older ones are dropped. */
    static final int LIMIT = 64 << 10;
    private static final int READBACK = 0xE9;

    private byte[] log = new byte[4096];
    private int length;

    public FirmwareLog() { super(PORT, 1); }

    @Override
    public void attach(Board board) {
        board.ports(PORT, 1, this);
        board.view(VIEW, this::report);
    }

    @Override
    int inb(int offset) { return READBACK; }

    @Override
    void outb(int offset, int v) {
        if (length == log.length) {
            if (length < LIMIT) {
                log = Arrays.copyOf(log, log.length * 2);
            } else {
                System.arraycopy(log, LIMIT / 2, log, 0, LIMIT / 2); // drop the older half
                length = LIMIT / 2;
            }
        }
        log[length++] = (byte) v;
    }

    /** The log as text (Latin-1: the firmware writes bytes). */
    public String text() { return new String(log, 0, length, StandardCharsets.ISO_8859_1); }

    /** Forgets the log (a power-on starts a new one). */
    public void clear() { length = 0; }

    private void report(Report r) {
        if (length == 0) {
            r.line("(the firmware has written nothing to port 0x402)");
            return;
        }
        String[] lines = text().split("\n", -1);
        int n = lines.length - (lines[lines.length - 1].isEmpty() ? 1 : 0);
        for (int i = 0; i < n; i++) r.line(lines[i].replace("\r", "")).field("line", lines[i].replace("\r", ""));
    }
}
