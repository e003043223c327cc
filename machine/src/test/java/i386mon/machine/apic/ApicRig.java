package i386mon.machine.apic;

import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.devices.PicPair;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;

/** A board with an I/O APIC, the PIC pair and one local APIC, wired as {@code PcDevices} wires them; time is set by hand. */
final class ApicRig {
    final IoBus io = new IoBus();
    final PhysicalMemory memory = new PhysicalMemory(2 << 20);
    final InterruptRouter router = new InterruptRouter(1);
    final Board board = new Board(io, memory, new VirtualClock(), router);
    final ApicBus bus = new ApicBus();
    final IoApic ioApic;
    final PicPair pics;
    final LocalApic lapic;
    long now;
    int interruptChanges, timerChanges;

    ApicRig() {
        ioApic = board.add(new IoApic(bus));
        pics = board.add(new PicPair());
        lapic = board.add(new LocalApic(0, bus, () -> now));
        lapic.connectCpu(() -> interruptChanges++, () -> timerChanges++);
    }

    /** The APIC software-enabled with spurious vector 0xFF, as kernels do first. */
    ApicRig enabled() {
        write(0xF0, 0x1FF);
        return this;
    }

    int read(int reg) { return memory.read32(LocalApic.DEFAULT_BASE + reg); }

    void write(int reg, int value) { memory.write32(LocalApic.DEFAULT_BASE + reg, value); }

    int ioRead(int index) {
        memory.write32(IoApic.DEFAULT_BASE, index);
        return memory.read32(IoApic.DEFAULT_BASE + 0x10);
    }

    void ioWrite(int index, int value) {
        memory.write32(IoApic.DEFAULT_BASE, index);
        memory.write32(IoApic.DEFAULT_BASE + 0x10, value);
    }

    /** Programs redirection entry {@code pin}: low and high dwords. */
    void route(int pin, int low, int destination) {
        ioWrite(0x11 + 2 * pin, destination << 24);
        ioWrite(0x10 + 2 * pin, low);
    }

    /** A self IPI with {@code vector} (fixed, edge). */
    void selfIpi(int vector) { write(0x300, vector | 1 << 18 | 1 << 14); }

    boolean irr(int vector) { return (read(0x200 + vector / 32 * 0x10) >>> (vector % 32) & 1) != 0; }

    boolean isr(int vector) { return (read(0x100 + vector / 32 * 0x10) >>> (vector % 32) & 1) != 0; }

    boolean tmr(int vector) { return (read(0x180 + vector / 32 * 0x10) >>> (vector % 32) & 1) != 0; }

    /** What the CPU's INTA gives now, or -1 when INTR is low. */
    int take() {
        if (!router.cpu(0).hasInterrupt()) return -1;
        return router.cpu(0).acknowledge();
    }

    /** The 8259A pair initialised with vector bases 0x20/0x28 and nothing masked. */
    void initPics() {
        int[] seq = {0x20, 0x11, 0xA0, 0x11, 0x21, 0x20, 0xA1, 0x28, 0x21, 0x04, 0xA1, 0x02, 0x21, 0x01, 0xA1, 0x01, 0x21, 0, 0xA1, 0};
        for (int i = 0; i < seq.length; i += 2) io.out(seq[i], 1, seq[i + 1]);
    }

    /** Brings the timer to {@code nanos} as the machine's clock would. */
    void advance(long nanos) {
        now = nanos;
        lapic.advanceTo(nanos);
    }
}
