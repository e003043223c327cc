package i386mon.machine.cpu;

/**
 * The rules of one operating mode, one object per job: segment loads, far transfers, interrupt
 * and exception delivery. The CPU installs the current mode's three in its fields when CR0.PE or
 * EFLAGS.VM change ({@code Cpu.selectMode}), so an instruction calls them with no test of the mode.
 */
final class CpuMode {
    final OperatingMode mode;
    final Segmentation segments;
    final ControlTransfer transfers;
    final InterruptDelivery interrupts;

    CpuMode(OperatingMode mode, Segmentation segments, ControlTransfer transfers, InterruptDelivery interrupts) {
        this.mode = mode;
        this.segments = segments;
        this.transfers = transfers;
        this.interrupts = interrupts;
    }

    /**
     * Protected mode's rules for {@code c}, on the pieces every mode that uses descriptors shares
     * (virtual-8086 mode delivers interrupts through the same IDT, TSS stacks and task gates).
     */
    static CpuMode protectedMode(Cpu c, DescriptorTables tables, InnerStacks stacks, TaskSwitch tasks) {
        return new CpuMode(OperatingMode.PROTECTED,
                new ProtectedModeSegmentation(c, tables),
                new ProtectedModeTransfers(c, tables, stacks, tasks),
                new ProtectedModeInterrupts(c, tables, stacks, tasks));
    }

    /** Real-address mode's rules: no descriptors, the IVT, {@code selector << 4} (SDM vol. 3, chapter 20.1). */
    static CpuMode realMode(Cpu c) {
        return new CpuMode(OperatingMode.REAL, new RealModeSegmentation(c), new RealModeTransfers(c), new RealModeInterrupts(c));
    }

    /**
     * Virtual-8086 mode's rules (SDM vol. 3, ch. 20): 8086 segment loads and far transfers, and
     * interrupts through protected mode's IDT delivery ({@code interrupts}, the same object), which
     * leaves V86 for ring 0.
     */
    static CpuMode virtual8086(Cpu c, InterruptDelivery interrupts) {
        return new CpuMode(OperatingMode.VIRTUAL_8086, new Virtual8086Segmentation(c), new Virtual8086Transfers(c), interrupts);
    }
}
