package i386mon.machine;

import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.CpuState;
import i386mon.machine.mmu.Mmu;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.state.Stateful;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * A snapshot's part for a machine with several CPUs, beside CPU 0's ("cpu", "mmu"): each other
 * CPU's state and its MMU's (CR3-derived state and TLB), whether it waits for a startup IPI, the
 * scheduler's place in its round, and the CPU the monitor looks at. Local APICs and the I/O APIC
 * are board devices, captured with the board.
 */
final class ApplicationProcessorsState implements Stateful {
    private final Cpu[] cpus;
    private final Mmu[] mmus;
    private final boolean[] waitingForSipi;
    private final SmpScheduler scheduler;
    private final IntSupplier selected;
    private final IntConsumer select;

    ApplicationProcessorsState(Cpu[] cpus, Mmu[] mmus, boolean[] waitingForSipi, SmpScheduler scheduler, IntSupplier selected, IntConsumer select) {
        this.cpus = cpus;
        this.mmus = mmus;
        this.waitingForSipi = waitingForSipi;
        this.scheduler = scheduler;
        this.selected = selected;
        this.select = select;
    }

    @Override
    public void saveState(StateWriter out) {
        out.i32(cpus.length);
        for (int i = 1; i < cpus.length; i++) {
            StateWriter cpu = new StateWriter();
            new CpuState(cpus[i]).saveState(cpu);
            StateWriter mmu = new StateWriter();
            mmus[i].saveState(mmu);
            out.bytes(cpu.toByteArray()).bytes(mmu.toByteArray()).bool(waitingForSipi[i]);
        }
        scheduler.saveState(out);
        out.i32(selected.getAsInt());
    }

    @Override
    public void restoreState(StateReader in) {
        int n = in.i32();
        if (n != cpus.length) throw new i386mon.machine.state.StateFormatException("the snapshot has " + n + " CPUs, this machine " + cpus.length);
        for (int i = 1; i < cpus.length; i++) {
            new CpuState(cpus[i]).restoreState(new StateReader(in.bytes(), "cpu " + i));
            mmus[i].restoreState(new StateReader(in.bytes(), "mmu " + i));
            waitingForSipi[i] = in.bool();
        }
        scheduler.restoreState(in);
        select.accept(in.i32());
        in.end();
    }
}
