package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The decoder's instruction lengths agree with GNU objdump's for every defined row of the
 * {@link OpcodeTable}, in every ModRM addressing shape (register, [disp32], SIB+disp8, [reg+disp32],
 * 16-bit [disp16] and [BX+SI+disp8] under 0x67) and with and without 0x66.
 */
class DecoderLengthTest {
    static final int SLOT = 32;

    /** ModRM tails: the bytes after the opcode for mod/rm shapes, with reg filled in later. */
    static final int[][] SHAPES32 = {{0xC0}, {0x05, 0x78, 0x56, 0x34, 0x12}, {0x44, 0x8D, 0x7F}, {0x82, 0x44, 0x33, 0x22, 0x11},
        {0x04, 0x25, 0x00, 0x10, 0x00, 0x00}, {0x0C, 0xE4}};
    static final int[][] SHAPES16 = {{0x06, 0x34, 0x12}, {0x40, 0x7F}, {0x81, 0x34, 0x12}, {0x07}};

    static final class Case {
        final String what;
        final int[] bytes;
        final boolean d32 = true;

        Case(String what, int[] bytes) {
            this.what = what;
            this.bytes = bytes;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (OpcodeTableTest.Row row : OpcodeTableTest.rows()) {
            for (boolean p66 : new boolean[] {false, true}) {
                for (boolean p67 : new boolean[] {false, true}) {
                    int[][] shapes = !row.entry.modrm ? new int[][] {{}} : p67 ? SHAPES16 : SHAPES32;
                    if (!row.entry.modrm && p67 && !usesAddressSize(row)) continue;
                    for (int[] shape : shapes) {
                        List<Integer> b = new ArrayList<>();
                        if (p66) b.add(0x66);
                        if (p67) b.add(0x67);
                        if (row.opcode >= 0x100) b.add(0x0F);
                        b.add(row.opcode & 0xFF);
                        for (int k = 0; k < shape.length; k++) {
                            int x = shape[k];
                            if (k == 0 && row.reg >= 0) x = (x & ~0x38) | row.reg << 3;
                            b.add(x);
                        }
                        for (int k = 0; k < 6; k++) b.add(0x11 * (k + 1)); // immediates: distinct non-zero bytes
                        int[] bytes = b.stream().mapToInt(Integer::intValue).toArray();
                        out.add(new Case(row + (p66 ? " 66" : "") + (p67 ? " 67" : "") + " " + hex(bytes), bytes));
                    }
                }
            }
        }
        return out;
    }

    private static boolean usesAddressSize(OpcodeTableTest.Row row) {
        for (String o : row.entry.operands) if (o.startsWith("O") || o.startsWith("X") || o.startsWith("Y")) return true;
        return false;
    }

    static String hex(int[] b) {
        StringBuilder s = new StringBuilder();
        for (int x : b) s.append(String.format("%02x ", x));
        return s.toString().trim();
    }

    /** Our decode: its length, or -1 for an encoding that raises #UD (objdump prints "(bad)"). */
    static int ourLength(int[] bytes) {
        Insn i = new Insn();
        Decoder.decode(k -> k < bytes.length ? bytes[k] : 0x90, true, i);
        return i.op == OpcodeTable.Op.UD ? -1 : i.len;
    }

    /**
     * Encodings objdump calls "(bad)" that a P6 executes: SALC (D6, undocumented but present), 66 0F 09
     * (objdump reads WBNOINVD-era prefixes), and 0F 1A/1B under 0x67 (MPX forms on later CPUs, hint NOPs on a P6).
     */
    static boolean objdumpOnlyBad(int[] bytes) {
        String h = hex(bytes);
        // x87 reserved forms (e.g. D9 /1 with memory) decode as ESC here and raise #UD when X87 executes them
        if (h.matches("(66 )?d[89a-f] .*")) return true;
        return h.contains("d6 11 22") || h.startsWith("66 0f 09") || h.matches("(66 )?67 0f 1[ab].*");
    }

    /** Lengths objdump decodes at each slot start. */
    static Map<Integer, Integer> objdumpLengths(List<Case> cases) throws Exception {
        byte[] image = new byte[cases.size() * SLOT];
        java.util.Arrays.fill(image, (byte) 0x90);
        for (int c = 0; c < cases.size(); c++) {
            int[] b = cases.get(c).bytes;
            for (int k = 0; k < b.length; k++) image[c * SLOT + k] = (byte) b[k];
        }
        Path dir = Files.createTempDirectory("i386mon-objdump");
        try {
            Path bin = dir.resolve("t.bin");
            Files.write(bin, image);
            Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-mi386", "--insn-width=16", bin.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("objdump failed: " + out);
            Map<Integer, Integer> len = new HashMap<>();
            Pattern line = Pattern.compile("^\\s*([0-9a-f]+):\\t((?:[0-9a-f]{2} )+)\\s*\\t(.*)$");
            for (String l : out.split("\n")) {
                Matcher m = line.matcher(l);
                if (!m.matches()) continue;
                int addr = Integer.parseInt(m.group(1), 16);
                if (addr % SLOT != 0) continue;
                int n = m.group(2).trim().split(" ").length;
                len.put(addr / SLOT, m.group(3).contains("(bad)") ? -1 : n);
            }
            return len;
        } finally {
            try (var w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** 0F 01 with a register ModRM is VMX, MONITOR, XGETBV, SVM, SWAPGS... on later CPUs; a P6 raises #UD. */
    static boolean laterCpuOnly(int[] bytes) {
        return hex(bytes).matches("(66 )?0f 01 [c-f][0-9a-f] .*");
    }

    @Test
    void everyRowDecodesToTheLengthObjdumpFinds() throws Exception {
        assumeTrue(QemuDifferentialTest.onPath("objdump"), "objdump not installed");
        List<Case> cases = cases();
        Map<Integer, Integer> theirs = objdumpLengths(cases);
        List<String> bad = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            Integer t = theirs.get(c);
            int ours = ourLength(cases.get(c).bytes);
            if (t != null && t == -1 && objdumpOnlyBad(cases.get(c).bytes)) continue;
            if (ours == -1 && laterCpuOnly(cases.get(c).bytes)) continue;
            if (t == null || t != ours) bad.add(cases.get(c).what + ": ours " + ours + ", objdump " + t);
        }
        if (!bad.isEmpty()) fail(bad.size() + " of " + cases.size() + " differ:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
    }
}
