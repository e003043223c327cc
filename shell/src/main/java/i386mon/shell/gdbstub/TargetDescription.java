package i386mon.shell.gdbstub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The target description QEMU sends for an i386 (qXfer:features:read): target.xml names the
 * architecture and includes i386-32bit.xml, GDB's description of the registers that
 * {@link GdbRegisters} sends in the same order.
 */
final class TargetDescription {
    private static final Map<String, String> ANNEXES = Map.of(
            "target.xml", load("target.xml"),
            "i386-32bit.xml", load("i386-32bit.xml"));

    private TargetDescription() { }

    private static String load(String name) {
        try (InputStream in = TargetDescription.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "ANNEX:OFFSET,LENGTH" answered as qXfer does: 'm' and a part, 'l' and the last part, or an error. */
    static String read(String request) {
        int colon = request.lastIndexOf(':');
        int comma = request.lastIndexOf(',');
        if (colon < 0 || comma < colon) return PacketHandler.MALFORMED;
        String doc = ANNEXES.get(request.substring(0, colon));
        if (doc == null) return "E00"; // an annex we do not have
        long off = Hex.number(request.substring(colon + 1, comma), 8), len = Hex.number(request.substring(comma + 1), 8);
        if (off < 0 || len < 0) return PacketHandler.MALFORMED;
        len = Math.min(len, PacketHandler.MAX_MEMORY);
        if (off >= doc.length()) return "l";
        int end = (int) Math.min(doc.length(), off + len);
        return (end == doc.length() ? "l" : "m") + doc.substring((int) off, end);
    }
}
