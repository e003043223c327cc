package i386mon.shell.expr;

/** What an expression can read from the machine. Values are 32-bit, returned zero-extended. */
public interface ExprContext {
    /** Value of a register named without its {@code $}, e.g. {@code eax}, {@code cr3}, {@code cs}. */
    long register(String name);

    /** Address of a symbol of the loaded kernel. */
    long symbol(String name);

    /** A 32-bit little-endian read at a virtual (linear) address, without side effects on the guest. */
    long readVirtual32(long address);

    /**
     * The linear address {@code segment:offset} names in the machine's current mode (selector * 16
     * + offset in real and virtual-8086 mode, the selector's descriptor base + offset in protected mode).
     */
    default long segmented(long segment, long offset) {
        throw new ExprException("no machine: cannot resolve a segment:offset address");
    }

    /** A context with no machine: every register, symbol or memory read is an error. */
    ExprContext NONE = new ExprContext() {
        @Override public long register(String name) { throw new ExprException("no machine: cannot read $" + name); }
        @Override public long symbol(String name) { throw new ExprException("unknown symbol: " + name); }
        @Override public long readVirtual32(long address) { throw new ExprException("no machine: cannot read memory"); }
    };
}
