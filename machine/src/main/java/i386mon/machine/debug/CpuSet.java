package i386mon.machine.debug;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.mmu.Mmu;

/**
 * The machine's CPUs as a debugger sees them: how many, each with its MMU (its own CR3 and TLB),
 * and the one the monitor looks at. A stop selects the CPU that stopped.
 */
public interface CpuSet {
    int count();

    Cpu cpu(int index);

    Mmu mmu(int index);

    int selected();

    /** Selects CPU {@code index}; throws IllegalArgumentException (one line) when there is no such CPU. */
    void select(int index);

    /** True while CPU {@code index} waits for a startup IPI (an application processor before SIPI). */
    boolean waitingForStartup(int index);

    /** One CPU and its MMU, always selected. */
    static CpuSet of(Cpu cpu, Mmu mmu) {
        return new CpuSet() {
            @Override public int count() { return 1; }

            @Override public Cpu cpu(int index) { return cpu; }

            @Override public Mmu mmu(int index) { return mmu; }

            @Override public int selected() { return 0; }

            @Override public void select(int index) {
                if (index != 0) throw new IllegalArgumentException("no CPU " + index + " (this machine has CPU 0 only)");
            }

            @Override public boolean waitingForStartup(int index) { return false; }
        };
    }
}
