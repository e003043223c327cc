/**
 * The IA-32 interpreter: {@link i386mon.machine.cpu.OpcodeTable} lists every opcode and every fact
 * about it once (handlers, block ends, faults, flag effects, fast forms, prefixes, names, modes); the
 * decoder, the specializer, the code cache, the block compiler, the disassembler and the tests read it.
 *
 * <p>Operating modes. What depends on the mode is split by job, one interface each:
 * {@link i386mon.machine.cpu.Segmentation} (segment register loads, SLDT/STR/LLDT/LTR/LAR/LSL/VERR/VERW),
 * {@link i386mon.machine.cpu.ControlTransfer} (far JMP/CALL, RETF, IRET) and
 * {@link i386mon.machine.cpu.InterruptDelivery} (one interrupt or exception to its handler). A
 * {@link i386mon.machine.cpu.CpuMode} groups one implementation of each: protected mode's
 * ({@code ProtectedMode*}) and virtual-8086 mode's ({@code Virtual8086*}, which delivers interrupts
 * through protected mode's IDT code, its frame carrying the V86 segment registers). The CPU copies the current mode's three into its own fields whenever
 * CR0.PE or EFLAGS.VM may have changed ({@code Cpu.selectMode}), so an instruction reaches its
 * mode's rule with one field load and a call, with no test of the mode, and nothing is chosen per
 * instruction. Real mode and virtual-8086 mode each become one more {@code CpuMode} (their
 * classes beside the protected-mode ones) and one line in {@code Cpu.rulesOf}.
 *
 * <p>What is the same in every mode stays out of the seam: the data-access limit and type checks
 * ({@link i386mon.machine.cpu.SegmentChecks}, on the hot path, which read the segment cache),
 * descriptor decoding ({@link i386mon.machine.cpu.Descriptor}), the double- and triple-fault rules
 * ({@link i386mon.machine.cpu.ExceptionDelivery}). Pieces that several modes and jobs share have
 * their own class: the GDT/LDT ({@link i386mon.machine.cpu.DescriptorTables}), the TSS's stacks
 * for an inner ring ({@link i386mon.machine.cpu.InnerStacks}) and task switches
 * ({@link i386mon.machine.cpu.TaskSwitch}), where far transfers, IRET with NT and IDT task gates
 * arrive (with {@link i386mon.machine.cpu.TaskState}, the TSS formats, and
 * {@link i386mon.machine.cpu.TaskSegmentLoads}, the new task's segment checks).
 */
package i386mon.machine.cpu;
