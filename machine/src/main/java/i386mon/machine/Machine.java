package i386mon.machine;

import i386mon.machine.boot.BootImage;
import i386mon.machine.boot.BootModule;
import i386mon.machine.boot.BootSector;
import i386mon.machine.boot.FirmwareRom;
import i386mon.machine.boot.ElfFile;
import i386mon.machine.boot.KernelLoader;
import i386mon.machine.boot.SymbolTable;
import i386mon.machine.board.Board;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.cpu.BreakpointAddresses;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.cpu.CpuIdentity;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.Debugger;
import i386mon.machine.debug.EmulatedTarget;
import i386mon.machine.debug.StopReason;
import i386mon.machine.debug.WatchHit;
import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.devices.MachineControl;
import i386mon.machine.devices.PcDevices;
import i386mon.machine.firmware.FirmwareTables;
import i386mon.machine.firmware.Processors;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.mmu.Mmu;
import i386mon.machine.cpu.CpuState;
import i386mon.machine.snapshot.MachineState;
import i386mon.machine.snapshot.Snapshots;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.state.Stateful;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated PC: CPU, MMU, memory, port bus, devices and the virtual clock, run in slices that
 * end at the next timer event so every run is deterministic.
 */
public final class Machine {
    /** A HLT with interrupts enabled that no event wakes after this many skipped timer events stops the run. */
    static final int IDLE_SKIP_LIMIT = 10_000;

    private final MachineConfig config;
    private final PhysicalMemory memory;
    private final Mmu mmu;
    private final IoBus io = new IoBus();
    private final VirtualClock clock = new VirtualClock();
    private final Cpu cpu;
    private final BreakpointAddresses breakpoints = new BreakpointAddresses();
    private final PcDevices devices;
    private final Debugger debugger;
    private DebugTarget debugTarget;
    private Integer exitStatus;
    private boolean a20 = true;
    private BootImage bootImage;
    private SymbolTable symbols = new SymbolTable();
    private DebugInfo debugInfo = DebugInfo.NONE;
    private boolean resetRequested;
    /** SHA-256 of the booted kernel ELF (zeros before a boot): a snapshot is of one kernel. */
    private byte[] kernelIdentity = new byte[32];
    private final Snapshots snapshots;

    public Machine(MachineConfig config) {
        this.config = config;
        this.memory = new PhysicalMemory(config.ramBytes());
        this.mmu = new Mmu(memory);
        this.cpu = new Cpu(memory, mmu, io, clock);
        cpu.setBreakpoints(breakpoints);
        this.debugger = new Debugger(cpu, mmu, memory);
        MachineControl control = new MachineControl() {
            @Override public void requestReset() { Machine.this.requestReset(); }

            @Override public void requestExit(int status) { Machine.this.requestExitStatus(status); }

            @Override public void setA20(boolean enabled) {
                a20 = enabled;
                mmu.setA20(enabled);
            }
        };
        PcDevices.Options options = PcDevices.Options.defaults()
                .withCom1(b -> { if (!replaying()) config.serialOut().accept(b); })
                .withDebugConsole(b -> { if (!replaying()) config.debugConsoleOut().accept(b); })
                .withRtcEpochSeconds(config.rtcEpochSeconds());
        this.devices = new PcDevices(io, clock, memory, control, options);
        cpu.setInterruptSource(devices.interrupts().cpu(0)); // the CPU asks the router, not a controller
        cpu.setApicBase(devices.localApic());
        devices.localApic().connectCpu(cpu::interruptLineChanged, cpu::timersChanged);
        devices.powerOnBiosState(memory);
        // The BIOS builds its MP and ACPI tables at power-on; a kernel loaded later may overwrite them, as under QEMU.
        FirmwareTables.install(memory, new Processors(config.cpus(), CpuIdentity.signature(), CpuIdentity.features()));
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("clock", new Stateful() {
            @Override public void saveState(StateWriter out) { clock.saveState(out); }
            @Override public void restoreState(StateReader in) { clock.restoreState(in); }
        });
        parts.put("mmu", new Stateful() {
            @Override public void saveState(StateWriter out) { mmu.saveState(out); }
            @Override public void restoreState(StateReader in) { mmu.restoreState(in); }
        });
        parts.put("cpu", new CpuState(cpu));
        parts.put("machine", new MachineFlags());
        this.snapshots = new Snapshots(new MachineState(memory, devices.board(), parts, () -> kernelIdentity.clone(), cpu::retired, clock::nanos));
    }

