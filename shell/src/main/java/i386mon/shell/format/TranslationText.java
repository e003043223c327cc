package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.Step;
import i386mon.machine.mmu.Walk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code translate}: a page walk as text, one line per entry, and as JSON. */
public final class TranslationText {
    private TranslationText() { }

    /**
     * A walk as {@code translate} shows it: {@code paging} false means CR0.PG was clear and no walk
     * happened (physical = linear); {@code cr3} is the root walked.
     */
    public record View(Walk walk, boolean paging, long cr3, boolean pae) {
        /** The walk {@code target} does for {@code linear} under {@code cr3} (null: the current one). */
        public static View of(DebugTarget target, int linear, Integer cr3, i386mon.machine.mmu.Access access, boolean user) {
            boolean paging = cr3 != null || (target.cr0() & 0x8000_0000) != 0;
            int root = cr3 == null ? target.cr3() : cr3;
            return new View(target.walk(linear, cr3, access, user), paging, root & 0xFFFF_FFFFL, (target.cr4() & 0x20) != 0);
        }

        String access() { return walk.access().name().toLowerCase(Locale.ROOT); }
    }

    public static List<String> lines(View v) {
        Walk w = v.walk();
        List<String> out = new ArrayList<>();
        String who = w.user() ? "user" : "supervisor";
        if (!v.paging()) {
            out.add(String.format("%s 0x%08x (%s): paging is off (CR0.PG=0), physical = linear = 0x%08x", v.access(), w.linear(), who, w.linear()));
            return out;
        }
        out.add(String.format("%s 0x%08x (%s) under CR3=0x%08x", v.access(), w.linear(), who, v.cr3()));
        for (Step e : w.steps()) {
            out.add(String.format("  %-5s 0x%03x at 0x%08x = 0x%0" + (v.pae() ? 16 : 8) + "x  %s%s", e.level(), e.index(), e.entryAddress(),
                    e.value(), String.join(", ", flagWords(e)), e.fromRegister() ? " (PDPTE register)" : ""));
        }
        if (w.ok()) {
            out.add(String.format("  -> physical 0x%08x (%s page, %s, %s%s)", w.physical(), size(w.pageSize()),
                    w.userAllowed() ? "user" : "supervisor only", w.writable() ? "writable" : "read-only", w.global() ? ", global" : ""));
        } else {
            int e = w.errorCode();
            out.add(String.format("  -> page fault: %s; error code 0x%x (%s)", w.reason(), e, String.join(", ", errorWords(e))));
        }
        return out;
    }

    public static Map<String, Object> json(View v) {
        Walk w = v.walk();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("linear", w.linear() & 0xFFFF_FFFFL);
        m.put("access", v.access());
        m.put("user", w.user());
        m.put("paging", v.paging());
        if (v.paging()) {
            m.put("cr3", v.cr3());
            m.put("pae", v.pae());
        }
        List<Object> entries = new ArrayList<>();
        for (Step e : w.steps()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("level", e.level().name());
            em.put("index", e.index());
            em.put("address", e.entryAddress());
            em.put("value", e.value());
            em.put("flags", flagWords(e));
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
            m.put("fault", w.reason());
            m.put("errorCode", w.errorCode());
            m.put("errorBits", errorWords(w.errorCode()));
        }
        return m;
    }

    /** An entry's bits in words: "present", "writable"/"read-only", "user"/"supervisor", ... */
    static List<String> flagWords(Step s) {
        List<String> b = new ArrayList<>();
        if (!s.present()) {
            b.add("not present");
            return b;
        }
        b.add("present");
        boolean leaf = s.level() == Level.PTE || s.pageSize();
        if (s.level() != Level.PDPTE) {
            b.add(s.writable() ? "writable" : "read-only");
            b.add(s.user() ? "user" : "supervisor");
            if (s.accessed()) b.add("accessed");
            if (s.dirty() && leaf) b.add("dirty");
            if (s.pageSize()) b.add("large page");
            if (s.global() && leaf) b.add("global");
        }
        if (s.pwt()) b.add("write-through");
        if (s.pcd()) b.add("cache disabled");
        if (s.executeDisable()) b.add("execute-disable");
        return b;
    }

    static List<String> errorWords(int e) {
        List<String> words = new ArrayList<>();
        words.add((e & Walk.ERR_P) != 0 ? "protection violation" : "not present");
        words.add((e & Walk.ERR_WR) != 0 ? "write" : "read");
        words.add((e & Walk.ERR_US) != 0 ? "user" : "supervisor");
        if ((e & Walk.ERR_RSVD) != 0) words.add("reserved bit set");
        if ((e & Walk.ERR_ID) != 0) words.add("instruction fetch");
        return words;
    }

    private static String size(int pageSize) {
        return pageSize >= 1 << 20 ? (pageSize >>> 20) + "M" : (pageSize >>> 10) + "K";
    }
}
