package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test assembler's own linker places snippets exactly as ld does, or leaves them to ld. */
class ObjectLinkerTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "mov $1, %eax\nfoo: jmp foo\n push $foo\n mov foo, %eax\n lea foo(,%ecx,4), %eax", // absolute, in place addends
        "call 0x5000\n jmp 0x12345", // PC-relative to absolute addresses
        ".set BAR, 0x1234\n mov $BAR, %ebx\n mov $BAR + 8, %ecx", // absolute symbols
        "jecxz 1f\n nop\n1: loop 1b\n .long 1b, . + 4"}) // local labels, data in .text
    void placesCodeAndLabelsAsLdDoes(String source) {
        for (int origin : new int[] {0x5000, 0x10000, 0x100000}) assertPlacedAsByLd(source, origin);
    }

    @Test
    void placesSixteenBitAbsoluteValuesAsLdDoes() {
        assertPlacedAsByLd("ljmp $0x8, $far\nfar: .code16\n ljmp $0x8, $back\n .code32\nback: nop", 0x5000);
    }

    private static void assertPlacedAsByLd(String source, int origin) {
        AsmImage ld = Asm.linkedByLd(source, origin);
        Optional<AsmImage> ours = Asm.placedByObjectLinker(source, origin);
        assertTrue(ours.isPresent(), source);
        assertArrayEquals(ld.bytes(), ours.get().bytes(), source + " at " + Integer.toHexString(origin));
        Map<String, Integer> ldLabels = new HashMap<>(ld.symbols());
        ldLabels.keySet().removeAll(Set.of("__bss_start", "_edata", "_end")); // ld's own, not the snippet's
        assertEquals(ldLabels, ours.get().symbols(), source);
    }

    @Test
    void leavesDataOutsideTextToLd() {
        assertEquals(Optional.empty(), Asm.placedByObjectLinker(".data\nx: .long 5\n.text\n mov x, %eax", 0x10000));
    }

    @Test
    void leavesAbsoluteSixteenBitValuesThatDoNotFitToLd() {
        assertEquals(Optional.empty(), Asm.placedByObjectLinker(".code16\n ljmp $0x8, $far\n .code32\nfar: nop", 0x10000));
    }
}
