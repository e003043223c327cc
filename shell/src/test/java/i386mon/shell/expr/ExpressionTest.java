package i386mon.shell.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private final List<Long> reads = new ArrayList<>();
    private final ExprContext ctx = new ExprContext() {
        @Override public long register(String name) {
            Long v = Map.of("eax", 0x10L, "cr2", 0xC0000000L, "esp", 0x105fe4L).get(name);
            if (v == null) throw new ExprException("unknown register: $" + name);
            return v;
        }
        @Override public long symbol(String name) {
            if (name.equals("kernel_main")) return 0x100100;
            throw new ExprException("unknown symbol: " + name);
        }
        @Override public long readVirtual32(long address) {
            reads.add(address);
            if (address == 0xB8000) return 0x0f4b;
            throw new ExprException("Cannot access memory at 0x" + Long.toHexString(address));
        }
    };

    private long eval(String s) {
        return Expression.evaluate(s, ctx);
    }

    @Test
    void readsHexDecimalAndBinaryNumbers() {
        assertEquals(0x100000, eval("0x100000"));
        assertEquals(42, eval("42"));
        assertEquals(5, eval("0b101"));
    }

    @Test
    void readsCharacterLiteralsWithEscapes() {
        assertEquals('K', eval("'K'"));
        assertEquals(10, eval("'\\n'"));
        assertEquals('\'', eval("'\\''"));
    }

    @Test
    void wrapsArithmeticAt32BitsUnsigned() {
        assertEquals(0xFFFFFFFFL, eval("0 - 1"));
        assertEquals(0, eval("0xffffffff + 1"));
        assertEquals(0xFFFFFFFEL, eval("~1"));
        assertEquals(0x80000000L, eval("1 << 31"));
        assertEquals(0x7FFFFFFFL, eval("-1 >> 1"));
    }

    @Test
    void followsPrecedenceWithParentheses() {
        assertEquals(14, eval("2 + 3 * 4"));
        assertEquals(20, eval("(2 + 3) * 4"));
        assertEquals(1, eval("7 % 3"));
        assertEquals(6, eval("0xe & 7 | 0 ^ 0"));
    }

    @Test
    void comparesUnsigned() {
        assertEquals(1, eval("0xffffffff > 1"));
        assertEquals(1, eval("3 <= 3"));
        assertEquals(0, eval("3 != 3"));
        assertEquals(1, eval("1 < 2 && 2 < 3 || 0"));
    }

    @Test
    void bitwiseOperatorsBindTighterThanComparisons() {
        assertEquals(1, eval("[0xB8000] & 0xff == 'K'"));
    }

    @Test
    void readsRegistersSymbolsAndMemory() {
        assertEquals(0x14, eval("$eax + 4"));
        assertEquals(0xC0000000L, eval("$CR2"));
        assertEquals(0x10011c, eval("kernel_main+0x1c"));
        assertEquals(0x0f4b, eval("[0xb8000]"));
    }

    @Test
    void shortCircuitSkipsTheRightSide() {
        assertEquals(0, eval("0 && [0xdead0000]"));
        assertEquals(1, eval("1 || 1 / 0"));
        assertTrue(reads.isEmpty());
    }

    @Test
    void reportsDivisionByZero() {
        assertEquals("division by zero", assertThrows(ExprException.class, () -> eval("1 / 0")).getMessage());
    }

    @Test
    void reportsUnknownRegisterAndSymbol() {
        assertEquals("unknown register: $foo", assertThrows(ExprException.class, () -> eval("$foo")).getMessage());
        assertEquals("unknown symbol: nosuch", assertThrows(ExprException.class, () -> eval("nosuch + 1")).getMessage());
    }

    @Test
    void reportsUnbalancedParenthesis() {
        assertEquals("')' expected but found end of expression in: (1", assertThrows(ExprException.class, () -> eval("(1")).getMessage());
    }

    @Test
    void reportsTrailingGarbage() {
        assertEquals("unexpected ')' at column 3 in: 1 )", assertThrows(ExprException.class, () -> eval("1 )")).getMessage());
    }

    @Test
    void reportsMissingOperand() {
        assertEquals("unexpected end of expression: 1 +", assertThrows(ExprException.class, () -> eval("1 +")).getMessage());
    }

    @Test
    void rejectsNumbersWiderThan32Bits() {
        assertEquals("number does not fit in 32 bits: 0x1ffffffff", assertThrows(ExprException.class, () -> eval("0x1ffffffff")).getMessage());
    }

    @Test
    void rejectsBadDigits() {
        assertEquals("bad number: 0x1g", assertThrows(ExprException.class, () -> eval("0x1g")).getMessage());
    }

    @Test
    void reportsUnreadableMemory() {
        assertEquals("Cannot access memory at 0xf0000000", assertThrows(ExprException.class, () -> eval("[0xf0000000]")).getMessage());
    }

    @Test
    void shiftsByThirtyTwoOrMoreGiveZero() {
        assertEquals(0, eval("1 << 32"));
        assertEquals(0, eval("0x80000000 >> 33"));
        assertEquals(0, eval("0xffffffff << 0xffffffff"));
        assertEquals(1, eval("0x80000000 >> 31"));
    }

    @Test
    void readsALeadingZeroAsOctal() {
        assertEquals(8, eval("010"));
        assertEquals(0, eval("0"));
        assertEquals("bad number: 09", assertThrows(ExprException.class, () -> eval("09")).getMessage());
    }

    @Test
    void refusesNestingDeeperThanTheLimitWithOneLine() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        ExprException e = assertThrows(ExprException.class, () -> eval(deep));
        assertTrue(e.getMessage().startsWith("expression nested too deeply (more than 200 levels)"), e.getMessage());
        assertThrows(ExprException.class, () -> eval("[".repeat(100_000) + "0" + "]".repeat(100_000)));
        assertThrows(ExprException.class, () -> eval("-".repeat(100_000) + "1"));
    }

    @Test
    void nestingUpToTheLimitIsEvaluated() {
        assertEquals(1, eval("(".repeat(150) + "1" + ")".repeat(150)));
    }

    @Test
    void checkParsesWithoutReadingAnything() {
        Expression.check("[0xd0000000] == 3 && $nosuch == nosymbol");
        assertTrue(reads.isEmpty());
        assertEquals("')' expected but found end of expression in: (1", assertThrows(ExprException.class, () -> Expression.check("(1")).getMessage());
    }

    @Test
    void segmentColonOffsetHandsBothHalvesToTheContext() {
        ExprContext real = new ExprContext() {
            @Override public long register(String name) { return ctx.register(name); }
            @Override public long symbol(String name) { return ctx.symbol(name); }
            @Override public long readVirtual32(long address) { return ctx.readVirtual32(address); }
            @Override public long segmented(long segment, long offset) { return (segment << 4) + offset; }
        };
        assertEquals(0x7c10, Expression.evaluate("0x7c0:0x8+8", real));
        assertEquals(0x1020, Expression.evaluate("($eax - 0x10 + 0x100):$eax+0x10", real));
    }

    @Test
    void segmentColonOffsetWithoutAMachineIsAnError() {
        ExprException e = assertThrows(ExprException.class, () -> Expression.evaluate("0x7c0:0", ExprContext.NONE));
        assertEquals("no machine: cannot resolve a segment:offset address", e.getMessage());
    }

    @Test
    void onlyOneColonIsAllowed() {
        assertThrows(ExprException.class, () -> Expression.check("1:2:3"));
    }
}
