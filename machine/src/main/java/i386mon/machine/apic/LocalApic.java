package i386mon.machine.apic;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.clock.TimerSource;
import i386mon.machine.cpu.ApicBaseRegister;
import i386mon.machine.cpu.InterruptSource;
import i386mon.machine.interrupts.CpuInterruptInput;
import i386mon.machine.memory.MmioDevice;
import java.util.function.LongSupplier;

/**
 * One CPU's local APIC in xAPIC mode (SDM vol. 3, ch. 10): the registers at its 4 KiB page, IRR,
 * ISR and TMR, task and processor priority, the LVT, the timer, IPIs through the ICR. It drives
 * its CPU's INTR input: its own accepted vectors first, then the 8259A pair's output when LINT0
 * passes it (ExtINT, unmasked) or the APIC is globally disabled (the PIC then reaches the CPU
 * directly, as on a PC without an APIC). Registers answer 32-bit accesses only; other sizes read
 * 0 and are ignored on write (QEMU's behaviour; the SDM leaves them undefined).
 */
public final class LocalApic implements BoardDevice, MmioDevice, InterruptSource, ApicBaseRegister, TimerSource {
    public static final ViewTopic VIEW = new ViewTopic("lapic", "Show the local APIC's registers as QEMU's info lapic does.");
    public static final long DEFAULT_BASE = 0xFEE0_0000L;
    /** Version 0x14 (integrated xAPIC) with 6 LVT entries (max LVT 5), what QEMU reports. */
    public static final int VERSION = 0x0005_0014;
    static final long BSP = 1L << 8;
    /** IA32_APIC_BASE bits a 32-bit CPU with 36-bit physical addresses may set. */
    private static final long WRITABLE_BASE = 0xF_FFFF_F000L | BSP | ENABLE;
    static final int SVR_ENABLE = 1 << 8;
    static final int LVT_MASKED = 1 << 16, LVT_LEVEL = 1 << 15, LVT_REMOTE_IRR = 1 << 14, LVT_LOW_ACTIVE = 1 << 13,
            LVT_PENDING = 1 << 12;
    static final int LVT_TIMER = 0, LVT_THERMAL = 1, LVT_PERF = 2, LVT_LINT0 = 3, LVT_LINT1 = 4, LVT_ERROR = 5;
    /** Writable bits per LVT entry (SDM figure 10-8). */
    private static final int[] LVT_WRITABLE = {0x7_00FF | LVT_MASKED, 0x7_0000 | 0x7FF, 0x1_07FF, 0x1_A7FF, 0x1_A7FF, 0x1_00FF};
    static final int ESR_SEND_ILLEGAL_VECTOR = 1 << 5, ESR_RECEIVE_ILLEGAL_VECTOR = 1 << 6, ESR_ILLEGAL_REGISTER = 1 << 7;
    private static final int ICR_DELIVERY_STATUS = 1 << 12, ICR_LOGICAL = 1 << 11, ICR_LEVEL_ASSERT = 1 << 14,
            ICR_LEVEL_TRIGGER = 1 << 15;

    private final int id;
    private final ApicBus bus;
    private final LongSupplier nanos;
    private final ApicTimer timer = new ApicTimer();
    private long apicBase;
    private Board board;
    private InterruptSource pic = NO_PIC;
    private Runnable interruptChanged = () -> { };
    private Runnable timersChanged = () -> { };
    private StartupSignals startup = StartupSignals.NONE;

    final int[] irr = new int[8], isr = new int[8], tmr = new int[8];
    final int[] lvt = new int[6];
    int apicId, tpr, ldr, dfr, svr, esr, pendingEsr, icrLow, icrHigh;
    private boolean nmiPending;

    private static final InterruptSource NO_PIC = new InterruptSource() {
        @Override public boolean hasInterrupt() { return false; }

        @Override public int acknowledge() { return 0; }
    };

