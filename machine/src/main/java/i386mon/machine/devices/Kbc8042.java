package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.interrupts.IrqSink;
import java.util.ArrayDeque;

/**
 * Intel 8042 keyboard controller with an attached MF-II keyboard, as on the PC/AT and PS/2: data
 * port 0x60, status/command port 0x64. The controller has a one-byte output buffer; its own
 * replies go first, then bytes from the keyboard (which buffers its own). With translation on
 * (command byte bit 6) the keyboard speaks scancode set 1, which is what the host side produces.
 * With translation off the keyboard's own set is visible: set 2 codes (converted from the host's
 * set 1) or set 1 as it is; set 3 is not modelled and gives set 2 codes.
 * IRQ1 is high while the output buffer holds keyboard data and command byte bit 0 is set.
 * There is no PS/2 mouse: aux commands are accepted but the aux device never answers.
 */
public final class Kbc8042 extends ByteIoDevice implements BoardDevice {
    public static final int DATA_PORT = 0x60;
    public static final int STATUS_PORT = 0x64;
    private static final int IRQ = 1;

    private static final int CB_KBD_INT = 0x01, CB_KBD_DISABLED = 0x10, CB_AUX_DISABLED = 0x20,
            CB_TRANSLATE = 0x40;
    private static final int ST_OBF = 0x01, ST_SYS = 0x04, ST_CMD = 0x08, ST_UNLOCKED = 0x10;

    private final IrqSink irqSink;
    private final MachineControl control;
    private final ArrayDeque<Integer> controllerReplies = new ArrayDeque<>();
    private final ArrayDeque<Integer> keyboardBytes = new ArrayDeque<>();
    private final byte[] ram = new byte[32];
    private boolean outputFull;
    private int outputByte;
    private boolean outputFromKeyboard;
    private boolean systemFlag;
    private boolean lastWriteWasCommand;
    private int pendingControllerCommand;
    private int pendingKeyboardCommand;
    private boolean scanning = true;
    private int scancodeSet = 2;
    private int leds;
    private int outputPort = 0xCF; // reset inactive (bit 0), A20 on (bit 1)
    private boolean irqLevel;

    public Kbc8042(IrqSink irqSink, MachineControl control) {
        super(DATA_PORT, 5); // 0x60-0x64; 0x61-0x63 belong to others and are not registered
        this.irqSink = irqSink;
        this.control = control;
        ram[0] = (byte) (CB_KBD_INT | CB_TRANSLATE);
    }

    private int commandByte() { return ram[0] & 0xFF; }

    // ---- host side -------------------------------------------------------------------------------

    /** Presses and releases a QEMU-named key or combination ({@code "a"}, {@code "ctrl-alt-delete"}). */
    public void pressKey(String combo) { typeScancodes(ScancodeSet1.combination(combo)); }

    /**
     * Queues set 1 scancodes as the keyboard would send them (as set 2 when translation is off
     * and the keyboard uses set 2); dropped while scanning is disabled.
     */
    public void typeScancodes(int... codes) {
        for (int c : codes) {
            if (c < 0 || c > 0xFF) throw new IllegalArgumentException("scancode out of range 0-255: " + c);
        }
        if (!scanning) return;
        boolean raw = translating() || scancodeSet == 1;
        int[] buf = new int[3];
        boolean extended = false;
        for (int c : codes) {
            if (raw) {
                keyboardByte(c);
            } else if (c == 0xE0) {
                extended = true;
            } else {
                int n = ScancodeSet2.convert(c, extended, buf, 0);
                for (int i = 0; i < n; i++) keyboardByte(buf[i]);
                extended = false;
            }
        }
        refill();
    }

    /** Host keystrokes queue without limit (the real keyboard's 16-byte buffer would overrun). */
    private void keyboardByte(int b) { keyboardBytes.add(b); }

    // ---- ports -------------------------------------------------------------------------------------

    @Override
    int inb(int offset) {
        if (offset == 4) return status();
        if (offset != 0) return 0xFF;
        int v = outputByte;
        if (outputFull) {
            outputFull = false;
            updateIrq(); // the line falls before the next byte loads, so the PIC sees a new edge
            refill();
        }
        return v;
    }

    private int status() {
        return (outputFull ? ST_OBF : 0) | (systemFlag ? ST_SYS : 0) | (lastWriteWasCommand ? ST_CMD : 0)
                | ST_UNLOCKED;
    }

    @Override
    void outb(int offset, int v) {
        if (offset == 4) {
            lastWriteWasCommand = true;
            controllerCommand(v);
        } else if (offset == 0) {
            lastWriteWasCommand = false;
            dataWrite(v);
        }
        refill();
    }

