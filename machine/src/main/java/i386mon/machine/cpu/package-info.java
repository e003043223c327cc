/**
 * The IA-32 interpreter: {@link i386mon.machine.cpu.OpcodeTable} lists every opcode once; the
 * decoder, the executor, the disassembler and the tests are driven by it.
 */
package i386mon.machine.cpu;
