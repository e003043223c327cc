package i386mon.machine.debug.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DWARF location expressions evaluated against a made-up frame. */
class ExpressionTest {
    /** EAX..EDI = 0x10, 0x20, ..., 0x80, EDX not recovered; CFA 0x9000; memory: each address's low byte; entry value of EAX 77. */
    private static final Expression.Frame FRAME = new Expression.Frame() {
        @Override public boolean known(int n) { return n >= 0 && n < 8 && n != 2; }
        @Override public long register(int n) { return 0x10L * (n + 1); }
        @Override public long cfa() { return 0x9000; }
        @Override public boolean read(long address, byte[] out) {
            if (address >= 0xF000_0000L) return false;
            for (int i = 0; i < out.length; i++) out[i] = (byte) (address + i);
            return true;
        }
        @Override public Long entryValue(byte[] block) { return block.length == 1 && block[0] == 0x50 ? 77L : null; }
    };
    private static final byte[] CFA_BASE = {(byte) 0x9c};

    private static Expression.Result eval(int... ops) {
        byte[] b = new byte[ops.length];
        for (int i = 0; i < ops.length; i++) b[i] = (byte) ops[i];
        return Expression.evaluate(b, CFA_BASE, FRAME, 4);
    }

    @Test
    void aRegisterLocationIsTheRegistersValue() {
        assertEquals(new Expression.Result(Expression.Result.Kind.VALUE, 0x40, null), eval(0x53)); // DW_OP_reg3 (EBX)
    }

    @Test
    void fbregWithTheCfaAsFrameBaseAddressesTheStack() {
        assertEquals(new Expression.Result(Expression.Result.Kind.MEMORY, 0x9004, null), eval(0x91, 0x04)); // DW_OP_fbreg 4
        assertEquals(new Expression.Result(Expression.Result.Kind.MEMORY, 0x8ff8, null), eval(0x91, 0x78)); // DW_OP_fbreg -8
    }

    @Test
    void stackArithmeticAndStackValueGiveAComputedValue() {
        // DW_OP_breg0 8; DW_OP_lit3; DW_OP_shl; DW_OP_plus_uconst 1; DW_OP_stack_value: ((0x10 + 8) << 3) + 1
        assertEquals(new Expression.Result(Expression.Result.Kind.VALUE, 0xc1, null), eval(0x70, 0x08, 0x33, 0x24, 0x23, 0x01, 0x9f));
    }

    @Test
    void derefReadsTheDebugMemory() {
        // DW_OP_addr 0x1234; DW_OP_deref; DW_OP_stack_value: the bytes 34 35 36 37
        assertEquals(0x37363534L, eval(0x03, 0x34, 0x12, 0, 0, 0x06, 0x9f).value());
    }

    @Test
    void anUnrecoveredRegisterIsOptimizedOut() {
        assertEquals(Expression.Result.Kind.OPTIMIZED_OUT, eval(0x52).kind()); // DW_OP_reg2 (EDX)
    }

    @Test
    void entryValueIsTheFramesAnswerOrOptimizedOut() {
        assertEquals(77L, eval(0xa3, 0x01, 0x50, 0x9f).value()); // DW_OP_entry_value(DW_OP_reg0); DW_OP_stack_value
        assertEquals(Expression.Result.Kind.OPTIMIZED_OUT, eval(0xa3, 0x01, 0x51, 0x9f).kind());
    }

    @Test
    void piecesThatMakeTheWholeValueAreJoined() {
        // DW_OP_reg0 piece 2, DW_OP_reg1 piece 2: low half of EAX, then low half of ECX
        assertEquals(0x00200010L, eval(0x50, 0x93, 0x02, 0x51, 0x93, 0x02).value());
        assertEquals(Expression.Result.Kind.OPTIMIZED_OUT, eval(0x50, 0x93, 0x02).kind()); // only half of it
    }

    @Test
    void malformedExpressionsAreOneLineErrors() {
        Expression.Result truncated = eval(0x03, 0x34); // DW_OP_addr with 1 of its 4 bytes
        assertEquals(Expression.Result.Kind.ERROR, truncated.kind());
        assertTrue(truncated.error().contains("truncated"), truncated.error());
        assertEquals("DWARF expression stack underflow", eval(0x22).error()); // DW_OP_plus on an empty stack
        assertEquals("DWARF expression operation 0xe0 is not evaluated", eval(0xe0).error());
        assertTrue(eval(0x03, 0, 0, 0, (byte) 0xf0, 0x06).error().startsWith("Cannot access memory at address 0xf0000000"));
        assertNull(eval(0x50).error());
    }
}