    /** Reverse execution is replaying the past: its output was printed the first time. */
    private boolean replaying() {
        DebugTarget t = debugTarget;
        return t != null && t.timeline() != null && t.timeline().replaying();
    }

    /** The machine's own state beside its parts: the A20 gate and a guest's exit or reset request not yet reported. */
    private final class MachineFlags implements Stateful {
        @Override
        public void saveState(StateWriter out) {
            out.bool(a20).bool(resetRequested).bool(exitStatus != null).i32(exitStatus == null ? 0 : exitStatus);
        }

        @Override
        public void restoreState(StateReader in) {
            a20 = in.bool();
            resetRequested = in.bool();
            boolean exit = in.bool();
            int status = in.i32();
            exitStatus = exit ? status : null;
            in.end();
        }
    }

    /** Named snapshots and snapshot files of this machine ({@code savevm}, {@code loadvm}). */
    public Snapshots snapshots() { return snapshots; }

    public PcDevices devices() { return devices; }

    /** Where the devices are plugged in: their ports, MMIO, timers, interrupt wiring and views. */
    public Board board() { return devices.board(); }

    /**
     * The A20 gate as the guest last set it (port 0x92 or the 8042, the last write wins as in QEMU);
     * while it is closed the CPU's physical addresses have bit 20 cleared. Open at power-on, as on
     * QEMU's pc machine.
     */
    public boolean a20() { return a20; }

    public MachineConfig config() { return config; }

    public Cpu cpu() { return cpu; }

    public PhysicalMemory memory() { return memory; }

    public Mmu mmu() { return mmu; }

    public IoBus io() { return io; }

    public VirtualClock clock() { return clock; }

    public BreakpointAddresses breakpoints() { return breakpoints; }

    /** Watchpoints and the instruction history. */
    public Debugger debugger() { return debugger; }

    /**
     * This machine as every front end (the monitor shell, a GDB stub) sees it: registers, side-effect
     * free inspection, breakpoints and catchpoints, and runs that report a {@link StopReason}.
     */
    public synchronized DebugTarget debugTarget() {
        if (debugTarget == null) {
            debugTarget = new EmulatedTarget(cpu, mmu, memory, io, devices, debugger, () -> symbols, () -> debugInfo, breakpoints,
                    this::run, this::requestStop, snapshots);
        }
        return debugTarget;
    }

    /** The watchpoint hit the last {@link StopReason.Kind#WATCHPOINT} stop reported, or null. */
    public WatchHit lastWatchHit() { return debugger.watchpoints().lastHit(); }

    /** The loaded kernel's symbols (empty before {@link #boot}). */
    public SymbolTable symbols() { return symbols; }

    /** The loaded kernel's DWARF, read on first use ({@link DebugInfo#NONE} before {@link #boot} or without any). */
    public DebugInfo debugInfo() { return debugInfo; }

    /** What {@link #boot} loaded, or null. */
    public BootImage bootImage() { return bootImage; }

    /** Where the firmware's GDT sits (in ROM, where QEMU's multiboot option ROM keeps its own). */
    static final int BOOT_GDT = 0xCB2B8;
    static final long[] BOOT_GDT_ENTRIES = {
        0, 0x00CF9A000000FFFFL, 0x00CF93000000FFFFL, 0x00009A000000FFFFL, 0x000093000000FFFFL};

    /**
     * Loads a multiboot kernel with {@code cmdline} exactly as given and leaves the CPU as the
     * specification says: EAX = the magic, EBX = the info structure, flat 32-bit CS (0x08) and data
     * segments (0x10), protection on, paging and interrupts off; ESP and ECX (the entry point) as
     * QEMU's loader leaves them.
     * Throws {@link i386mon.machine.boot.BootException} (one line) when the file is not bootable;
     * the machine is unchanged then.
     */
    public BootImage boot(byte[] kernel, String cmdline, List<BootModule> modules) {
        return bootWithCommandLine(kernel, cmdline, modules);
    }

    /**
     * Boots as {@code qemu-system-i386 -kernel kernelName -append append} does: the command line is
     * the kernel's file name, a space and the append text ({@link KernelLoader#commandLine}).
     */
    public BootImage boot(byte[] kernel, String kernelName, String append, List<BootModule> modules) {
        return bootWithCommandLine(kernel, KernelLoader.commandLine(kernelName, append), modules);
    }

