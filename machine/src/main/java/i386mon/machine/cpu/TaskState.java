package i386mon.machine.cpu;

import i386mon.machine.mmu.Mmu;

/**
 * The dynamic fields of a task-state segment in its two formats (SDM vol. 3, 7.2.1 figure 7-2 and
 * 7.6 figure 7-11): read whole from the new task's TSS before a switch commits anything, and the
 * current task's state written back into its own TSS. A 32-bit TSS (types 9/11) holds CR3, EIP,
 * EFLAGS, eight dword registers, six selectors, the LDT selector, the T bit and the I/O map base;
 * a 16-bit TSS (types 1/3) holds IP, FLAGS, eight word registers, four selectors and the LDT.
 */
final class TaskState {
    /** Offsets of the 32-bit format. */
    static final int CR3 = 0x1C, EIP32 = 0x20, EFLAGS32 = 0x24, REGS32 = 0x28, SEGS32 = 0x48, LDT32 = 0x60, TRAP = 0x64;
    /** Offsets of the 16-bit format. */
    static final int IP16 = 0x0E, FLAGS16 = 0x10, REGS16 = 0x12, SEGS16 = 0x22, LDT16 = 0x2A;
    /** The smallest limit of each format: the last byte of the fields a switch reads and writes (SDM table 7-1). */
    static final int MIN_LIMIT32 = 0x67, MIN_LIMIT16 = 0x2B;

    final int[] regs = new int[8];
    /** ES, CS, SS, DS, FS, GS in the CPU's segment order, which is also the TSS's. */
    final int[] segs = new int[6];
    int eip, eflags, cr3, ldt;
    /** The debug trap bit: #DB when the task is entered (SDM vol. 3, 7.2.1). */
    boolean trap;
    /** The format it was read in. */
    boolean tss32;

    static boolean is32(int type) { return (type & 8) != 0; }

    static int minLimit(int type) { return is32(type) ? MIN_LIMIT32 : MIN_LIMIT16; }

    /**
     * Reads the state of the TSS at linear {@code base}. The 16-bit format's registers load with
     * their upper halves all ones and its FLAGS with the upper half of EFLAGS clear, as Bochs and
     * QEMU do (the SDM leaves both undefined).
     */
    static TaskState read(Mmu m, int base, boolean tss32) {
        TaskState t = new TaskState();
        t.tss32 = tss32;
        if (tss32) {
            t.cr3 = m.readSystem32(base + CR3);
            t.eip = m.readSystem32(base + EIP32);
            t.eflags = m.readSystem32(base + EFLAGS32);
            for (int k = 0; k < 8; k++) t.regs[k] = m.readSystem32(base + REGS32 + 4 * k);
            for (int k = 0; k < 6; k++) t.segs[k] = m.readSystem16(base + SEGS32 + 4 * k) & 0xFFFF;
            t.ldt = m.readSystem16(base + LDT32) & 0xFFFF;
            t.trap = (m.readSystem16(base + TRAP) & 1) != 0;
        } else {
            t.eip = m.readSystem16(base + IP16) & 0xFFFF;
            t.eflags = m.readSystem16(base + FLAGS16) & 0xFFFF;
            for (int k = 0; k < 8; k++) t.regs[k] = 0xFFFF0000 | m.readSystem16(base + REGS16 + 2 * k) & 0xFFFF;
            for (int k = 0; k < 4; k++) t.segs[k] = m.readSystem16(base + SEGS16 + 2 * k) & 0xFFFF;
            t.ldt = m.readSystem16(base + LDT16) & 0xFFFF;
        }
        return t;
    }

    /**
     * Saves the current task's registers, selectors, {@code eip} and {@code eflags} into its TSS at
     * {@code base} (SDM vol. 3, 7.3 step 8); CR3, the LDT selector and the stacks stay as they are.
     */
    static void save(Cpu c, int base, boolean tss32, int eip, int eflags) {
        Mmu m = c.mmu;
        if (tss32) {
            m.writeSystem32(base + EIP32, eip);
            m.writeSystem32(base + EFLAGS32, eflags);
            for (int k = 0; k < 8; k++) m.writeSystem32(base + REGS32 + 4 * k, c.r[k]);
            for (int k = 0; k < 6; k++) m.writeSystem16(base + SEGS32 + 4 * k, c.segSel[k]);
        } else {
            m.writeSystem16(base + IP16, eip);
            m.writeSystem16(base + FLAGS16, eflags);
            for (int k = 0; k < 8; k++) m.writeSystem16(base + REGS16 + 2 * k, c.r[k]);
            for (int k = 0; k < 4; k++) m.writeSystem16(base + SEGS16 + 2 * k, c.segSel[k]);
        }
    }
}
