package i386mon.machine.devices;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Key names as QEMU's {@code sendkey} spells them, mapped to scancode set 1 make codes (what the
 * 8042 delivers with translation on). Extended keys carry the 0xE0 prefix in bits 8-15. The break
 * code is the make code with bit 7 set.
 */
public final class ScancodeSet1 {
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        put("esc", 0x01);
        String digits = "1234567890";
        for (int i = 0; i < digits.length(); i++) put(String.valueOf(digits.charAt(i)), 0x02 + i);
        put("minus", 0x0C); put("equal", 0x0D); put("backspace", 0x0E); put("tab", 0x0F);
        row("qwertyuiop", 0x10);
        put("bracket_left", 0x1A); put("bracket_right", 0x1B); put("ret", 0x1C); put("ctrl", 0x1D);
        row("asdfghjkl", 0x1E);
        put("semicolon", 0x27); put("apostrophe", 0x28); put("grave_accent", 0x29);
        put("shift", 0x2A); put("backslash", 0x2B);
        row("zxcvbnm", 0x2C);
        put("comma", 0x33); put("dot", 0x34); put("slash", 0x35); put("shift_r", 0x36);
        put("asterisk", 0x37); put("kp_multiply", 0x37); put("alt", 0x38); put("spc", 0x39);
        put("caps_lock", 0x3A);
        for (int i = 1; i <= 10; i++) put("f" + i, 0x3A + i);
        put("num_lock", 0x45); put("scroll_lock", 0x46);
        put("kp_7", 0x47); put("kp_8", 0x48); put("kp_9", 0x49); put("kp_subtract", 0x4A);
        put("kp_4", 0x4B); put("kp_5", 0x4C); put("kp_6", 0x4D); put("kp_add", 0x4E);
        put("kp_1", 0x4F); put("kp_2", 0x50); put("kp_3", 0x51); put("kp_0", 0x52);
        put("kp_decimal", 0x53); put("less", 0x56); put("f11", 0x57); put("f12", 0x58);
        put("kp_enter", 0xE01C); put("ctrl_r", 0xE01D); put("kp_divide", 0xE035);
        put("print", 0xE037); put("sysrq", 0xE037); put("alt_r", 0xE038); put("altgr", 0xE038);
        put("home", 0xE047); put("up", 0xE048); put("pgup", 0xE049); put("left", 0xE04B);
        put("right", 0xE04D); put("end", 0xE04F); put("down", 0xE050); put("pgdn", 0xE051);
        put("insert", 0xE052); put("delete", 0xE053); put("meta_l", 0xE05B);
        put("meta_r", 0xE05C); put("menu", 0xE05D);
    }

    private ScancodeSet1() { }

    private static void put(String name, int code) { CODES.put(name, code); }

    private static void row(String keys, int first) {
        for (int i = 0; i < keys.length(); i++) put(String.valueOf(keys.charAt(i)), first + i);
    }

    /** The make code of {@code key} (0xE0xx for extended keys). */
    public static int makeCode(String key) {
        Integer c = CODES.get(key.toLowerCase(Locale.ROOT));
        if (c == null) throw new IllegalArgumentException("unknown key name: " + key);
        return c;
    }

    /** Appends the make (or break) bytes of {@code code} to {@code out} at {@code pos}; returns new pos. */
    static int bytes(int code, boolean release, int[] out, int pos) {
        if (code > 0xFF) out[pos++] = code >> 8;
        out[pos++] = (code & 0x7F) | (release ? 0x80 : 0);
        return pos;
    }

    /**
     * The bytes for a QEMU-style key combination such as {@code "ctrl-alt-delete"}: every key
     * pressed in order, then released in reverse order.
     */
    public static int[] combination(String combo) {
        if (combo == null || combo.isEmpty()) throw new IllegalArgumentException("empty key combination");
        String[] keys = combo.split("-", -1);
        int[] codes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) codes[i] = makeCode(keys[i]);
        int[] out = new int[keys.length * 4];
        int pos = 0;
        for (int code : codes) pos = bytes(code, false, out, pos);
        for (int i = codes.length - 1; i >= 0; i--) pos = bytes(codes[i], true, out, pos);
        return java.util.Arrays.copyOf(out, pos);
    }
}
