package i386mon.shell.format;

import i386mon.machine.cpu.Disassembler;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's {@code x/i} line: {@code 0x%08x:  }, up to 8 raw bytes padded to 8 columns, the
 * mnemonic left-aligned in 8 columns and the operands; bytes past the eighth continue on
 * following lines that carry only an address and bytes.
 */
public final class DisassemblyLine {
    private static final int SPLIT = 8;

    private DisassemblyLine() { }

    public static List<String> format(long address, byte[] code, int offset, Disassembler.Decoded insn) {
        List<String> lines = new ArrayList<>();
        int n = insn.length();
        StringBuilder sb = new StringBuilder(String.format("0x%08x:  ", address & 0xFFFF_FFFFL));
        for (int i = 0; i < Math.min(n, SPLIT); i++) sb.append(String.format("%02x ", code[offset + i] & 0xFF));
        if (n < SPLIT) sb.append(" ".repeat((SPLIT - n) * 3));
        sb.append(String.format(" %-8s %s", insn.mnemonic(), insn.operands()));
        // QEMU prints " %-8s %s" even without operands, leaving trailing spaces: kept for fidelity
        lines.add(sb.toString());
        for (int i = SPLIT; i < n; i += SPLIT) {
            StringBuilder more = new StringBuilder(String.format("0x%08x:  ", (address + i) & 0xFFFF_FFFFL));
            for (int j = 0; j < SPLIT && i + j < n; j++) more.append(String.format("%02x ", code[offset + i + j] & 0xFF));
            lines.add(more.toString());
        }
        return lines;
    }
}
