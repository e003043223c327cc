/**
 * Monitor expressions: numbers, registers, symbols, C operators and {@code [ADDR]} memory reads,
 * evaluated in 32-bit unsigned arithmetic.
 */
package i386mon.shell.expr;
