package i386mon.shell.expr;

/** What an expression can read from the machine. Values are 32-bit, returned zero-extended. */
public interface ExprContext {
    /** Value of a register named without its {@code $}, e.g. {@code eax}, {@code cr3}, {@code cs}. */
    long register(String name);

    /** Address of a symbol of the loaded kernel. */
    long symbol(String name);

    /** A 32-bit little-endian read at a virtual (linear) address, without side effects on the guest. */
    long readVirtual32(long address);

    /** A context with no machine: every register, symbol or memory read is an error. */
    ExprContext NONE = new ExprContext() {
        @Override public long register(String name) { throw new ExprException("no machine: cannot read $" + name); }
        @Override public long symbol(String name) { throw new ExprException("unknown symbol: " + name); }
        @Override public long readVirtual32(long address) { throw new ExprException("no machine: cannot read memory"); }
    };
}