    private void controllerCommand(int cmd) {
        pendingControllerCommand = 0;
        if (cmd >= 0x20 && cmd <= 0x3F) { reply(ram[cmd & 0x1F] & 0xFF); return; }
        if (cmd >= 0x60 && cmd <= 0x7F) { pendingControllerCommand = cmd; return; }
        if (cmd >= 0xF0) {
            if ((cmd & 1) == 0) control.requestReset(0x64, cmd); // pulse output port bit 0: CPU reset
            return;
        }
        switch (cmd) {
            case 0xA7 -> ram[0] |= CB_AUX_DISABLED;
            case 0xA8 -> ram[0] &= ~CB_AUX_DISABLED;
            case 0xA9 -> reply(0x00); // aux interface test passed
            case 0xAA -> { systemFlag = true; reply(0x55); }
            case 0xAB -> reply(0x00);
            case 0xAD -> ram[0] |= CB_KBD_DISABLED;
            case 0xAE -> ram[0] &= ~CB_KBD_DISABLED;
            case 0xC0 -> reply(0xBF); // input port: keyboard not inhibited, colour display
            case 0xD0 -> reply(outputPort & 0xCF | (outputFull && outputFromKeyboard ? 0x10 : 0));
            case 0xD1, 0xD2, 0xD3, 0xD4 -> pendingControllerCommand = cmd;
            case 0xDD -> setOutputPort(outputPort & ~0x02);
            case 0xDF -> setOutputPort(outputPort | 0x02);
            default -> { } // unknown controller commands are ignored
        }
    }

    private void dataWrite(int v) {
        int cmd = pendingControllerCommand;
        pendingControllerCommand = 0;
        if (cmd >= 0x60 && cmd <= 0x7F) {
            ram[cmd & 0x1F] = (byte) v;
            if (cmd == 0x60) {
                systemFlag = (v & ST_SYS) != 0;
                updateIrq();
            }
            return;
        }
        switch (cmd) {
            case 0xD1 -> setOutputPort(v);
            case 0xD2 -> keyboardReply(v);
            case 0xD3, 0xD4 -> { } // no aux device
            default -> {
                ram[0] &= ~CB_KBD_DISABLED; // sending to the keyboard enables its interface
                keyboardCommand(v);
            }
        }
    }

    private void setOutputPort(int v) {
        outputPort = v;
        // Every write drives the A20 line, as QEMU's i8042 does: port 0x92 drives the same line,
        // so the 8042's own last value says nothing about the gate's state.
        control.setA20((v & 0x02) != 0);
        if ((v & 0x01) == 0) control.requestReset(0x60, v); // bit 0 low holds the CPU in reset
    }

    /** Keyboard commands (data port writes); every one except echo is answered with ACK 0xFA. */
    private void keyboardCommand(int v) {
        int pending = pendingKeyboardCommand;
        pendingKeyboardCommand = 0;
        if (pending == 0xED) { leds = v & 7; keyboardReply(0xFA); return; }
        if (pending == 0xF3) { keyboardReply(0xFA); return; }
        if (pending == 0xF0) {
            keyboardReply(0xFA);
            if (v == 0) keyboardReply(translate(scancodeSet));
            else if (v >= 1 && v <= 3) scancodeSet = v;
            return;
        }
        switch (v) {
            case 0xED, 0xF0, 0xF3 -> { pendingKeyboardCommand = v; keyboardReply(0xFA); }
            case 0xEE -> keyboardReply(0xEE);
            case 0xF2 -> { keyboardReply(0xFA); keyboardReply(0xAB); keyboardReply(translating() ? 0x41 : 0x83); }
            case 0xF4 -> { scanning = true; keyboardReply(0xFA); }
            case 0xF5 -> { scanning = false; keyboardReply(0xFA); }
            case 0xF6 -> { scanning = true; keyboardReply(0xFA); }
            case 0xFF -> {
                keyboardBytes.clear();
                scanning = true;
                scancodeSet = 2;
                keyboardReply(0xFA);
                keyboardReply(0xAA); // basic assurance test passed
            }
            default -> keyboardReply(0xFE); // resend: unknown command
        }
    }

    private boolean translating() { return (commandByte() & CB_TRANSLATE) != 0; }

    /** The set number as it arrives through the 8042's set-2-to-set-1 translation. */
    private int translate(int set) {
        if (!translating()) return set;
        return switch (set) { case 1 -> 0x43; case 2 -> 0x41; default -> 0x3F; };
    }

    /**
     * Replies the guest provokes but never reads are dropped once this many bytes wait (the real
     * keyboard overruns at 16; this leaves room for queued host keystrokes): a guest writing
     * commands in a loop must not grow the queue without end (#18).
     */
    static final int GUEST_REPLY_LIMIT = 4096;

    private void keyboardReply(int v) { if (keyboardBytes.size() < GUEST_REPLY_LIMIT) keyboardBytes.add(v); }

    private void reply(int v) { if (controllerReplies.size() < GUEST_REPLY_LIMIT) controllerReplies.add(v); }

    /** Loads the output buffer when it is empty: controller replies first, then the keyboard. */
    private void refill() {
        if (!outputFull) {
            if (!controllerReplies.isEmpty()) {
                outputByte = controllerReplies.poll();
                outputFull = true;
                outputFromKeyboard = false;
            } else if (!keyboardBytes.isEmpty() && (commandByte() & CB_KBD_DISABLED) == 0) {
                outputByte = keyboardBytes.poll();
                outputFull = true;
                outputFromKeyboard = true;
            }
        }
        updateIrq();
    }

    private void updateIrq() {
        boolean level = outputFull && outputFromKeyboard && (commandByte() & CB_KBD_INT) != 0;
        if (level == irqLevel) return;
        irqLevel = level;
        irqSink.setIrq(IRQ, level);
    }

    // ---- monitor view ----------------------------------------------------------------------------

    public int commandByteValue() { return commandByte(); }

    public int ledState() { return leds; }

    public boolean a20() { return (outputPort & 0x02) != 0; }

    @Override
    public void attach(Board board) {
        board.ports(DATA_PORT, 1, this);
        board.ports(STATUS_PORT, 1, this);
    }
}
