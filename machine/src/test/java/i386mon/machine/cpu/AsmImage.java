package i386mon.machine.cpu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An assembled snippet: the flat bytes of its .text and the addresses of its symbols (labels). */
record AsmImage(byte[] bytes, Map<String, Integer> symbols) {
    private static final int SHT_SYMTAB = 2, STT_SECTION = 3, STT_FILE = 4, SHN_UNDEF = 0;

    /**
     * Reads a linked ELF32 file as {@code objcopy -O binary -j .text} and {@code nm} would: the
     * contents of .text, and every defined symbol that is not a section or file symbol.
     */
    static AsmImage fromLinkedElf(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(0x20), shentsize = b.getShort(0x2E) & 0xFFFF, shnum = b.getShort(0x30) & 0xFFFF;
        int shstrndx = b.getShort(0x32) & 0xFFFF;
        int names = b.getInt(shoff + shstrndx * shentsize + 16);
        byte[] text = new byte[0];
        Map<String, Integer> symbols = new HashMap<>();
        for (int k = 0; k < shnum; k++) {
            int h = shoff + k * shentsize;
            int offset = b.getInt(h + 16), size = b.getInt(h + 20);
            if (".text".equals(cString(elf, names + b.getInt(h)))) text = java.util.Arrays.copyOfRange(elf, offset, offset + size);
            if (b.getInt(h + 4) != SHT_SYMTAB) continue;
            int strings = b.getInt(shoff + b.getInt(h + 24) * shentsize + 16);
            for (int s = offset; s + 16 <= offset + size; s += 16) {
                int type = elf[s + 12] & 0xF, section = b.getShort(s + 14) & 0xFFFF;
                String name = cString(elf, strings + b.getInt(s));
                if (type == STT_SECTION || type == STT_FILE || section == SHN_UNDEF || name.isEmpty()) continue;
                symbols.put(name, b.getInt(s + 4));
            }
        }
        return new AsmImage(text, Map.copyOf(symbols));
    }

    private static String cString(byte[] data, int at) {
        int end = at;
        while (data[end] != 0) end++;
        return new String(data, at, end - at, StandardCharsets.ISO_8859_1);
    }

    /** The image as bytes for {@link ContentCache}: the code, then name/address pairs. */
    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(this.bytes.length);
            out.write(this.bytes);
            out.writeInt(symbols.size());
            for (Map.Entry<String, Integer> e : symbols.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AsmImage decode(byte[] encoded) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            byte[] code = in.readNBytes(in.readInt());
            Map<String, Integer> symbols = new HashMap<>();
            for (int n = in.readInt(); n > 0; n--) symbols.put(in.readUTF(), in.readInt());
            return new AsmImage(code, Map.copyOf(symbols));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
