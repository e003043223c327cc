package i386mon.machine.debug.dwarf;

/**
 * One row of a line number matrix (DWARF 5 section 6.2.2): the instruction at {@code address}
 * comes from {@code line} of {@code file}. {@code endSequence} rows mark the first address after
 * a sequence and carry no source position of their own.
 */
public record LineRow(long address, SourceFile file, int line, boolean isStmt, boolean endSequence) { }