    /** The local APIC with ID {@code id} on {@code bus}; {@code nanos} is virtual time (the timer's bus clock: 1 GHz). */
    public LocalApic(int id, ApicBus bus, LongSupplier nanos) {
        this.id = id;
        this.bus = bus;
        this.nanos = nanos;
        bus.add(this);
        reset();
    }

    /**
     * What INIT and startup IPIs do to this APIC's CPU (SDM vol. 3, 8.4): the machine resets the
     * CPU and parks it in wait-for-SIPI, or starts it in real mode at the startup vector.
     */
    public interface StartupSignals {
        StartupSignals NONE = new StartupSignals() {
            @Override public void init() { }

            @Override public void startup(int vector) { }
        };

        /** An INIT message arrived: reset the CPU (an application processor then waits for a SIPI). */
        void init();

        /** A startup message with {@code vector} arrived: a CPU waiting for SIPI starts at CS:IP = vector*0x100:0. */
        void startup(int vector);
    }

    /** The power-on state (SDM 10.4.7.1): enabled at the default base, software-disabled, LVT masked. */
    public void reset() {
        apicBase = DEFAULT_BASE | ENABLE | (id == 0 ? BSP : 0);
        registersAtReset();
        apicId = id << 24;
    }

    /** INIT resets the APIC like power-on but keeps its ID and IA32_APIC_BASE (SDM vol. 3, 10.4.7.3). */
    private void initReset() {
        int keptId = apicId;
        registersAtReset();
        apicId = keptId;
    }

    private void registersAtReset() {
        java.util.Arrays.fill(irr, 0);
        java.util.Arrays.fill(isr, 0);
        java.util.Arrays.fill(tmr, 0);
        java.util.Arrays.fill(lvt, LVT_MASKED);
        tpr = ldr = esr = pendingEsr = icrLow = icrHigh = 0;
        dfr = 0xFFFF_FFFF;
        svr = 0xFF;
        nmiPending = false;
        timer.reset();
    }

    /**
     * What SeaBIOS leaves on the bootstrap CPU: software-enabled with spurious vector 0xFF, LINT0
     * in ExtINT mode (virtual wire: the 8259A pair reaches the CPU through it), LINT1 as NMI, both
     * level-triggered (QEMU 7.2's {@code info lapic} after the BIOS: 0x8700, 0x8400, SPIV 0x1ff).
     */
    public void biosVirtualWire() {
        svr = 0x1FF;
        lvt[LVT_LINT0] = LVT_LEVEL | ApicMessage.EXTINT << 8;
        lvt[LVT_LINT1] = LVT_LEVEL | ApicMessage.NMI << 8;
    }

    @Override
    public void attach(Board board) {
        this.board = board;
        board.mmio(apicBase & ~0xFFFL, 0x1000, this);
        board.timer(this);
        CpuInterruptInput input = board.interrupts().cpu(id);
        pic = input.source(); // what drove the CPU's INTR so far (the 8259A pair) now arrives on LINT0
        input.connect(this);
        LocalApicView view = new LocalApicView(this);
        // one view topic for all CPUs: it shows the APIC of the CPU the monitor looks at
        board.view(VIEW, r -> { if (board.currentCpu() == id) view.report(r); });
    }

    /** Tells this APIC what INIT and startup IPIs do to its CPU. */
    public void connectStartup(StartupSignals signals) { this.startup = signals; }

    /**
     * Tells this APIC how to reach its CPU: {@code interruptChanged} when a new interrupt may be
     * deliverable, {@code timersChanged} when the guest reprogrammed the timer.
     */
    public void connectCpu(Runnable interruptChanged, Runnable timersChanged) {
        this.interruptChanged = interruptChanged;
        this.timersChanged = timersChanged;
    }

    int id() { return id; }

    boolean globallyEnabled() { return (apicBase & ENABLE) != 0; }

    boolean softwareEnabled() { return globallyEnabled() && (svr & SVR_ENABLE) != 0; }

    ApicTimer timer() { return timer; }

