package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected lines are QEMU 7.2's output for the same bytes (monitor-formats.md and live captures). */
class MemoryDumpTest {
    /** The first 16 bytes of the sample kernel at 0x100000 (multiboot header and first instruction). */
    private static final byte[] KERNEL = {
        0x02, (byte) 0xb0, (byte) 0xad, 0x1b, 0x03, 0x00, 0x00, 0x00,
        (byte) 0xfb, 0x4f, 0x52, (byte) 0xe4, (byte) 0xbc, 0x00, 0x60, 0x10,
    };

    private final MemoryDump.Reader kernel = (address, out, len) -> {
        if (address >= 0xf0000000L) return "";
        for (int i = 0; i < len; i++) out[i] = KERNEL[(int) (address - 0x100000 + i) % 16];
        return null;
    };

    @Test
    void dumpsHexWords() {
        assertEquals(List.of("00100000: 0x1badb002 0x00000003 0xe4524ffb 0x106000bc"),
                MemoryDump.dump(kernel, 0x100000, 4, 'x', 4, false));
    }

    @Test
    void dumpsPhysicalWithSixteenDigitAddress() {
        assertEquals(List.of("0000000000100000: 0x1badb002 0x00000003 0xe4524ffb 0x106000bc"),
                MemoryDump.dump(kernel, 0x100000, 4, 'x', 4, true));
    }

    @Test
    void dumpsEightBytesPerLine() {
        assertEquals(List.of("00100000: 0x02 0xb0 0xad 0x1b 0x03 0x00 0x00 0x00"),
                MemoryDump.dump(kernel, 0x100000, 8, 'x', 1, false));
    }

    @Test
    void dumpsQuadWords() {
        assertEquals(List.of("00100000: 0x000000031badb002 0x106000bce4524ffb"),
                MemoryDump.dump(kernel, 0x100000, 2, 'x', 8, false));
    }

    @Test
    void dumpsDecimalWordsRightAligned() {
        assertEquals(List.of("00100000:  464367618          3 3830599675  274727100"),
                MemoryDump.dump(kernel, 0x100000, 4, 'd', 4, false));
    }

    @Test
    void wrapsAfterSixteenBytes() {
        assertEquals(List.of("00100000: 0x1badb002 0x00000003 0xe4524ffb 0x106000bc", "00100010: 0x1badb002"),
                MemoryDump.dump(kernel, 0x100000, 5, 'x', 4, false));
    }

    @Test
    void printsCannotAccessMemoryForAnUnreadableLine() {
        assertEquals(List.of("f0000000: Cannot access memory"), MemoryDump.dump(kernel, 0xf0000000L, 4, 'x', 4, false));
    }

    @Test
    void addsTheReasonWhenKnown() {
        MemoryDump.Reader unmapped = (a, out, len) -> "PDE 0x3c0 not present";
        assertEquals(List.of("f0000000: Cannot access memory (PDE 0x3c0 not present)"),
                MemoryDump.dump(unmapped, 0xf0000000L, 4, 'x', 4, false));
    }

    @Test
    void dumpsCharactersQuotedWithEscapes() {
        MemoryDump.Reader zeros = (a, out, len) -> {
            java.util.Arrays.fill(out, 0, len, (byte) 0);
            out[0] = 'A';
            out[1] = '\n';
            return null;
        };
        assertEquals(List.of("0000fff0: 'A' '\\n' '\\x00' '\\x00'"), MemoryDump.dump(zeros, 0xfff0, 4, 'c', 1, false));
    }

    @Test
    void dumpsCharactersOfAWordSizeAsSixteenPerLine() {
        MemoryDump.Reader zeros = (a, out, len) -> {
            java.util.Arrays.fill(out, 0, len, (byte) 0);
            return null;
        };
        List<String> lines = MemoryDump.dump(zeros, 0xfff0, 4, 'c', 4, false);
        assertEquals(1, lines.size());
        assertEquals("0000fff0:" + " '\\x00'".repeat(16), lines.get(0));
    }

    @Test
    void dumpsOctalAndUnsignedPadded() {
        MemoryDump.Reader zeros = (a, out, len) -> {
            java.util.Arrays.fill(out, 0, len, (byte) 0);
            return null;
        };
        assertEquals(List.of("00000000:   0   0"), MemoryDump.dump(zeros, 0, 2, 'o', 1, false));
        assertEquals(List.of("00000000:     0     0     0     0     0"), MemoryDump.dump(zeros, 0, 5, 'u', 2, false));
    }

    private static MemoryDump.Reader bytes(byte[] memory) {
        return (address, out, len) -> {
            if (address + len > memory.length) return "";
            System.arraycopy(memory, (int) address, out, 0, len);
            return null;
        };
    }

    @Test
    void dumpsBinaryUnitsZeroPadded() {
        assertEquals(List.of("00100000: 00000010 10110000"), MemoryDump.dump(kernel, 0x100000, 2, 't', 1, false));
    }

    @Test
    void dumpsNulTerminatedStringsOneALine() {
        byte[] m = "hi\0a\"b\n\u0001\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(List.of("00000000: \"hi\"", "00000003: \"a\\\"b\\n\\001\""), MemoryDump.strings(bytes(m), 0, 2));
    }

    @Test
    void cutsALongStringAndGoesOnFromTheFirstByteNotShown() {
        byte[] m = new byte[MemoryDump.STRING_LIMIT + 6];
        java.util.Arrays.fill(m, 0, MemoryDump.STRING_LIMIT + 5, (byte) 'a');
        List<String> lines = MemoryDump.strings(bytes(m), 0, 2);
        assertEquals("00000000: \"" + "a".repeat(MemoryDump.STRING_LIMIT) + "\"...", lines.get(0));
        assertEquals(String.format("%08x: \"aaaaa\"", MemoryDump.STRING_LIMIT), lines.get(1));
    }

    @Test
    void aStringRunningIntoUnreadableMemoryEndsWithWhere() {
        byte[] m = "ab".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(List.of("00000000: \"ab\"", "00000002: Cannot access memory"), MemoryDump.strings(bytes(m), 0, 3));
    }
}
