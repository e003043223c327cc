/**
 * The board: where devices plug in. A {@link i386mon.machine.board.BoardDevice} claims its I/O
 * ports, MMIO ranges and timers and offers its monitor views in one
 * {@link i386mon.machine.board.BoardDevice#attach} method; its interrupt lines reach the CPUs
 * through the board's {@link i386mon.machine.interrupts.InterruptRouter}. Views are data
 * ({@link i386mon.machine.board.Report}: lines of text with named values and optional colours),
 * so every front end shows them without knowing the device: a new device is one class plus one
 * {@link i386mon.machine.board.Board#add} line in the board's wiring.
 */
package i386mon.machine.board;
