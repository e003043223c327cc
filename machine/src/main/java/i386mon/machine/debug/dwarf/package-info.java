/**
 * A reader for the DWARF debugging information gcc emits into an i386 kernel ELF (DWARF 4 and 5):
 * line programs ({@code .debug_line}), compile units and functions ({@code .debug_info} with its
 * abbreviations, strings and range lists) and call frame information ({@code .debug_frame},
 * {@code .eh_frame}) for unwinding. Only the JDK is used. {@link i386mon.machine.debug.dwarf.DebugInfo}
 * is the entry point: it parses on first use, so a kernel's DWARF costs nothing until a
 * source-level question is asked, and a malformed section becomes one warning, not a failure.
 * Inlined subroutines are not modelled: an address inside inlined code is attributed to the
 * function it was inlined into (its line still comes from the line table, which names the inlined
 * source line).
 */
package i386mon.machine.debug.dwarf;
