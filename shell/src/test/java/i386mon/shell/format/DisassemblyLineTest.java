package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.cpu.Disassembler;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisassemblyLineTest {
    @Test
    void padsBytesAndMnemonicLikeQemu() {
        byte[] code = {0x00, (byte) 0x90, (byte) 0xfa, (byte) 0xf4, (byte) 0xeb, (byte) 0xfc};
        assertEquals(List.of("0x001001c6:  00 90 fa f4 eb fc        addb     %dl, -0x3140b06(%eax)"),
                DisassemblyLine.format(0x1001c6, code, 0, new Disassembler.Decoded(6, "addb", "%dl, -0x3140b06(%eax)")));
    }

    @Test
    void matchesQemuForAFiveByteFarJump() {
        byte[] code = {(byte) 0xea, 0x5b, (byte) 0xe0, 0x00, (byte) 0xf0};
        assertEquals(List.of("0xfffffff0:  ea 5b e0 00 f0           ljmpw    $0xf000:$0xe05b"),
                DisassemblyLine.format(0xfffffff0L, code, 0, new Disassembler.Decoded(5, "ljmpw", "$0xf000:$0xe05b")));
    }

    @Test
    void continuesBytesBeyondEightOnTheNextLine() {
        byte[] code = {(byte) 0xc7, 0x05, 0x00, (byte) 0x80, 0x0b, 0x00, 0x41, 0x0f, 0x00, 0x00};
        assertEquals(List.of("0x00100000:  c7 05 00 80 0b 00 41 0f  movl     $0xf41, 0xb8000",
                        "0x00100008:  00 00 "),
                DisassemblyLine.format(0x100000, code, 0, new Disassembler.Decoded(10, "movl", "$0xf41, 0xb8000")));
    }
}
