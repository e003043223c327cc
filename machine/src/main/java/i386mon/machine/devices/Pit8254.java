package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.clock.TimerSource;
import i386mon.machine.interrupts.IrqSink;
import java.util.function.LongSupplier;

/**
 * Intel 8254 programmable interval timer (datasheet 231164) at 0x40-0x43, clocked at 1.193182 MHz
 * derived exactly from virtual time. Channel 0's OUT drives IRQ0; channel 2's gate and OUT are
 * reached through port 0x61 ({@link SystemControlPortB}).
 *
 * <p>Counters are computed from the tick at which they were loaded rather than stepped, so any
 * virtual time can be read in O(1). As the datasheet says, a new count written while modes 2 and 3
 * are counting takes effect at the end of the current period. Simplifications: a count is loaded
 * on the CLK it is written (the datasheet loads it on the next one), and in mode 3 an odd count
 * reads as if it were stepped by two from the odd value.
 */
public final class Pit8254 extends ByteIoDevice implements TimerSource, BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("pit", "Show the 8254 PIT's channels: mode, programmed and current count, output.");
    private static final String[] MODE_NAMES = {"interrupt on terminal count", "hardware retriggerable one-shot",
        "rate generator", "square wave generator", "software triggered strobe", "hardware triggered strobe"};
    public static final long FREQUENCY_HZ = 1_193_182;
    public static final int FIRST_PORT = 0x40;
    private static final int IRQ = 0;

    private final Channel[] channels = { new Channel(), new Channel(), new Channel() };
    private final LongSupplier nanos;
    private final IrqSink irqSink;
    private long lastTick;
    private boolean irqLevel;

    /** {@code nanos} gives the current virtual time; channel 0's OUT goes to IRQ0 of {@code irqSink}. */
    public Pit8254(LongSupplier nanos, IrqSink irqSink) {
        super(FIRST_PORT, 4);
        this.nanos = nanos;
        this.irqSink = irqSink;
        channels[0].gate = true;
        channels[1].gate = true;
    }

    // ---- TimerSource --------------------------------------------------------------------------

    @Override
    public long nextEventNanos() {
        long t = channels[0].nextTransition(lastTick);
        return t == Long.MAX_VALUE ? Long.MAX_VALUE : PitTime.nanosAtTick(t, FREQUENCY_HZ);
    }

    @Override
    public void advanceTo(long nanosNow) {
        long tick = PitTime.ticksAt(nanosNow, FREQUENCY_HZ);
        if (tick < lastTick) return;
        Channel c0 = channels[0];
        boolean changed = c0.nextTransition(lastTick) <= tick;
        lastTick = tick;
        boolean out = c0.out(tick);
        if (out && (changed || !irqLevel)) {
            // A rising edge happened since the last look: present it to the PIC as an edge.
            if (irqLevel) irqSink.setIrq(IRQ, false);
            irqSink.setIrq(IRQ, true);
        } else if (!out && irqLevel) {
            irqSink.setIrq(IRQ, false);
        }
        irqLevel = out;
    }

    private long now() {
        long n = nanos.getAsLong();
        advanceTo(n);
        return PitTime.ticksAt(n, FREQUENCY_HZ);
    }

    // ---- ports --------------------------------------------------------------------------------

    @Override
    int inb(int offset) {
        if (offset == 3) return 0xFF; // the control register cannot be read
        return channels[offset].read(now());
    }

    @Override
    void outb(int offset, int v) {
        long tick = now();
        if (offset < 3) {
            channels[offset].write(v, tick);
        } else {
            int sc = v >> 6;
            if (sc == 3) {
                readBack(v, tick);
            } else if ((v & 0x30) == 0) {
                channels[sc].latchCount(tick);
            } else {
                channels[sc].control(v);
            }
        }
        refreshIrq(tick);
    }

    /** Read-back command (8254 only): bit 5 clear latches counts, bit 4 clear latches status. */
    private void readBack(int v, long tick) {
        for (int i = 0; i < 3; i++) {
            if ((v & (2 << i)) == 0) continue;
            if ((v & 0x20) == 0) channels[i].latchCount(tick);
            if ((v & 0x10) == 0) channels[i].latchStatus(tick);
        }
    }

    /** After reprogramming, channel 0's OUT may have changed level without a timed transition. */
    private void refreshIrq(long tick) {
        boolean out = channels[0].out(tick);
        if (out != irqLevel) {
            irqSink.setIrq(IRQ, out);
            irqLevel = out;
        }
    }

    // ---- gate 2 and monitor view ----------------------------------------------------------------

    /** Sets a channel's GATE input (channel 2's is port 0x61 bit 0; 0 and 1 are tied high). */
    public void setGate(int channel, boolean high) {
        Channel c = channel(channel);
        long tick = now();
        c.setGate(high, tick);
        refreshIrq(tick);
    }

    /** The OUT level of {@code channel} now. */
    public boolean out(int channel) { return channel(channel).out(now()); }

    /** The counting element of {@code channel} now, as the guest would read it (BCD if set). */
    public int count(int channel) { return channel(channel).countValue(now()); }

    public int mode(int channel) { return channel(channel).mode; }

    /** The programmed initial count (1-65536, or 1-10000 in BCD), 0 if none written. */
    public int initialCount(int channel) {
        Channel c = channel(channel);
        return c.armed ? c.n : 0;
    }

    private Channel channel(int channel) {
        if (channel < 0 || channel > 2) throw new IllegalArgumentException("PIT channel out of range 0-2: " + channel);
        return channels[channel];
    }

    /** PIT ticks completed by now (for port 0x61's refresh toggle). */
    long ticksNow() { return now(); }

    // ---- one counter -----------------------------------------------------------------------------

    private static final class Channel {
        int mode;
        int rw = 3;
        boolean bcd;
        int n = 0x10000;         // initial count, 0 already turned into the maximum
        boolean armed;           // a count has been written since the control word
        boolean triggered;       // modes 1 and 5: gate rising edge seen
        boolean gate;
        long loadTick;
        int pendingN;            // modes 2 and 3: count written while counting, loaded at pendingTick
        long pendingTick;
        long frozenElapsed;      // elapsed ticks at which counting stopped (gate low)
        boolean nullCount = true;
        boolean writeHigh;
        int lowByte;
        boolean readHigh;
        boolean countLatched;
        int latchedCount;
        boolean latchHigh;
        boolean statusLatched;
        int latchedStatus;

        int modulus() { return bcd ? 10000 : 0x10000; }

        boolean counting() { return armed && (mode != 1 && mode != 5 || triggered); }

        long elapsed(long tick) {
            boolean stopsOnGate = mode == 0 || mode == 4 || mode == 2 || mode == 3;
            return stopsOnGate && !gate ? frozenElapsed : tick - loadTick;
        }

        int period() { return Math.max(2, n); } // a count of 1 is illegal in modes 2 and 3

        void control(int v) {
            mode = (v >> 1) & 7;
            if (mode > 5) mode -= 4; // 6 and 7 are aliases of modes 2 and 3
            rw = (v >> 4) & 3;
            bcd = (v & 1) != 0;
            armed = false;
            triggered = false;
            pendingN = 0;
            nullCount = true;
            writeHigh = false;
            readHigh = false;
            countLatched = false;
            statusLatched = false;
        }

        void write(int v, long tick) {
            switch (rw) {
                case 1 -> load(v, tick);
                case 2 -> load(v << 8, tick);
                default -> {
                    if (!writeHigh) {
                        lowByte = v;
                        writeHigh = true;
                        if (mode == 0) armed = false; // first byte of a new count stops mode 0
                    } else {
                        writeHigh = false;
                        load(lowByte | v << 8, tick);
                    }
                }
            }
        }

        private void load(int raw, long tick) {
            int value = bcd ? fromBcd(raw) : raw;
            int count = value == 0 ? modulus() : value;
            if (armed && (mode == 2 || mode == 3) && gate) {
                // Datasheet modes 2/3: "the present period is not affected"; reload at its end.
                long p = period();
                pendingN = count;
                pendingTick = loadTick + ((tick - loadTick) / p + 1) * p;
                nullCount = true; // written but not yet in the counting element
                return;
            }
            n = count;
            pendingN = 0;
            armed = true;
            nullCount = false;
            loadTick = tick;
            frozenElapsed = 0;
        }

        /** Moves a deferred count into the counting element once its period boundary has passed. */
        void resolve(long tick) {
            if (pendingN != 0 && tick >= pendingTick) {
                n = pendingN;
                loadTick = pendingTick;
                pendingN = 0;
                nullCount = false;
            }
        }

        void setGate(boolean high, long tick) {
            resolve(tick);
            if (high == gate) return;
            if (high && pendingN != 0) { n = pendingN; pendingN = 0; nullCount = false; }
            if (!high) {
                frozenElapsed = tick - loadTick;
            } else if (mode == 0 || mode == 4) {
                loadTick = tick - frozenElapsed; // resumes where it stopped
            } else {
                loadTick = tick; // modes 1, 2, 3, 5: a rising gate (re)triggers the count
                triggered = true;
            }
            gate = high;
        }

        boolean out(long tick) {
            resolve(tick);
            if (!counting()) return mode != 0;
            long d = elapsed(tick);
            return switch (mode) {
                case 0, 1 -> d >= n;
                case 2 -> !gate || d % period() != period() - 1;
                case 3 -> !gate || d % period() < (period() + 1) / 2;
                default -> d != n; // modes 4 and 5: one CLK low at terminal count
            };
        }

        /** The first tick after {@code tick} at which OUT changes, or MAX_VALUE. */
        long nextTransition(long tick) {
            resolve(tick);
            if (!counting() || (!gate && mode != 1 && mode != 5)) return Long.MAX_VALUE;
            long d = tick - loadTick;
            switch (mode) {
                case 0, 1 -> {
                    return d < n ? loadTick + n : Long.MAX_VALUE;
                }
                case 2 -> {
                    long p = period();
                    long base = tick - d % p;
                    return d % p < p - 1 ? base + p - 1 : base + p;
                }
                case 3 -> {
                    long p = period();
                    long base = tick - d % p;
                    long half = (p + 1) / 2;
                    return d % p < half ? base + half : base + p;
                }
                default -> {
                    if (d < n) return loadTick + n;
                    if (d == n) return loadTick + n + 1;
                    return Long.MAX_VALUE;
                }
            }
        }

        /** The counting element in decimal/binary terms (not yet BCD-encoded). */
        int rawCount(long tick) {
            resolve(tick);
            if (!counting()) return armed ? n % modulus() : 0;
            long d = elapsed(tick);
            long c = switch (mode) {
                case 2 -> period() - d % period();
                case 3 -> period() - (2 * d) % period();
                default -> Math.floorMod(n - d, modulus());
            };
            return (int) (c % modulus());
        }

        int countValue(long tick) {
            int c = rawCount(tick);
            return bcd ? toBcd(c) : c;
        }

        void latchCount(long tick) {
            if (countLatched) return; // a second latch before reading is ignored
            countLatched = true;
            latchHigh = false;
            latchedCount = countValue(tick);
        }

        void latchStatus(long tick) {
            resolve(tick);
            if (statusLatched) return;
            statusLatched = true;
            latchedStatus = (out(tick) ? 0x80 : 0) | (nullCount ? 0x40 : 0) | rw << 4 | mode << 1
                    | (bcd ? 1 : 0);
        }

        int read(long tick) {
            if (statusLatched) {
                statusLatched = false;
                return latchedStatus;
            }
            if (countLatched) {
                int v = latchedCount;
                if (rw == 1) { countLatched = false; return v & 0xFF; }
                if (rw == 2) { countLatched = false; return v >> 8 & 0xFF; }
                if (!latchHigh) { latchHigh = true; return v & 0xFF; }
                countLatched = false;
                return v >> 8 & 0xFF;
            }
            int v = countValue(tick);
            if (rw == 1) return v & 0xFF;
            if (rw == 2) return v >> 8 & 0xFF;
            readHigh = !readHigh;
            return readHigh ? v & 0xFF : v >> 8 & 0xFF;
        }

        private static int fromBcd(int raw) {
            return (raw >> 12 & 0xF) * 1000 + (raw >> 8 & 0xF) * 100 + (raw >> 4 & 0xF) * 10 + (raw & 0xF);
        }

        private static int toBcd(int v) {
            return (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
        }
    }

    @Override
    public void attach(Board board) {
        board.ports(FIRST_PORT, 4, this);
        board.timer(this);
        board.view(VIEW, this::report);
    }

    /** Each channel's mode, counts and OUT; modes 2 and 3 with the rate they divide the clock to. */
    private void report(Report r) {
        for (int ch = 0; ch < 3; ch++) {
            int mode = mode(ch), initial = initialCount(ch);
            boolean out = out(ch);
            if (initial == 0) {
                r.line(String.format("channel %d: mode %d (%s), not programmed, out %d", ch, mode, MODE_NAMES[mode % 6], out ? 1 : 0))
                        .field("channel", ch).field("mode", mode).field("initial_count", 0).field("out", out);
                continue;
            }
            int count = count(ch);
            String rate = mode == 2 || mode == 3
                    ? String.format(", %d.%02d Hz", FREQUENCY_HZ / initial, FREQUENCY_HZ * 100 / initial % 100) : "";
            r.line(String.format("channel %d: mode %d (%s), count %d of %d%s, out %d", ch, mode, MODE_NAMES[mode % 6],
                    count, initial, rate, out ? 1 : 0))
                    .field("channel", ch).field("mode", mode).field("initial_count", initial).field("count", count).field("out", out);
        }
    }
}
