package i386mon.machine.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Places a snippet's relocatable object (from {@code as --32}) at an origin as {@code ld -Ttext}
 * would, for the simple objects the tests assemble: code in .text only, REL relocations of the
 * i386 absolute and PC-relative kinds against .text or absolute symbols. Saves starting ld for
 * each of the thousand snippets; anything else (other sections with contents, undefined symbols,
 * other relocation kinds, a value that does not fit) is left to ld: the result is then empty.
 */
final class ObjectLinker {
    private static final int SHT_SYMTAB = 2, SHT_RELA = 4, SHT_NOBITS = 8, SHT_REL = 9, SHF_ALLOC = 2;
    private static final int STT_SECTION = 3, STT_FILE = 4, SHN_UNDEF = 0, SHN_ABS = 0xFFF1;
    private static final int R_386_32 = 1, R_386_PC32 = 2, R_386_16 = 20, R_386_PC16 = 21, R_386_8 = 22, R_386_PC8 = 23;

    private ObjectLinker() { }

    static Optional<AsmImage> link(byte[] object, int origin) {
        ByteBuffer b = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(0x20), shentsize = b.getShort(0x2E) & 0xFFFF, shnum = b.getShort(0x30) & 0xFFFF;
        int names = b.getInt(shoff + (b.getShort(0x32) & 0xFFFF) * shentsize + 16);
        int text = -1, symtab = -1;
        for (int k = 1; k < shnum; k++) {
            int h = shoff + k * shentsize;
            if (".text".equals(cString(object, names + b.getInt(h)))) text = k;
            else if (b.getInt(h + 4) == SHT_SYMTAB) symtab = k;
        }
        if (text < 0 || symtab < 0) return Optional.empty();
        int th = shoff + text * shentsize;
        byte[] code = Arrays.copyOfRange(object, b.getInt(th + 16), b.getInt(th + 16) + b.getInt(th + 20));
        ByteBuffer c = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        int sh = shoff + symtab * shentsize, symbols = b.getInt(sh + 16), symbolCount = b.getInt(sh + 20) / 16;
        int strings = b.getInt(shoff + b.getInt(sh + 24) * shentsize + 16);
        for (int k = 1; k < shnum; k++) {
            if (k == text) continue;
            int h = shoff + k * shentsize, type = b.getInt(h + 4), size = b.getInt(h + 20);
            boolean loaded = (b.getInt(h + 8) & SHF_ALLOC) != 0 && type != SHT_NOBITS;
            if (loaded && size > 0 || type == SHT_RELA) return Optional.empty();
            if (type != SHT_REL || size == 0) continue;
            if (b.getInt(h + 28) != text) return Optional.empty();
            for (int r = b.getInt(h + 16); r < b.getInt(h + 16) + size; r += 8) {
                int offset = b.getInt(r), info = b.getInt(r + 4), kind = info & 0xFF, sym = info >>> 8;
                if (sym >= symbolCount) return Optional.empty();
                Long s = sym == 0 ? Long.valueOf(0) : value(b, symbols + 16 * sym, text, origin);
                if (s == null) return Optional.empty();
                long p = (origin & 0xFFFFFFFFL) + offset;
                switch (kind) {
                    case R_386_32 -> c.putInt(offset, (int) (s + c.getInt(offset)));
                    case R_386_PC32 -> c.putInt(offset, (int) (s + c.getInt(offset) - p));
                    case R_386_16, R_386_PC16 -> {
                        long v = s + c.getShort(offset) - (kind == R_386_PC16 ? p : 0);
                        if (!fits(v, 16)) return Optional.empty();
                        c.putShort(offset, (short) v);
                    }
                    case R_386_8, R_386_PC8 -> {
                        long v = s + c.get(offset) - (kind == R_386_PC8 ? p : 0);
                        if (!fits(v, 8)) return Optional.empty();
                        c.put(offset, (byte) v);
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        }
        Map<String, Integer> labels = new HashMap<>();
        for (int k = 1; k < symbolCount; k++) {
            int e = symbols + 16 * k, type = object[e + 12] & 0xF, section = b.getShort(e + 14) & 0xFFFF;
            String name = cString(object, strings + b.getInt(e));
            if (type == STT_SECTION || type == STT_FILE || name.isEmpty()) continue;
            if (section == SHN_UNDEF) return Optional.empty(); // ld reports it
            Long v = value(b, e, text, origin);
            if (v == null) return Optional.empty();
            labels.put(name, (int) (long) v);
        }
        return Optional.of(new AsmImage(code, Map.copyOf(labels)));
    }

    /** The linked address of the symbol at {@code entry}: in .text, absolute, or null (left to ld). */
    private static Long value(ByteBuffer b, int entry, int text, int origin) {
        int section = b.getShort(entry + 14) & 0xFFFF;
        long v = b.getInt(entry + 4) & 0xFFFFFFFFL;
        if (section == text) return (origin & 0xFFFFFFFFL) + v;
        return section == SHN_ABS ? v : null;
    }

    /** As ld's bitfield overflow check: the value fits as a signed or an unsigned field of {@code bits}. */
    private static boolean fits(long v, int bits) {
        long x = (int) v; // addresses wrap at 32 bits
        return x >= -(1L << (bits - 1)) && x < 1L << bits;
    }

    private static String cString(byte[] data, int at) {
        int end = at;
        while (data[end] != 0) end++;
        return new String(data, at, end - at, StandardCharsets.ISO_8859_1);
    }
}
