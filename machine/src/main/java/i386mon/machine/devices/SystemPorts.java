package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.io.IoDevice;

/**
 * Small system ports: 0x80 POST code (kept for the monitor; reads 0xFF as on QEMU), 0xE9 debug
 * console (Bochs/QEMU: bytes to a sink, reads 0xE9), 0x92 system control port A (bit 1 fast A20,
 * bit 0 rising edge = fast reset) and QEMU's isa-debug-exit on 0xF4-0xF7: writing v stops the
 * machine with exit status (v << 1) | 1.
 */
public final class SystemPorts implements BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("post", "Show the last POST code written to port 0x80 and the codes written before it.");
    /** How many of the last POST codes {@code info post} lists. */
    public static final int POST_LOG = 64;
    public static final int POST_PORT = 0x80;
    public static final int DEBUG_CONSOLE_PORT = 0xE9;
    public static final int PORT_A = 0x92;
    public static final int DEBUG_EXIT_PORT = 0xF4;

    private final MachineControl control;
    private SerialSink debugConsole;
    private int postCode = -1;
    /** The last {@link #POST_LOG} codes written to port 0x80, a ring; {@code postWrites} counts every write. */
    private final int[] postLog = new int[POST_LOG];
    private long postWrites;
    private int portA = 0x02;

    public SystemPorts(MachineControl control, SerialSink debugConsole) {
        this.control = control;
        this.debugConsole = debugConsole;
    }

    public void setDebugConsole(SerialSink sink) { this.debugConsole = sink; }

    /** The last byte written to port 0x80, or -1 if none yet. */
    public int postCode() { return postCode; }

    /** The last codes written to port 0x80 (at most {@link #POST_LOG}), oldest first. */
    public int[] postCodes() {
        int n = (int) Math.min(postWrites, POST_LOG);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) out[k] = postLog[(int) ((postWrites - n + k) % POST_LOG)];
        return out;
    }

    /** How many bytes were written to port 0x80 since the machine was built (a reset keeps them, as a POST card shows them). */
    public long postWrites() { return postWrites; }

    /** A system reset (QEMU's port92_reset): the fast-reset bit clears; the A20 bit and the POST codes stay. */
    public void systemReset() { portA &= ~1; }

    public boolean fastA20() { return (portA & 0x02) != 0; }

    /**
     * Port 0x92 as after power-on, before firmware ran: it reads 0 although the A20 gate is open,
     * as on QEMU's pc machine (its port 92 starts at 0, and the CPU's A20 mask at all ones). The
     * value it has otherwise, 0x02, is what SeaBIOS leaves after enabling A20.
     */
    public void powerOnReset() { portA = 0; }

    @Override
    public void attach(Board board) {
        board.ports(POST_PORT, 1, new ByteIoDevice(POST_PORT, 1) {
            @Override int inb(int offset) { return 0xFF; }
            @Override void outb(int offset, int v) { post(v); }
        });
        board.ports(DEBUG_CONSOLE_PORT, 1, new ByteIoDevice(DEBUG_CONSOLE_PORT, 1) {
            @Override int inb(int offset) { return 0xE9; }
            @Override void outb(int offset, int v) { debugConsole.write(v); }
        });
        board.ports(PORT_A, 1, new ByteIoDevice(PORT_A, 1) {
            @Override int inb(int offset) { return portA; }
            @Override void outb(int offset, int v) { writePortA(v); }
        });
        board.ports(DEBUG_EXIT_PORT, 4, new IoDevice() {
            @Override public int in(int port, int size) { return -1; }
            // QEMU's isa-debug-exit ignores the offset and takes the whole value written.
            @Override public void out(int port, int size, int value) { control.requestExit(value << 1 | 1); }
        });
        board.view(VIEW, this::report);
    }

    private void post(int v) {
        postCode = v;
        postLog[(int) (postWrites++ % POST_LOG)] = v;
    }

    private void report(Report r) {
        r.line(String.format("POST code: 0x%02x", postCode)).field("post_code", postCode);
        if (postWrites == 0) return;
        int[] codes = postCodes();
        StringBuilder sb = new StringBuilder(postWrites > POST_LOG ? "written (the last " + POST_LOG + " of " + postWrites + "):" : "written:");
        for (int c : codes) sb.append(String.format(" 0x%02x", c));
        java.util.List<Integer> list = new java.util.ArrayList<>();
        for (int c : codes) list.add(c);
        r.line(sb.toString()).field("codes", list).field("writes", postWrites);
    }

    private void writePortA(int v) {
        boolean resetEdge = (portA & 1) == 0 && (v & 1) != 0;
        portA = v & 0x03; // bits 2-7 are chipset-specific; keep A20 and reset only
        // Every write drives the A20 line, as QEMU's port 92 does: after power-on the port reads 0
        // with the gate open, and writing 0 must still close it. The 8042 drives the same line.
        control.setA20(fastA20());
        if (resetEdge) control.requestReset(0x92, v);
    }
}
