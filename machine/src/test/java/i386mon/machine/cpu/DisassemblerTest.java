package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisassemblerTest {
    private static Disassembler.Decoded dis(String hex, boolean intel) {
        String[] parts = hex.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int k = 0; k < parts.length; k++) b[k] = (byte) Integer.parseInt(parts[k], 16);
        return Disassembler.disassemble(b, 0, 0x1001c6, intel);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00 90 fa f4 eb fc | 6 | addb     %dl, -0x3140b06(%eax)",
        "89 c3             | 2 | mov      %eax, %ebx",
        "b8 10 00 00 00    | 5 | mov      $0x10, %eax",
        "c7 05 00 10 00 00 2a 00 00 00 | 10 | movl     $0x2a, 0x1000",
        "8b 44 8b 08       | 4 | movl     0x8(%ebx,%ecx,4), %eax",
        "64 a1 00 00 00 00 | 6 | movl     %fs:0x0, %eax",
        "66 89 c8          | 3 | mov      %cx, %ax",
        "f3 a5             | 2 | rep movsl",
        "0f 22 d8          | 3 | mov      %eax, %cr3",
        "0f 01 38          | 3 | invlpg   (%eax)",
        "ff d0             | 2 | call     *%eax",
        "eb fe             | 2 | jmp      0x1001c6",
        "e8 00 00 00 00    | 5 | call     0x1001cb",
        "cd 80             | 2 | int      $0x80",
        "0f b6 c1          | 3 | movzbl   %cl, %eax",
        "8d 44 24 04       | 4 | lea      0x4(%esp), %eax",
        "f4                | 1 | hlt",
        "0f 0b             | 2 | ud2",
        "ff ff             | 2 | (bad)",
    })
    void disassemblesAttSyntax(String hex, int length, String text) {
        Disassembler.Decoded d = dis(hex, false);
        assertEquals(text, d.text());
        assertEquals(length, d.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00 90 fa f4 eb fc | add      byte ptr [eax-0x3140b06], dl",
        "8b 44 8b 08       | mov      eax, dword ptr [ebx+ecx*4+0x8]",
        "c7 05 00 10 00 00 2a 00 00 00 | mov      dword ptr [0x1000], 0x2a",
        "0f b6 c1          | movzx    eax, cl",
    })
    void disassemblesIntelSyntax(String hex, String text) {
        assertEquals(text, dis(hex, true).text());
    }

    @ParameterizedTest
    @CsvSource({"0f", "c7 05 00 10"})
    void truncatedBytesAreBad(String hex) {
        assertEquals("(bad)", dis(hex, false).text());
    }
}
