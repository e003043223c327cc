package i386mon.machine.cpu;

/** The 386's operating modes and how CR0.PE and EFLAGS.VM select one (SDM vol. 3, 2.2 and figure 2-3). */
enum OperatingMode {
    REAL, PROTECTED, VIRTUAL_8086;

    static OperatingMode of(int cr0, int eflags) {
        if ((cr0 & Cpu.CR0_PE) == 0) return REAL;
        return (eflags & Cpu.VM) != 0 ? VIRTUAL_8086 : PROTECTED;
    }
}