    long now() { return nanos.getAsLong(); }

    // ---- IA32_APIC_BASE ------------------------------------------------------------------------

    @Override
    public long readApicBase() { return apicBase; }

    /**
     * Moves the register page and sets or clears the global enable. Cleared, the APIC is off until
     * reset (SDM 10.4.3: re-enabling needs a reset on P6-family CPUs; QEMU refuses it too) and its
     * page no longer decodes: the addresses read as unbacked memory.
     */
    @Override
    public boolean writeApicBase(long value) {
        if ((value & ~WRITABLE_BASE) != 0) return false;
        boolean enable = (value & ENABLE) != 0 && globallyEnabled();
        long oldBase = apicBase & ~0xFFFL;
        apicBase = (value & ~0xFFFL & 0xF_FFFF_FFFFL) | (apicBase & BSP) | (enable ? ENABLE : 0);
        if (!enable) {
            svr &= ~SVR_ENABLE;
            java.util.Arrays.fill(lvt, LVT_MASKED);
        }
        if (board != null && (oldBase != (apicBase & ~0xFFFL) || !enable)) remap(oldBase);
        interruptChanged.run();
        return true;
    }

    /** The register page moves with the restored IA32_APIC_BASE, and the CPU re-reads the interrupt line. */
    @Override
    public void restoreState(i386mon.machine.state.StateReader in, java.util.Set<Object> others) {
        long oldBase = apicBase & ~0xFFFL;
        i386mon.machine.state.FieldState.restore(this, in, others);
        if (board != null) remap(oldBase);
        if (interruptChanged != null) interruptChanged.run();
    }

    private void remap(long oldBase) {
        board.unmap(oldBase, this);
        if (globallyEnabled()) board.mmio(apicBase & ~0xFFFL, 0x1000, this);
    }

    // ---- registers ------------------------------------------------------------------------------

    /**
     * The APIC page answers the CPU that touches it. Every APIC maps its page, the first mapping
     * wins, so the access may arrive here for another CPU: it goes on to that CPU's APIC (or reads
     * as unbacked memory, all ones, when that APIC is globally disabled).
     */
    private LocalApic forCurrentCpu() {
        if (board == null || board.currentCpu() == id) return this;
        return bus.localApic(board.currentCpu());
    }

    @Override
    public int read(long offset, int size) {
        LocalApic target = forCurrentCpu();
        if (target != this) return target == null || !target.globallyEnabled() ? -1 : target.read(offset, size);
        if (size != 4 || (offset & 0xF) != 0) return 0;
        int reg = (int) (offset >>> 4);
        switch (reg) {
            case 0x02: return apicId;
            case 0x03: return VERSION;
            case 0x08: return tpr;
            case 0x09: return 0; // APR: arbitration priority, not used by xAPIC bus arbitration here
            case 0x0A: return ppr();
            case 0x0B: return 0; // EOI is write-only
            case 0x0D: return ldr;
            case 0x0E: return dfr;
            case 0x0F: return svr;
            case 0x28: return esr;
            case 0x30: return icrLow;
            case 0x31: return icrHigh;
            case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: return lvt[reg - 0x32];
            case 0x38: return timer.initialCount();
            case 0x39: return timer.currentCount(now());
            case 0x3E: return timer.divideConfiguration();
            default:
                if (reg >= 0x10 && reg < 0x18) return isr[reg - 0x10];
                if (reg >= 0x18 && reg < 0x20) return tmr[reg - 0x18];
                if (reg >= 0x20 && reg < 0x28) return irr[reg - 0x20];
                error(ESR_ILLEGAL_REGISTER);
                return 0;
        }
    }

