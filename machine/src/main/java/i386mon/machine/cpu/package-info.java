/**
 * The IA-32 interpreter: {@link i386mon.machine.cpu.OpcodeTable} lists every opcode and every fact
 * about it once (handlers, block ends, faults, flag effects, fast forms, prefixes, names, modes); the
 * decoder, the specializer, the code cache, the block compiler, the disassembler and the tests read it.
 */
package i386mon.machine.cpu;
