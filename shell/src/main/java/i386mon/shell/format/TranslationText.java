package i386mon.shell.format;

import i386mon.shell.guest.WalkView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code translate}: a page walk as text, one line per entry, and as JSON. */
public final class TranslationText {
    private TranslationText() { }

    public static List<String> lines(WalkView w) {
        List<String> out = new ArrayList<>();
        String who = w.user() ? "user" : "supervisor";
        if (!w.paging()) {
            out.add(String.format("%s 0x%08x (%s): paging is off (CR0.PG=0), physical = linear = 0x%08x", w.access(), w.linear(), who, w.linear()));
            return out;
        }
        out.add(String.format("%s 0x%08x (%s) under CR3=0x%08x", w.access(), w.linear(), who, w.cr3()));
        for (WalkView.Entry e : w.entries()) {
            out.add(String.format("  %-5s 0x%03x at 0x%08x = 0x%0" + (w.pae() ? 16 : 8) + "x  %s%s", e.level(), e.index(), e.address(),
                    e.value(), String.join(", ", e.flags()), e.fromRegister() ? " (PDPTE register)" : ""));
        }
        if (w.ok()) {
            out.add(String.format("  -> physical 0x%08x (%s page, %s, %s%s)", w.physical(), size(w.pageSize()),
                    w.userAllowed() ? "user" : "supervisor only", w.writable() ? "writable" : "read-only", w.global() ? ", global" : ""));
        } else {
            int e = w.errorCode();
            out.add(String.format("  -> page fault: %s; error code 0x%x (%s)", w.fault(), e, String.join(", ", errorWords(e))));
        }
        return out;
    }

    public static Map<String, Object> json(WalkView w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("linear", w.linear() & 0xFFFF_FFFFL);
        m.put("access", w.access());
        m.put("user", w.user());
        m.put("paging", w.paging());
        if (w.paging()) {
            m.put("cr3", w.cr3());
            m.put("pae", w.pae());
        }
        List<Object> entries = new ArrayList<>();
        for (WalkView.Entry e : w.entries()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("level", e.level());
            em.put("index", e.index());
            em.put("address", e.address());
            em.put("value", e.value());
            em.put("flags", e.flags());
            entries.add(em);
        }
        m.put("entries", entries);
        m.put("ok", w.ok());
        if (w.ok()) {
            m.put("physical", w.physical());
            m.put("pageSize", w.pageSize());
            m.put("userAllowed", w.userAllowed());
            m.put("writable", w.writable());
        } else {
            m.put("fault", w.fault());
            m.put("errorCode", w.errorCode());
            m.put("errorBits", errorWords(w.errorCode()));
        }
        return m;
    }

    static List<String> errorWords(int e) {
        List<String> words = new ArrayList<>();
        words.add((e & WalkView.ERR_P) != 0 ? "protection violation" : "not present");
        words.add((e & WalkView.ERR_WR) != 0 ? "write" : "read");
        words.add((e & WalkView.ERR_US) != 0 ? "user" : "supervisor");
        if ((e & WalkView.ERR_RSVD) != 0) words.add("reserved bit set");
        if ((e & WalkView.ERR_ID) != 0) words.add("instruction fetch");
        return words;
    }

    private static String size(int pageSize) {
        return pageSize >= 1 << 20 ? (pageSize >>> 20) + "M" : (pageSize >>> 10) + "K";
    }
}
