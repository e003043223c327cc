package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.clock.TimerSource;
import i386mon.machine.interrupts.IrqSink;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Motorola MC146818A-compatible CMOS RTC and NVRAM at 0x70 (index, bit 7 = NMI disable) and 0x71
 * (data). Wall time is {@code epochSeconds} plus virtual time, so runs are reproducible; the guest
 * may set it (status B SET bit, or writing the time registers). Status C flags are derived from
 * virtual time when looked at; IRQ8 follows IRQF (status C bit 7). Alarm matching looks only at
 * the current second, so an alarm second skipped over in one jump is not reported.
 */
public final class CmosRtc extends ByteIoDevice implements TimerSource, BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("cmos", "Show the 128 CMOS bytes and the RTC's date and time.");
    public static final int INDEX_PORT = 0x70;
    /** 2000-01-01 00:00:00 UTC. */
    public static final long DEFAULT_EPOCH_SECONDS = 946_684_800L;
    private static final int IRQ = 8;
    private static final long NS = PitTime.NANOS_PER_SECOND;
    /** UIP rises this long before each update (MC146818A datasheet, "Update cycle"). */
    private static final long UIP_NANOS = 244_000;

    private static final int SEC = 0x00, MIN = 0x02, HOUR = 0x04, WDAY = 0x06, MDAY = 0x07,
            MONTH = 0x08, YEAR = 0x09, REG_A = 0x0A, REG_B = 0x0B, REG_C = 0x0C, REG_D = 0x0D,
            CENTURY = 0x32;
    private static final int B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10, B_SQWE = 0x08, B_BINARY = 0x04,
            B_24H = 0x02;
    private static final int C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10;

    private final LongSupplier nanos;
    private final IrqSink irqSink;
    private final long epochSeconds;
    private final byte[] ram = new byte[128];
    private long offsetSeconds;
    private int index;
    private boolean nmiDisabled;
    private long lastNanos;
    private boolean irqLevel;

    public CmosRtc(LongSupplier nanos, IrqSink irqSink, long epochSeconds) {
        super(INDEX_PORT, 2);
        this.nanos = nanos;
        this.irqSink = irqSink;
        this.epochSeconds = epochSeconds;
        ram[REG_A] = 0x26; // 32.768 kHz time base, 1024 Hz periodic rate
        ram[REG_B] = B_24H;
        ram[REG_D] = (byte) 0x80; // valid RAM and time
    }

    /** Fills the memory-size bytes as a PC BIOS does (IBM AT Technical Reference, CMOS map). */
    public void setMemorySize(long ramBytes) {
        putWord(0x15, 640);
        long extKb = Math.max(0, (ramBytes - 0x100000) / 1024);
        putWord(0x17, (int) Math.min(0xFFFF, extKb));
        putWord(0x30, (int) Math.min(0xFFFF, extKb));
        long above16M = Math.max(0, (ramBytes - 0x1000000) / 0x10000);
        putWord(0x34, (int) Math.min(0xFFFF, above16M));
    }

    /**
     * Records the floppy drives as QEMU's pc_cmos_init_floppy does: drive types in register 0x10
     * (A: high nibble, B: low nibble; 4 = 1.44 MB, 5 = 2.88 MB, 0 = none) and, in the equipment
     * byte 0x14, bit 0 (drives present) and bit 6 (two drives).
     */
    public void setFloppyDrives(int typeA, int typeB) {
        ram[0x10] = (byte) (typeA << 4 | typeB);
        int n = (typeA != 0 ? 1 : 0) + (typeB != 0 ? 1 : 0);
        int equipment = ram[0x14] & ~0x41;
        ram[0x14] = (byte) (equipment | (n == 0 ? 0 : n == 1 ? 0x01 : 0x41));
    }

    /**
     * The bytes QEMU's pc machine sets besides the memory size (hw/i386/pc.c, pc_cmos_init): the
     * equipment byte 0x14 (FPU and PS/2 mouse present, no floppy), the CPU count less one at 0x5F
     * (SeaBIOS's CMOS_BIOS_SMP_COUNT) and the boot order 0x3D/0x38 for QEMU's default "cad"
     * (hard disk, floppy, CD-ROM; 2, 1, 3), with the floppy boot-signature check on.
     */
    public void setPlatformBytes(int cpus) {
        ram[0x14] = 0x02 | 0x04;
        ram[0x5F] = (byte) (cpus - 1);
        ram[0x3D] = 0x12;
        ram[0x38] = 0x30;
    }

    /** The boot devices CMOS holds: three nibbles (QEMU's PC_MAX_BOOT_DEVICES). */
    public static final int BOOT_DEVICES = 3;

    /** QEMU's boot_device2nibble: a and b the floppy (1), c the hard disk (2), d the CD-ROM (3), n the network (4), else 0. */
    public static int bootDeviceNibble(char drive) {
        return switch (drive) {
            case 'a', 'b' -> 1;
            case 'c' -> 2;
            case 'd' -> 3;
            case 'n' -> 4;
            default -> 0;
        };
    }

    /**
     * The boot order as QEMU's set_boot_dev stores it and SeaBIOS's boot_init reads it: the first
     * two devices in 0x3D (low, high nibble), the third in 0x38's high nibble, whose bit 0 stays 0
     * (the floppy boot-signature check on, QEMU's default).
     */
    public void setBootOrder(String order) {
        if (order.length() > BOOT_DEVICES) throw new IllegalArgumentException("too many boot devices for PC: " + order);
        int[] nibble = new int[BOOT_DEVICES];
        for (int i = 0; i < order.length(); i++) {
            nibble[i] = bootDeviceNibble(order.charAt(i));
            if (nibble[i] == 0) throw new IllegalArgumentException("invalid boot device for PC: '" + order.charAt(i) + "'");
        }
        ram[0x3D] = (byte) (nibble[1] << 4 | nibble[0]);
        ram[0x38] = (byte) (nibble[2] << 4 | ram[0x38] & 0x01);
    }

    private void putWord(int reg, int v) {
        ram[reg] = (byte) v;
        ram[reg + 1] = (byte) (v >> 8);
    }

    /** Reads a CMOS byte as the guest would see it now, without side effects (status C kept). */
    public int peek(int reg) {
        reg &= 0x7F;
        if (isTimeRegister(reg) && (ram[REG_B] & B_SET) == 0) return timeRegister(reg, nanos.getAsLong());
        return ram[reg] & 0xFF;
    }

    public boolean nmiDisabled() { return nmiDisabled; }

    // ---- ports --------------------------------------------------------------------------------

    @Override
    int inb(int offset) {
        if (offset == 0) return 0xFF; // the index register is write-only
        long now = nanos.getAsLong();
        advanceTo(now);
        int reg = index;
        int b = ram[REG_B];
        if (isTimeRegister(reg) && (b & B_SET) == 0) return timeRegister(reg, now);
        switch (reg) {
            case REG_A -> {
                boolean uip = (b & B_SET) == 0 && now % NS >= NS - UIP_NANOS;
                return ram[REG_A] & 0x7F | (uip ? 0x80 : 0);
            }
            case REG_C -> {
                int v = ram[REG_C] & 0xFF;
                ram[REG_C] = 0; // all flags clear on read
                updateIrq();
                return v;
            }
            default -> { return ram[reg] & 0xFF; }
        }
    }

    @Override
    void outb(int offset, int v) {
        if (offset == 0) {
            index = v & 0x7F;
            nmiDisabled = (v & 0x80) != 0;
            return;
        }
        long now = nanos.getAsLong();
        advanceTo(now);
        int reg = index;
        int b = ram[REG_B];
        if (isTimeRegister(reg)) {
            if ((b & B_SET) == 0) snapshotTime(now);
            ram[reg] = (byte) v;
            if ((b & B_SET) == 0) applyTime(now);
            return;
        }
        switch (reg) {
            case REG_A -> ram[REG_A] = (byte) (v & 0x7F);
            case REG_B -> {
                if ((v & B_SET) != 0 && (b & B_SET) == 0) snapshotTime(now);
                ram[REG_B] = (byte) ((v & B_SET) != 0 ? v & ~B_UIE : v); // SET clears UIE
                if ((v & B_SET) == 0 && (b & B_SET) != 0) applyTime(now);
                updateIrq();
            }
            case REG_C, REG_D -> { } // read-only
            default -> ram[reg] = (byte) v;
        }
    }

    private static boolean isTimeRegister(int reg) {
        return reg == SEC || reg == MIN || reg == HOUR || (reg >= WDAY && reg <= YEAR) || reg == CENTURY;
    }

    // ---- calendar -------------------------------------------------------------------------------

    private LocalDateTime dateTime(long now) {
        return LocalDateTime.ofEpochSecond(epochSeconds + offsetSeconds + now / NS, 0, ZoneOffset.UTC);
    }

    private int timeRegister(int reg, long now) {
        LocalDateTime t = dateTime(now);
        return switch (reg) {
            case SEC -> encode(t.getSecond());
            case MIN -> encode(t.getMinute());
            case HOUR -> encodeHour(t.getHour());
            case WDAY -> encode(t.getDayOfWeek().getValue() % 7 + 1); // 1 = Sunday
            case MDAY -> encode(t.getDayOfMonth());
            case MONTH -> encode(t.getMonthValue());
            case YEAR -> encode(t.getYear() % 100);
            default -> encode(t.getYear() / 100); // century
        };
    }

    private boolean binary() { return (ram[REG_B] & B_BINARY) != 0; }

    private int encode(int v) { return binary() ? v : (v / 10) << 4 | v % 10; }

    private int decode(int v) { return binary() ? v : (v >> 4) * 10 + (v & 0xF); }

    private int encodeHour(int h) {
        if ((ram[REG_B] & B_24H) != 0) return encode(h);
        int h12 = h % 12 == 0 ? 12 : h % 12;
        return encode(h12) | (h >= 12 ? 0x80 : 0);
    }

    private int decodeHour(int v) {
        if ((ram[REG_B] & B_24H) != 0) return decode(v);
        return decode(v & 0x7F) % 12 + ((v & 0x80) != 0 ? 12 : 0);
    }

    private void snapshotTime(long now) {
        for (int reg : new int[] { SEC, MIN, HOUR, WDAY, MDAY, MONTH, YEAR, CENTURY }) {
            ram[reg] = (byte) timeRegister(reg, now);
        }
    }

    /** Takes the time registers as the new wall time; an impossible date is ignored. */
    private void applyTime(long now) {
        try {
            LocalDateTime t = LocalDateTime.of(decode(ram[CENTURY] & 0xFF) * 100 + decode(ram[YEAR] & 0xFF),
                    decode(ram[MONTH] & 0xFF), decode(ram[MDAY] & 0xFF), decodeHour(ram[HOUR] & 0xFF),
                    decode(ram[MIN] & 0xFF), decode(ram[SEC] & 0xFF));
            offsetSeconds = t.toEpochSecond(ZoneOffset.UTC) - epochSeconds - now / NS;
        } catch (DateTimeException e) {
            // The real chip would count on from nonsense; we keep the previous time instead.
        }
    }

    // ---- interrupts -----------------------------------------------------------------------------

    /** Periodic interrupt frequency from status A's rate bits, 0 if off (MC146818A table 5). */
    private long periodicHz() {
        int rate = ram[REG_A] & 0x0F;
        if (rate == 0 || (ram[REG_A] >> 4 & 7) != 2) return 0;
        if (rate <= 2) rate += 7; // rates 1 and 2 repeat 8 and 9 (256 and 128 Hz) at 32.768 kHz
        return 32768 >> (rate - 1);
    }

    @Override
    public long nextEventNanos() {
        int b = ram[REG_B];
        long next = Long.MAX_VALUE;
        long hz = periodicHz();
        if ((b & B_PIE) != 0 && hz != 0) {
            next = PitTime.nanosAtTick(PitTime.ticksAt(lastNanos, hz) + 1, hz);
        }
        if ((b & (B_UIE | B_AIE)) != 0 && (b & B_SET) == 0) next = Math.min(next, (lastNanos / NS + 1) * NS);
        return next;
    }

    @Override
    public void advanceTo(long now) {
        if (now <= lastNanos) return;
        int flags = 0;
        long hz = periodicHz();
        if (hz != 0 && PitTime.ticksAt(now, hz) > PitTime.ticksAt(lastNanos, hz)) flags |= C_PF;
        if ((ram[REG_B] & B_SET) == 0 && now / NS > lastNanos / NS) {
            flags |= C_UF;
            if (alarmMatches(now)) flags |= C_AF;
        }
        lastNanos = now;
        ram[REG_C] |= (byte) flags;
        updateIrq();
    }

    private boolean alarmMatches(long now) {
        return alarmField(0x01, SEC, now) && alarmField(0x03, MIN, now) && alarmField(0x05, HOUR, now);
    }

    private boolean alarmField(int alarmReg, int timeReg, long now) {
        int a = ram[alarmReg] & 0xFF;
        return (a & 0xC0) == 0xC0 || a == timeRegister(timeReg, now); // 0xC0-0xFF: don't care
    }

    /**
     * A system reset (QEMU's rtc_reset): the periodic and alarm interrupt enables and square wave
     * output off, the interrupt flags clear, the IRQ low; the clock and the CMOS RAM (NVRAM) stay.
     */
    void systemReset() {
        ram[REG_B] &= (byte) ~(B_PIE | B_AIE | B_SQWE);
        ram[REG_C] &= (byte) ~(C_IRQF | C_PF | C_AF | C_UF);
        updateIrq();
    }

    private void updateIrq() {
        int c = ram[REG_C] & 0x70;
        int enabled = ram[REG_B] & (B_PIE | B_AIE | B_UIE);
        boolean irqf = (c & enabled) != 0;
        if (irqf) ram[REG_C] |= (byte) C_IRQF;
        if (irqf != irqLevel) {
            irqLevel = irqf;
            irqSink.setIrq(IRQ, irqf);
        }
    }

    @Override
    public void attach(Board board) {
        board.ports(INDEX_PORT, 2, this);
        board.timer(this);
        board.view(VIEW, this::report);
    }

    /** 16 bytes a line, then the clock's date and time (register B: binary or BCD, 24 or 12 hour). */
    private void report(Report r) {
        int[] v = new int[128];
        for (int i = 0; i < 128; i++) v[i] = peek(i);
        for (int row = 0; row < 128; row += 16) {
            StringBuilder b = new StringBuilder(String.format("%02x:", row));
            List<Integer> bytes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                b.append(String.format(" %02x", v[row + i]));
                bytes.add(v[row + i]);
            }
            r.line(b.toString()).field("offset", row).field("bytes", bytes);
        }
        boolean binary = (v[0x0B] & 0x04) != 0, h24 = (v[0x0B] & 0x02) != 0;
        int hourByte = v[4];
        boolean pm = !h24 && (hourByte & 0x80) != 0;
        int hour = number(hourByte & 0x7F, binary);
        if (!h24) hour = hour % 12 + (pm ? 12 : 0);
        int year = number(v[0x32], binary) * 100 + number(v[9], binary);
        int month = number(v[8], binary), day = number(v[7], binary), minute = number(v[2], binary), second = number(v[0], binary);
        r.line(String.format("RTC: %02d%02d-%02d-%02d %02d:%02d:%02d (%s, %s)", number(v[0x32], binary), number(v[9], binary),
                month, day, hour, minute, second, binary ? "binary" : "BCD", h24 ? "24-hour" : "12-hour"))
                .field("year", year).field("month", month).field("day", day).field("hour", hour).field("minute", minute)
                .field("second", second).field("binary", binary).field("24_hour", h24);
    }

    private static int number(int v, boolean binary) {
        return binary ? v : (v >>> 4) * 10 + (v & 0x0F);
    }
}
