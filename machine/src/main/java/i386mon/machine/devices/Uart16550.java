package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.clock.TimerSource;
import i386mon.machine.interrupts.IrqSink;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * National Semiconductor PC16550D UART (datasheet, "Register descriptions"). Transmission is
 * instantaneous: a byte written to THR goes straight to the host's {@link SerialSink} (or, in
 * loopback, to the receiver) and THR/TSR are empty again, so THRE re-arms at once. Bytes from the
 * host wait in an unbounded host queue and enter the receiver FIFO as room appears, so host input
 * is never overrun; loopback bytes that find the FIFO full set the overrun error as on the chip.
 *
 * <p>The character timeout (IIR 0x0C) follows the datasheet: data below the FIFO trigger level,
 * and neither a character received nor one read for four character times at the programmed baud
 * rate and frame (1.8432 MHz crystal), measured in virtual time.
 *
 * <p>The IRQ line is the chip's INTR gated by MCR OUT2 (the PC's tri-state buffer); in loopback
 * the chip forces its OUT2 pin inactive, so no IRQ reaches the PIC.
 */
public final class Uart16550 extends ByteIoDevice implements TimerSource, BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("serial", "Show COM1 and COM2: baud rate, line format, FIFO and registers.");
    public static final int COM1_PORT = 0x3F8;
    public static final int COM1_IRQ = 4;
    public static final int COM2_PORT = 0x2F8;
    public static final int COM2_IRQ = 3;
    private static final int FIFO_SIZE = 16;
    private static final int[] TRIGGER_LEVELS = { 1, 4, 8, 14 };
    /** Modem status seen outside loopback: a terminal with DCD, DSR and CTS asserted. */
    private static final int HOST_MODEM_STATUS = 0xB0;

    private static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_BI = 0x10, LSR_THRE = 0x20,
            LSR_TEMT = 0x40, LSR_FIFO_ERROR = 0x80;

    /** The PC's UART crystal; the baud clock is this divided by 16 and the divisor. */
    private static final long CRYSTAL_HZ = 1_843_200;

    private final int irq;
    private final IrqSink irqSink;
    private final LongSupplier nanos;
    private long rxActivityNanos;
    private boolean timeoutSeen;
    private SerialSink sink;
    private final ArrayDeque<Byte> hostInput = new ArrayDeque<>();
    private final byte[] rxFifo = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private int rbr;
    private int ier;
    private int lcr;
    private int mcr;
    private int lsrErrors;
    private int msrDeltas;
    private int msrLines = HOST_MODEM_STATUS;
    private int scratch;
    private int dll = 0x0C; // the chip leaves DL undefined at reset; 12 (9600 baud) as QEMU
    private int dlm;
    private boolean fifoEnabled;
    private int triggerLevel = 1;
    private boolean thrInterrupt;
    private boolean irqLevel;

    /** {@code nanos} is the virtual time source used for the receiver's character timeout. */
    public Uart16550(int firstPort, int irq, IrqSink irqSink, SerialSink sink, LongSupplier nanos) {
        super(firstPort, 8);
        this.nanos = nanos;
        this.irq = irq;
        this.irqSink = irqSink;
        this.sink = sink;
    }

    public void setSink(SerialSink sink) { this.sink = sink; }

    public int irq() { return irq; }

    // ---- host side ----------------------------------------------------------------------------

    /** Queues bytes from the host for the guest to receive. */
    public void receive(byte[] data) {
        for (byte b : data) hostInput.add(b);
        refill();
        updateIrq();
    }

    /** Host bytes not yet taken into the receiver FIFO. */
    public int pendingHostInput() { return hostInput.size(); }

    // ---- ports --------------------------------------------------------------------------------

    private boolean dlab() { return (lcr & 0x80) != 0; }

    private boolean loopback() { return (mcr & 0x10) != 0; }

    @Override
    int inb(int offset) {
        int v;
        switch (offset) {
            case 0 -> v = dlab() ? dll : readRbr();
            case 1 -> v = dlab() ? dlm : ier;
            case 2 -> v = readIir();
            case 3 -> v = lcr;
            case 4 -> v = mcr;
            case 5 -> {
                v = lsr();
                lsrErrors = 0; // OE, PE, FE, BI clear on read (datasheet LSR)
            }
            case 6 -> {
                v = msr();
                msrDeltas = 0;
            }
            default -> v = scratch;
        }
        updateIrq();
        return v;
    }

    @Override
    void outb(int offset, int v) {
        switch (offset) {
            case 0 -> {
                if (dlab()) dll = v;
                else transmit(v);
            }
            case 1 -> {
                if (dlab()) {
                    dlm = v;
                } else {
                    // Enabling ETBEI while THR is empty raises the THRE interrupt at once.
                    if ((v & 0x02) != 0 && (ier & 0x02) == 0) thrInterrupt = true;
                    ier = v & 0x0F;
                }
            }
            case 2 -> writeFcr(v);
            case 3 -> lcr = v;
            case 4 -> writeMcr(v & 0x1F);
            case 5 -> { } // LSR is read-only (factory test writes ignored)
            case 6 -> { } // MSR writes ignored
            default -> scratch = v;
        }
        updateIrq();
    }

    private void transmit(int v) {
        thrInterrupt = false; // writing THR clears the THRE interrupt ...
        updateIrq();
        if (loopback()) {
            push((byte) v);
        } else {
            sink.write(v);
        }
        thrInterrupt = true;  // ... and the instantaneous transmitter empties it again
    }

    private int readRbr() {
        if (rxCount > 0) {
            rbr = rxFifo[rxHead] & 0xFF;
            rxHead = (rxHead + 1) % FIFO_SIZE;
            rxCount--;
            rxActivityNanos = nanos.getAsLong();
            timeoutSeen = false;
            refill();
        }
        return rbr;
    }

    private int readIir() {
        int id = pendingInterruptId();
        if (id == 0x02) thrInterrupt = false; // reading IIR while it shows THRE clears it
        return id | (fifoEnabled ? 0xC0 : 0);
    }

    /** IIR bits 3-0 by the datasheet's priority table; 0x01 = none pending. */
    private int pendingInterruptId() {
        if ((ier & 0x04) != 0 && (lsrErrors & 0x1E) != 0) return 0x06;
        if ((ier & 0x01) != 0 && rxCount > 0) {
            if (!fifoEnabled || rxCount >= triggerLevel) return 0x04;
            if (nanos.getAsLong() >= timeoutNanos()) return 0x0C;
        }
        if ((ier & 0x02) != 0 && thrInterrupt) return 0x02;
        if ((ier & 0x08) != 0 && msrDeltas != 0) return 0x00;
        return 0x01;
    }

    private void writeFcr(int v) {
        boolean enable = (v & 0x01) != 0;
        if (enable != fifoEnabled) {
            clearRx();
        }
        fifoEnabled = enable;
        if (enable) {
            if ((v & 0x02) != 0) clearRx();
            triggerLevel = TRIGGER_LEVELS[v >> 6 & 3];
        }
        refill();
    }

    private void clearRx() {
        rxHead = 0;
        rxCount = 0;
    }

    private void writeMcr(int v) {
        int before = msr() & 0xF0;
        mcr = v;
        msrLines = loopback() ? loopbackModemStatus() : HOST_MODEM_STATUS;
        int after = msr() & 0xF0;
        int changed = before ^ after;
        // Delta bits: DCTS, DDSR, DDCD on any change; TERI only when RI goes from on to off.
        msrDeltas |= (changed >> 4) & 0x0B;
        if ((before & 0x40) != 0 && (after & 0x40) == 0) msrDeltas |= 0x04;
    }

    /** In loopback, RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD (datasheet MCR bit 4). */
    private int loopbackModemStatus() {
        return ((mcr & 0x02) != 0 ? 0x10 : 0) | ((mcr & 0x01) != 0 ? 0x20 : 0)
                | ((mcr & 0x04) != 0 ? 0x40 : 0) | ((mcr & 0x08) != 0 ? 0x80 : 0);
    }

    private int lsr() {
        int v = LSR_THRE | LSR_TEMT | lsrErrors;
        if (rxCount > 0) v |= LSR_DR;
        if (fifoEnabled && (lsrErrors & (LSR_BI | 0x0C)) != 0) v |= LSR_FIFO_ERROR;
        return v;
    }

    private int msr() { return msrLines | msrDeltas; }

    /** Four character times after the last receive or read: start + data + parity + stop bits. */
    private long timeoutNanos() {
        int bits = 1 + 5 + (lcr & 3) + ((lcr & 0x08) != 0 ? 1 : 0) + ((lcr & 0x04) != 0 ? 2 : 1);
        long divisor = Math.max(1, divisor());
        long charNanos = bits * divisor * 16 * PitTime.NANOS_PER_SECOND / CRYSTAL_HZ;
        return rxActivityNanos + 4 * charNanos;
    }

    @Override
    public long nextEventNanos() {
        boolean waiting = fifoEnabled && (ier & 0x01) != 0 && rxCount > 0 && rxCount < triggerLevel;
        return waiting && !timeoutSeen ? timeoutNanos() : Long.MAX_VALUE;
    }

    @Override
    public void advanceTo(long nanosNow) {
        if (rxCount > 0 && nanosNow >= timeoutNanos()) timeoutSeen = true;
        updateIrq();
    }

    private int capacity() { return fifoEnabled ? FIFO_SIZE : 1; }

    private void push(byte b) {
        if (rxCount >= capacity()) {
            lsrErrors |= LSR_OE; // the new character is lost (FIFO) / overwrites RBR (16450 mode)
            if (!fifoEnabled) rxFifo[(rxHead + rxCount - 1) % FIFO_SIZE] = b;
            return;
        }
        rxFifo[(rxHead + rxCount) % FIFO_SIZE] = b;
        rxCount++;
        rxActivityNanos = nanos.getAsLong();
        timeoutSeen = false;
    }

    private void refill() {
        while (rxCount < capacity() && !hostInput.isEmpty()) push(hostInput.poll());
    }

    private void updateIrq() {
        boolean level = pendingInterruptId() != 0x01 && (mcr & 0x08) != 0 && !loopback();
        if (level != irqLevel) {
            irqLevel = level;
            irqSink.setIrq(irq, level);
        }
    }

    // ---- monitor view -----------------------------------------------------------------------

    /** The divisor latch; baud = 115200 / divisor. */
    public int divisor() { return dlm << 8 | dll; }

    public int lineControl() { return lcr; }

    public int modemControl() { return mcr; }

    public int interruptEnable() { return ier; }

    /** The line status register as a read would return it, without the read's side effects (clearing errors). */
    public int lineStatus() { return lsr(); }

    /** The modem status register, without clearing its delta bits as a read would. */
    public int modemStatus() { return msr(); }

    public int scratch() { return scratch; }

    public boolean fifoEnabled() { return fifoEnabled; }

    /** Received bytes waiting in the receiver (FIFO or holding register). */
    public int receivedWaiting() { return rxCount; }

    @Override
    public void attach(Board board) {
        board.ports(firstPort(), 8, this);
        board.timer(this);
        board.view(VIEW, this::report);
    }

    /** The BIOS name of the standard port bases (COM1-COM4). */
    private String name() {
        switch (firstPort()) {
            case COM1_PORT: return "COM1";
            case COM2_PORT: return "COM2";
            case 0x3E8: return "COM3";
            case 0x2E8: return "COM4";
            default: return String.format("UART 0x%03x", firstPort());
        }
    }

    /** The line format as a terminal program names it (38400 baud 8N1), then the registers. */
    private void report(Report r) {
        int lcr = lineControl(), divisor = divisor(), waiting = receivedWaiting();
        int bits = 5 + (lcr & 3);
        char parity = (lcr & 0x08) == 0 ? 'N' : (lcr & 0x20) != 0 ? ((lcr & 0x10) != 0 ? 'S' : 'M') : (lcr & 0x10) != 0 ? 'E' : 'O';
        String stop = (lcr & 0x04) == 0 ? "1" : bits == 5 ? "1.5" : "2";
        String baud = divisor == 0 ? "divisor 0" : String.format("%d baud", 115_200 / divisor);
        r.line(String.format("%s (0x%03x, IRQ %d): %s %d%c%s, FIFO %s, %d byte%s waiting", name(), firstPort(), irq, baud, bits,
                parity, stop, fifoEnabled ? "on" : "off", waiting, waiting == 1 ? "" : "s"))
                .field("name", name()).field("port", firstPort()).field("irq", irq).field("divisor", divisor)
                .field("data_bits", bits).field("parity", String.valueOf(parity)).field("stop_bits", stop)
                .field("fifo", fifoEnabled).field("waiting", waiting);
        int mcr = modemControl();
        r.line(String.format("  IER=%02x LCR=%02x MCR=%02x LSR=%02x MSR=%02x SCR=%02x%s", interruptEnable(), lcr,
                mcr, lineStatus(), modemStatus(), scratch(), (mcr & 0x10) != 0 ? " loopback" : ""))
                .field("ier", interruptEnable()).field("lcr", lcr).field("mcr", mcr).field("lsr", lineStatus())
                .field("msr", modemStatus()).field("scr", scratch()).field("loopback", (mcr & 0x10) != 0);
    }
}
