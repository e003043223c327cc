package i386mon.shell.format;

import i386mon.shell.guest.Devices;
import java.util.ArrayList;
import java.util.List;

/** Text of the device views (info pic, irq, pit, serial, vga, cmos). */
public final class DeviceText {
    private static final String[] PIT_MODES = {"interrupt on terminal count", "hardware retriggerable one-shot",
        "rate generator", "square wave generator", "software triggered strobe", "hardware triggered strobe"};
    private static final long PIT_HZ = 1_193_182;
    /** VGA colour index (blue, green, cyan, red, ...) to ANSI colour index (red, green, yellow, blue, ...). */
    private static final int[] VGA_TO_ANSI = {0, 4, 2, 6, 1, 5, 3, 7};

    private DeviceText() { }

    /**
     * QEMU 7.2's line per chip, the slave (pic1) first as QEMU lists them. elcr is 00: the PIIX
     * edge/level control registers (ports 0x4D0/0x4D1) are not modelled, so every line is
     * edge-triggered unless ICW1 says level. (QEMU's PC also has an IOAPIC, listed before these
     * lines; this machine has none.)
     */
    public static List<String> pic(Devices d) {
        List<String> out = new ArrayList<>();
        for (int chip = 1; chip >= 0; chip--) {
            Devices.PicState p = d.pic(chip);
            out.add(String.format("pic%d: irr=%02x imr=%02x isr=%02x hprio=%d irq_base=%02x rr_sel=%d elcr=%02x fnm=%d",
                    chip, p.irr(), p.imr(), p.isr(), p.highestPriority(), p.vectorBase(), p.readsIsr() ? 1 : 0,
                    0, p.specialFullyNested() ? 1 : 0));
        }
        return out;
    }

    /** QEMU's IRQ statistics format ("%2d: %d" for each line raised at least once). */
    public static List<String> irq(Devices d) {
        List<String> out = new ArrayList<>();
        out.add("IRQ statistics for isa-i8259:");
        for (int i = 0; i < 16; i++) {
            long n = d.irqCount(i);
            if (n > 0) out.add(String.format("%2d: %d", i, n));
        }
        return out;
    }

    public static List<String> pit(Devices d) {
        List<String> out = new ArrayList<>();
        for (int ch = 0; ch < 3; ch++) {
            Devices.PitChannel c = d.pit(ch);
            if (c.initialCount() == 0) {
                out.add(String.format("channel %d: mode %d (%s), not programmed, out %d", ch, c.mode(), PIT_MODES[c.mode() % 6], c.out() ? 1 : 0));
                continue;
            }
            String rate = c.mode() == 2 || c.mode() == 3
                    ? String.format(", %d.%02d Hz", PIT_HZ / c.initialCount(), PIT_HZ * 100 / c.initialCount() % 100) : "";
            out.add(String.format("channel %d: mode %d (%s), count %d of %d%s, out %d", ch, c.mode(), PIT_MODES[c.mode() % 6],
                    c.count(), c.initialCount(), rate, c.out() ? 1 : 0));
        }
        return out;
    }

    public static List<String> serial(Devices d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Devices.SerialPort s = d.serial(i);
            int lcr = s.lineControl();
            int bits = 5 + (lcr & 3);
            char parity = (lcr & 0x08) == 0 ? 'N' : (lcr & 0x20) != 0 ? ((lcr & 0x10) != 0 ? 'S' : 'M') : (lcr & 0x10) != 0 ? 'E' : 'O';
            String stop = (lcr & 0x04) == 0 ? "1" : bits == 5 ? "1.5" : "2";
            String baud = s.divisor() == 0 ? "divisor 0" : String.format("%d baud", 115_200 / s.divisor());
            out.add(String.format("COM%d (0x%03x, IRQ %d): %s %d%c%s, FIFO %s, %d byte%s waiting", i + 1, s.port(), s.irq(), baud, bits,
                    parity, stop, s.fifoEnabled() ? "on" : "off", s.receivedWaiting(), s.receivedWaiting() == 1 ? "" : "s"));
            out.add(String.format("  IER=%02x LCR=%02x MCR=%02x LSR=%02x MSR=%02x SCR=%02x%s", s.interruptEnable(), lcr,
                    s.modemControl(), s.lineStatus(), s.modemStatus(), s.scratch(), (s.modemControl() & 0x10) != 0 ? " loopback" : ""));
        }
        return out;
    }

    /** The 25 rows, trailing blanks removed; with {@code colour}, each cell's attribute as ANSI SGR colours. */
    public static List<String> vga(Devices d, boolean colour) {
        List<String> rows = d.vgaText();
        List<String> out = new ArrayList<>();
        short[] cells = colour ? d.vgaCells() : null;
        for (int r = 0; r < rows.size(); r++) {
            String text = rows.get(r);
            if (!colour) {
                out.add(text.stripTrailing());
                continue;
            }
            StringBuilder b = new StringBuilder();
            int last = -1;
            for (int c = 0; c < text.length(); c++) {
                int attr = (cells[r * 80 + c] >>> 8) & 0xFF;
                if (attr != last) {
                    int fg = attr & 0x0F, bg = (attr >>> 4) & 0x07;
                    b.append(String.format("\u001b[%d;%dm", (fg >= 8 ? 90 : 30) + VGA_TO_ANSI[fg & 7], 40 + VGA_TO_ANSI[bg]));
                    last = attr;
                }
                b.append(text.charAt(c));
            }
            out.add(b.append("\u001b[0m").toString());
        }
        int[] cursor = d.vgaCursor();
        out.add(cursor == null ? "cursor: hidden" : String.format("cursor: row %d, column %d", cursor[0], cursor[1]));
        return out;
    }

    /** 16 bytes a line, then the clock's date and time (register B: binary or BCD, 24 or 12 hour). */
    public static List<String> cmos(Devices d) {
        List<String> out = new ArrayList<>();
        int[] v = new int[128];
        for (int i = 0; i < 128; i++) v[i] = d.cmos(i);
        for (int row = 0; row < 128; row += 16) {
            StringBuilder b = new StringBuilder(String.format("%02x:", row));
            for (int i = 0; i < 16; i++) b.append(String.format(" %02x", v[row + i]));
            out.add(b.toString());
        }
        boolean binary = (v[0x0B] & 0x04) != 0, h24 = (v[0x0B] & 0x02) != 0;
        int hourByte = v[4];
        boolean pm = !h24 && (hourByte & 0x80) != 0;
        int hour = num(hourByte & 0x7F, binary);
        if (!h24) hour = hour % 12 + (pm ? 12 : 0);
        out.add(String.format("RTC: %02d%02d-%02d-%02d %02d:%02d:%02d (%s, %s)", num(v[0x32], binary), num(v[9], binary),
                num(v[8], binary), num(v[7], binary), hour, num(v[2], binary), num(v[0], binary),
                binary ? "binary" : "BCD", h24 ? "24-hour" : "12-hour"));
        return out;
    }

    private static int num(int v, boolean binary) {
        return binary ? v : (v >>> 4) * 10 + (v & 0x0F);
    }
}