    @Override
    public void write(long offset, int size, int value) {
        LocalApic target = forCurrentCpu();
        if (target != this) {
            if (target != null && target.globallyEnabled()) target.write(offset, size, value);
            return;
        }
        if (size != 4 || (offset & 0xF) != 0) return;
        int reg = (int) (offset >>> 4);
        switch (reg) {
            case 0x02: apicId = value & 0xFF00_0000; break;
            case 0x08: tpr = value & 0xFF; break;
            case 0x0B: endOfInterrupt(); break;
            case 0x0D: ldr = value & 0xFF00_0000; break;
            case 0x0E: dfr = value | 0x0FFF_FFFF; break;
            case 0x0F: writeSvr(value); break;
            case 0x28: esr = pendingEsr; pendingEsr = 0; break; // a write latches the errors seen since (SDM 10.5.3)
            case 0x30: icrLow = value & ~ICR_DELIVERY_STATUS; sendIpi(); break;
            case 0x31: icrHigh = value & 0xFF00_0000; break;
            case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: writeLvt(reg - 0x32, value); break;
            case 0x38: timer.load(value, now()); timersChanged.run(); break;
            case 0x3E: timer.setDivideConfiguration(value, now()); timersChanged.run(); break;
            case 0x03: case 0x09: case 0x0A: case 0x39:
                break; // read-only
            default:
                if (reg < 0x10 || reg >= 0x28) error(ESR_ILLEGAL_REGISTER);
                break;
        }
        interruptChanged.run();
    }

    private void writeSvr(int value) {
        svr = value & 0x3FF;
        // Software-disabled, every LVT entry is masked and stays so (SDM 10.4.7.2).
        if ((svr & SVR_ENABLE) == 0) for (int i = 0; i < lvt.length; i++) lvt[i] |= LVT_MASKED;
    }

    private void writeLvt(int index, int value) {
        int v = value & LVT_WRITABLE[index];
        if ((svr & SVR_ENABLE) == 0) v |= LVT_MASKED;
        lvt[index] = v | (lvt[index] & (LVT_REMOTE_IRR | LVT_PENDING));
        if (index == LVT_TIMER) {
            timer.setPeriodic((v >>> 17 & 3) == 1, now());
            timersChanged.run();
        }
    }

    private void error(int bit) {
        pendingEsr |= bit;
        int e = lvt[LVT_ERROR];
        if ((e & LVT_MASKED) == 0) accept(e & 0xFF, false);
    }

    // ---- priorities and acceptance (SDM 10.8) --------------------------------------------------

    /** PPR: the TPR if its class is at least the highest in-service class, else that class (SDM 10.8.3.1). */
    int ppr() {
        int isrv = highest(isr);
        int isrClass = isrv < 0 ? 0 : isrv & 0xF0;
        return (tpr & 0xF0) >= isrClass ? tpr : isrClass;
    }

    private static int highest(int[] bits) {
        for (int w = 7; w >= 0; w--) if (bits[w] != 0) return w * 32 + 31 - Integer.numberOfLeadingZeros(bits[w]);
        return -1;
    }

    private static boolean bit(int[] bits, int v) { return (bits[v >>> 5] & 1 << (v & 31)) != 0; }

    private static void set(int[] bits, int v, boolean on) {
        if (on) bits[v >>> 5] |= 1 << (v & 31);
        else bits[v >>> 5] &= ~(1 << (v & 31));
    }

    /** Puts fixed {@code vector} in the IRR (its trigger mode in the TMR); vectors 0-15 are illegal. */
    void accept(int vector, boolean level) {
        if (vector < 16) {
            pendingEsr |= ESR_RECEIVE_ILLEGAL_VECTOR;
            return;
        }
        set(irr, vector, true);
        set(tmr, vector, level);
        interruptChanged.run();
    }

    /** A message from the bus: fixed and lowest priority into the IRR, NMI to the CPU, INIT and startup to the machine. */
    void receive(ApicMessage m) {
        if (!globallyEnabled()) return;
        switch (m.mode()) {
            case ApicMessage.FIXED:
            case ApicMessage.LOWEST_PRIORITY:
                if ((svr & SVR_ENABLE) != 0) accept(m.vector(), m.level());
                break;
            case ApicMessage.NMI:
                nmiPending = true;
                interruptChanged.run();
                break;
            case ApicMessage.INIT:
                initReset();
                startup.init();
                break;
            case ApicMessage.STARTUP:
                startup.startup(m.vector());
                break;
            default:
                break; // SMI: no SMM
        }
    }

