package i386mon.machine.boot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Names for guest addresses, from a kernel's (and its modules') ELF symbol tables: the monitor shows
 * {@code kernel_main+0x1c} for an address and accepts {@code kernel_main} where an address is wanted.
 * Addresses are the symbol values, i.e. the addresses the code runs at (virtual for a higher-half kernel).
 */
public final class SymbolTable {
    /** How far past a symbol of unknown size an address may still be described by it. */
    static final long UNSIZED_REACH = 0x10000;

    public enum Kind { FUNCTION, OBJECT, LABEL }

    /** One symbol; {@code size} 0 means unknown. {@code global} symbols win name clashes with locals. */
    public record Symbol(String name, long address, long size, Kind kind, boolean global) {
        public Symbol {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("symbol name is empty");
            address &= 0xFFFF_FFFFL;
        }

        boolean contains(long addr) { return addr >= address && addr - address < size; }
    }

    private final Map<String, Symbol> byName = new HashMap<>();
    private final TreeMap<Long, List<Symbol>> byAddress = new TreeMap<>();
    private final TreeSet<String> sortedNames = new TreeSet<>();

    /** The FUNC, OBJECT and named NOTYPE symbols of {@code elf}'s .symtab; section, file and undefined ones are skipped. */
    public static SymbolTable fromElf(ElfFile elf) {
        SymbolTable table = new SymbolTable();
        for (ElfFile.ElfSymbol s : elf.symbols()) {
            if (s.name().isEmpty() || s.sectionIndex() == 0) continue; // unnamed or SHN_UNDEF
            Kind kind;
            switch (s.type()) {
                case ElfFile.STT_FUNC: kind = Kind.FUNCTION; break;
                case ElfFile.STT_OBJECT: kind = Kind.OBJECT; break;
                case ElfFile.STT_NOTYPE: kind = Kind.LABEL; break;
                default: continue; // STT_SECTION, STT_FILE, TLS, ...
            }
            Symbol sym = new Symbol(s.name(), s.value(), s.size(), kind, s.binding() != ElfFile.STB_LOCAL);
            // A local absolute symbol (SHN_ABS: an assembler's `.set FLAGS, 3`) is a constant, not a place:
            // usable by name, never the name shown for an address. A global one (a linker script's
            // `_start_phys = _start - 0xC0000000`) names a place.
            if (s.sectionIndex() == SHN_ABS && s.binding() == ElfFile.STB_LOCAL) table.addName(sym); else table.add(sym);
        }
        return table;
    }

    private static final int SHN_ABS = 0xFFF1;

    private void addName(Symbol s) {
        Symbol old = byName.get(s.name());
        if (old == null || (!old.global() && s.global())) byName.put(s.name(), s);
        sortedNames.add(s.name());
    }

    public void add(Symbol s) {
        addName(s);
        List<Symbol> at = byAddress.computeIfAbsent(s.address(), a -> new ArrayList<>(1));
        at.add(s);
        // Deterministic choice among aliases: functions first, then objects, then labels; sized first; by name.
        at.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind())
                : (a.size() == 0) != (b.size() == 0) ? (a.size() == 0 ? 1 : -1) : a.name().compareTo(b.name()));
    }

    public void add(String name, long address, long size, Kind kind) {
        add(new Symbol(name, address, size, kind, true));
    }

    /** Adds every symbol of {@code other}, unchanged. */
    public void addAll(SymbolTable other) {
        addAll(other, 0);
    }

    /** Adds every symbol of {@code other} moved by {@code offset} (e.g. a module's load address). */
    public void addAll(SymbolTable other, long offset) {
        for (List<Symbol> at : other.byAddress.values()) {
            for (Symbol s : at) add(new Symbol(s.name(), s.address() + offset, s.size(), s.kind(), s.global()));
        }
    }

    /** The address of {@code name} (a global definition is preferred over a local one of the same name). */
    public OptionalLong lookup(String name) {
        Symbol s = byName.get(name);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.address());
    }

    public Symbol symbol(String name) {
        return byName.get(name);
    }

    /**
     * {@code name} or {@code name+0xOFF} for the nearest symbol at or below {@code address} that
     * covers it: within its size when the size is known, within {@value #UNSIZED_REACH} bytes when not.
     * Null when no symbol covers the address.
     */
    public String describe(long address) {
        long addr = address & 0xFFFF_FFFFL;
        Map.Entry<Long, List<Symbol>> nearest = byAddress.floorEntry(addr);
        if (nearest == null) return null;
        for (Symbol s : nearest.getValue()) {
            if (s.size() > 0 ? s.contains(addr) : addr - s.address() < UNSIZED_REACH) return format(s, addr);
        }
        // The nearest symbol ends before addr; an enclosing sized symbol further down may still cover
        // it (a label inside a function). Look back a bounded number of entries.
        Map.Entry<Long, List<Symbol>> e = byAddress.lowerEntry(nearest.getKey());
        for (int steps = 0; e != null && steps < 16; steps++, e = byAddress.lowerEntry(e.getKey())) {
            for (Symbol s : e.getValue()) if (s.size() > 0 && s.contains(addr)) return format(s, addr);
        }
        return null;
    }

    private static String format(Symbol s, long addr) {
        long off = addr - s.address();
        return off == 0 ? s.name() : s.name() + "+0x" + Long.toHexString(off);
    }

    /** All names, sorted (for completion). */
    public List<String> names() {
        return List.copyOf(sortedNames);
    }

    /**
     * Names matching {@code pattern}, sorted: a glob ({@code *} any run, {@code ?} one character)
     * when it contains a wildcard, else every name starting with it (for completion).
     */
    public List<String> matching(String pattern) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            List<String> out = new ArrayList<>();
            for (String n : sortedNames.tailSet(pattern, true)) {
                if (!n.startsWith(pattern)) break;
                out.add(n);
            }
            return Collections.unmodifiableList(out);
        }
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("(?=[*?])|(?<=[*?])")) {
            if (part.equals("*")) re.append(".*");
            else if (part.equals("?")) re.append('.');
            else re.append(Pattern.quote(part));
        }
        Pattern p = Pattern.compile(re.toString());
        List<String> out = new ArrayList<>();
        for (String n : sortedNames) if (p.matcher(n).matches()) out.add(n);
        return Collections.unmodifiableList(out);
    }

    public int size() { return byName.size(); }

    public boolean isEmpty() { return byName.isEmpty(); }
}