    private BootImage bootWithCommandLine(byte[] kernel, String cmdline, List<BootModule> modules) {
        BootImage img = KernelLoader.load(memory, kernel, cmdline == null ? "" : cmdline, modules == null ? List.of() : modules);
        byte[] gdt = new byte[BOOT_GDT_ENTRIES.length * 8];
        java.nio.ByteBuffer.wrap(gdt).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(BOOT_GDT_ENTRIES);
        memory.load(BOOT_GDT, gdt, 0, gdt.length);
        cpu.reset();
        cpu.setGdtr(BOOT_GDT, gdt.length - 1);
        cpu.loadFlatSegment(Cpu.CS, 0x08, BOOT_GDT_ENTRIES[1]);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) cpu.loadFlatSegment(s, 0x10, BOOT_GDT_ENTRIES[2]);
        cpu.setReg(Cpu.EAX, img.eax());
        cpu.setReg(Cpu.EBX, img.ebx());
        cpu.setReg(Cpu.ESP, img.esp());
        cpu.setReg(Cpu.ECX, img.eip()); // QEMU's option ROM jumps to the kernel through ECX
        cpu.setEip(img.eip());
        cpu.setEflags(2);
        bootImage = img;
        symbols = img.symbols();
        // kept, not parsed: the DWARF is read on the first source-level question (a module's is not read)
        debugInfo = ElfFile.hasElfMagic(kernel) && !ElfFile.isElf64(kernel) ? DebugInfo.of(kernel) : DebugInfo.NONE;
        kernelIdentity = sha256(kernel);
        return img;
    }

    /**
     * Maps the firmware ROM {@code image} as QEMU's {@code -bios} does ({@link FirmwareRom}) and
     * starts the CPU from its power-on reset state, so the first instruction is fetched at
     * 0xFFFFFFF0. RAM is cleared (what the BIOS state our devices model put there, the vectors and
     * tables, is gone: the firmware builds its own), the A20 gate is open. Throws a one-line
     * {@link i386mon.machine.boot.BootException} for a wrong size; the machine is unchanged then.
     */
    public void powerOn(byte[] image) {
        FirmwareRom.check(image);
        memory.fill(0, PhysicalMemory.VGA_HOLE_START, (byte) 0);
        memory.fill(PhysicalMemory.ROM_END, (int) Math.min(Integer.MAX_VALUE, memory.ramSize() - PhysicalMemory.ROM_END), (byte) 0);
        FirmwareRom.map(memory, image);
        devices.systemPorts().powerOnReset();
        a20 = true;
        mmu.setA20(true);
        cpu.powerOnReset();
        bootImage = null;
        symbols = new SymbolTable();
        debugInfo = DebugInfo.NONE;
        kernelIdentity = sha256(image);
    }

    /**
     * Loads a boot sector at 0x7C00 and enters it as a BIOS would ({@link BootSector}): real mode,
     * CS:IP 0000:7C00, DS = ES = SS = 0, SP 0x7C00, DL = 0x80, interrupts enabled; the BIOS state
     * our devices model (vectors to IRET stubs, the BIOS data area) stays. Throws a one-line
     * {@link i386mon.machine.boot.BootException} for a wrong size or a missing signature.
     */
    public void bootSector(byte[] sector) {
        BootSector.load(memory, sector);
        cpu.powerOnReset();
        for (int s = 0; s < 6; s++) cpu.setRealModeSegment(s, 0);
        cpu.setReg(Cpu.EDX, BootSector.BOOT_DRIVE);
        cpu.setReg(Cpu.ESP, BootSector.LOAD_ADDRESS);
        cpu.setEip(BootSector.LOAD_ADDRESS);
        cpu.setEflags(0x202);
        bootImage = null;
        symbols = new SymbolTable();
        debugInfo = DebugInfo.NONE;
        kernelIdentity = sha256(sector);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public void addBreakpoint(int linear) { breakpoints.add(linear); }

    public void removeBreakpoint(int linear) { breakpoints.remove(linear); }

    /** Stops a running {@link #run} at the next instruction boundary; safe from any thread. */
    public void requestStop() { cpu.requestStop(); }

    /** The guest asked to stop the machine with process exit status {@code status} (isa-debug-exit). */
    void requestExitStatus(int status) {
        exitStatus = status;
        cpu.requestStop();
    }

    public void requestReset() {
        resetRequested = true;
        cpu.requestStop();
    }

    /** Executes one instruction (or takes one pending interrupt/exception). */
    public StopReason step() { return run(1); }

    /** Runs until a stop or until {@code maxInstructions} have retired. */
    public StopReason run(long maxInstructions) {
        long remaining = maxInstructions;
        int idleSkips = 0;
        long wallStart = System.nanoTime(), virtualStart = clock.nanos();
        while (remaining > 0) {
            if (config.paced()) pace(wallStart, virtualStart);
            if (cpu.shutdown()) return StopReason.of(StopReason.Kind.TRIPLE_FAULT, tripleFaultText());
            long slice = Math.min(remaining, clock.instructionsUntilNextEvent());
            long n = cpu.run(slice);
            clock.retire(n);
            remaining -= n;
            clock.sync();
            if (n > 0) idleSkips = 0;
            if (exitStatus != null) {
                int status = exitStatus;
                exitStatus = null;
                return new StopReason(StopReason.Kind.EXIT, String.format("guest exit: wrote 0x%x to port 0xf4 (status %d)", status >>> 1, status), status);
            }
            if (resetRequested) {
                resetRequested = false;
                return StopReason.of(StopReason.Kind.RESET, "guest requested a machine reset");
            }
            if (debugger.watchHitPending()) {
                StopReason w = watchStop();
                if (w != null) return w;
            }
            switch (cpu.stopReason()) {
                case BREAKPOINT: return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");
                case SHUTDOWN: return StopReason.of(StopReason.Kind.TRIPLE_FAULT, tripleFaultText());
                case EXCEPTION: return StopReason.of(StopReason.Kind.EXCEPTION_CAUGHT, "caught " + cpu.lastException().getMessage());
                case REQUESTED: return StopReason.of(StopReason.Kind.STOP_REQUEST, "interrupted");
                case HALTED: {
                    if ((cpu.eflags() & Cpu.IF) == 0) return StopReason.of(StopReason.Kind.HALTED, "hlt with interrupts disabled: nothing can wake the CPU");
                    long next = clock.nextEventNanos();
                    if (next == Long.MAX_VALUE || ++idleSkips > IDLE_SKIP_LIMIT) {
                        return StopReason.of(StopReason.Kind.HALTED, "hlt: no interrupt arrives to wake the CPU");
                    }
                    clock.skipTo(next);
                    clock.sync();
                    cpu.interruptLineChanged();
                    break;
                }
                default: break;
            }
        }
        return StopReason.of(StopReason.Kind.BUDGET, "instruction budget reached");
    }

    /**
     * Reports a watchpoint hit, unless the CPU stopped for a state-bound reason in the same
     * instruction (a catchpoint, a breakpoint, a triple fault): that stop is reported and the hit
     * stays readable through {@link #lastWatchHit()}.
     */
    private StopReason watchStop() {
        WatchHit hit = debugger.takeWatchHit();
        Cpu.Stop s = cpu.stopReason();
        cpu.cancelStopRequest(); // the hit's own request: the run stops here either way
        if (s == Cpu.Stop.EXCEPTION || s == Cpu.Stop.SHUTDOWN || s == Cpu.Stop.BREAKPOINT) return null;
        return StopReason.of(StopReason.Kind.WATCHPOINT, hit.toString());
    }

    /** With pacing on, waits while guest time is ahead of the wall-clock time since the run began. */
    private void pace(long wallStart, long virtualStart) {
        long ahead;
        while ((ahead = (clock.nanos() - virtualStart) - (System.nanoTime() - wallStart)) > 1_000_000 && !cpu.stopPending()) {
            try {
                Thread.sleep(Math.min(ahead / 1_000_000, 50)); // short naps: a stop request is seen promptly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cpu.requestStop();
            }
        }
    }

    private String tripleFaultText() {
        StringBuilder sb = new StringBuilder("triple fault (");
        int[] chain = cpu.faultChain();
        for (int k = 0; k < chain.length; k++) {
            if (k > 0) sb.append(" -> ");
            sb.append(i386mon.machine.fault.CpuException.name(chain[k]));
        }
        return sb.append(" -> shutdown); state kept for inspection").toString();
    }
}