    /** True if this APIC is selected by {@code destination} (SDM 10.6.2). */
    boolean matches(int destination, boolean logical) {
        int d = destination & 0xFF;
        if (!logical) return d == 0xFF || d == apicId >>> 24;
        int logicalId = ldr >>> 24;
        if ((dfr >>> 28) == 0xF) return (d & logicalId) != 0; // flat model
        // cluster model: the high nibble names the cluster (15 broadcasts), the low nibble the members
        return ((d >>> 4) == (logicalId >>> 4) || (d >>> 4) == 0xF) && (d & logicalId & 0xF) != 0;
    }

    private int acceptableVector() {
        if (!softwareEnabled()) return -1;
        int v = highest(irr);
        return v >= 0 && (v & 0xF0) > (ppr() & 0xF0) ? v : -1;
    }

    /** The 8259A pair reaches the CPU: APIC globally off, or LINT0 unmasked in ExtINT mode. */
    private boolean passesPic() {
        int l = lvt[LVT_LINT0];
        return !globallyEnabled() || (l & LVT_MASKED) == 0 && (l >>> 8 & 7) == ApicMessage.EXTINT;
    }

    @Override
    public boolean hasInterrupt() {
        return acceptableVector() >= 0 || passesPic() && pic.hasInterrupt();
    }

    /** INTA: the APIC's highest acceptable vector moves to in-service; else the PIC's vector through LINT0. */
    @Override
    public int acknowledge() {
        int v = acceptableVector();
        if (v >= 0) {
            set(irr, v, false);
            set(isr, v, true);
            return v;
        }
        if (passesPic() && pic.hasInterrupt()) return pic.acknowledge();
        return svr & 0xFF; // the request vanished (TPR raised meanwhile): the spurious vector, no ISR bit
    }

    @Override
    public boolean takeNmi() {
        if (!nmiPending) return false;
        nmiPending = false;
        return true;
    }

    /** EOI: clears the highest in-service vector; a level-triggered one is broadcast to the I/O APICs. */
    private void endOfInterrupt() {
        int v = highest(isr);
        if (v < 0) return;
        set(isr, v, false);
        if (bit(tmr, v)) bus.endOfInterrupt(v);
    }

    // ---- IPIs (SDM 10.6) -------------------------------------------------------------------------

    private void sendIpi() {
        int mode = icrLow >>> 8 & 7, vector = icrLow & 0xFF;
        boolean level = (icrLow & ICR_LEVEL_TRIGGER) != 0;
        if (mode == ApicMessage.INIT && level && (icrLow & ICR_LEVEL_ASSERT) == 0) return; // INIT level de-assert: no message on xAPICs
        if ((mode == ApicMessage.FIXED || mode == ApicMessage.LOWEST_PRIORITY) && vector < 16) {
            error(ESR_SEND_ILLEGAL_VECTOR);
            return;
        }
        ApicMessage m = new ApicMessage(mode, vector, false);
        switch (icrLow >>> 18 & 3) {
            case 0: bus.deliver(icrHigh >>> 24, (icrLow & ICR_LOGICAL) != 0, m); break;
            case 1: receive(m); break;
            case 2: bus.broadcast(this, true, m); break;
            default: bus.broadcast(this, false, m); break;
        }
    }

    // ---- timer (SDM 10.5.4) ----------------------------------------------------------------------

    @Override
    public long nextEventNanos() { return timer.nextExpiry(); }

    @Override
    public void advanceTo(long now) {
        if (timer.expire(now) && (lvt[LVT_TIMER] & LVT_MASKED) == 0 && globallyEnabled()) accept(lvt[LVT_TIMER] & 0xFF, false);
    }
}
