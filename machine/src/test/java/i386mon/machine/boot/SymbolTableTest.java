package i386mon.machine.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
    private static SymbolTable kernel() {
        SymbolTable t = new SymbolTable();
        t.add("_start", 0x100000, 0, SymbolTable.Kind.LABEL);
        t.add("kernel_main", 0x100010, 0x40, SymbolTable.Kind.FUNCTION);
        t.add("kputs", 0x100060, 0x20, SymbolTable.Kind.FUNCTION);
        t.add("ticks", 0x102000, 4, SymbolTable.Kind.OBJECT);
        return t;
    }

    @Test
    void lookupGivesTheAddress() {
        assertEquals(OptionalLong.of(0x100010), kernel().lookup("kernel_main"));
    }

    @Test
    void lookupOfUnknownNameIsEmpty() {
        assertFalse(kernel().lookup("nope").isPresent());
    }

    @Test
    void describeAtSymbolStartIsItsName() {
        assertEquals("kernel_main", kernel().describe(0x100010));
    }

    @Test
    void describeInsideSymbolAddsHexOffset() {
        assertEquals("kernel_main+0x1c", kernel().describe(0x10002C));
    }

    @Test
    void describePastTheEndOfASizedSymbolIsNull() {
        assertNull(kernel().describe(0x100050));
    }

    @Test
    void describeUsesAnUnsizedLabelWithinReach() {
        assertEquals("_start+0x8", kernel().describe(0x100008));
    }

    @Test
    void describeFarBeyondAnUnsizedLabelIsNull() {
        SymbolTable t = new SymbolTable();
        t.add("label", 0x100000, 0, SymbolTable.Kind.LABEL);
        assertNull(t.describe(0x100000 + SymbolTable.UNSIZED_REACH));
    }

    @Test
    void describeBelowEverySymbolIsNull() {
        assertNull(kernel().describe(0xFFFFF));
    }

    @Test
    void describeFindsTheEnclosingFunctionOfAnInnerLabel() {
        SymbolTable t = new SymbolTable();
        t.add("isr_common", 0x100000, 0x100, SymbolTable.Kind.FUNCTION);
        t.add(new SymbolTable.Symbol("isr_tail", 0x100080, 0x10, SymbolTable.Kind.FUNCTION, false));
        assertEquals("isr_common+0xa0", t.describe(0x1000A0));
    }

    @Test
    void describePrefersAFunctionOverALabelAtTheSameAddress() {
        SymbolTable t = new SymbolTable();
        t.add("entry_label", 0x100000, 0, SymbolTable.Kind.LABEL);
        t.add("entry", 0x100000, 0x10, SymbolTable.Kind.FUNCTION);
        assertEquals("entry+0x4", t.describe(0x100004));
    }

    @Test
    void globalDefinitionWinsOverLocalOfTheSameName() {
        SymbolTable t = new SymbolTable();
        t.add(new SymbolTable.Symbol("buf", 0x200000, 4, SymbolTable.Kind.OBJECT, false));
        t.add(new SymbolTable.Symbol("buf", 0x300000, 4, SymbolTable.Kind.OBJECT, true));
        assertEquals(OptionalLong.of(0x300000), t.lookup("buf"));
    }

    @Test
    void addAllMovesSymbolsByTheOffset() {
        SymbolTable module = new SymbolTable();
        module.add("mod_init", 0x40, 0x10, SymbolTable.Kind.FUNCTION);
        SymbolTable t = kernel();
        t.addAll(module, 0x200000);
        assertEquals(OptionalLong.of(0x200040), t.lookup("mod_init"));
        assertEquals("mod_init+0x2", t.describe(0x200042));
    }

    @Test
    void namesAreSorted() {
        assertEquals(List.of("_start", "kernel_main", "kputs", "ticks"), kernel().names());
    }

    @Test
    void matchingWithoutWildcardIsAPrefixMatch() {
        assertEquals(List.of("kernel_main", "kputs"), kernel().matching("k"));
    }

    @Test
    void matchingWithWildcardsIsAGlob() {
        assertEquals(List.of("_start", "kernel_main"), kernel().matching("*_*"));
        assertEquals(List.of("ticks"), kernel().matching("t?cks"));
    }

    @Test
    void fromElfKeepsFunctionsObjectsAndNamedLabels() {
        ElfFile elf = ElfFile.parse(new TestElfBuilder()
                .entry(0x100000)
                .segment(".text", 0x100000, new byte[16], 16)
                .function("main", 0x100004, 8)
                .symbol("buffer", 0x100008, 4, ElfFile.STT_OBJECT, ElfFile.STB_GLOBAL)
                .symbol("spin", 0x10000C, 0, ElfFile.STT_NOTYPE, ElfFile.STB_LOCAL)
                .symbol("kernel.c", 0, 0, ElfFile.STT_FILE, ElfFile.STB_LOCAL)
                .symbol(".text", 0x100000, 0, ElfFile.STT_SECTION, ElfFile.STB_LOCAL)
                .undefined("printf")
                .build());
        SymbolTable t = SymbolTable.fromElf(elf);
        assertEquals(List.of("buffer", "main", "spin"), t.names());
        assertEquals(SymbolTable.Kind.LABEL, t.symbol("spin").kind());
    }
}
