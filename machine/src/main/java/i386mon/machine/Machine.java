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
 * The emulated PC: CPUs (each with its MMU and local APIC), memory, port bus, devices and the
 * virtual clock, run in slices that end at the next timer event so every run is deterministic.
 * Several CPUs ({@code -smp}) take turns on the one host thread ({@link SmpScheduler}).
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
    private final Cpu[] cpus;
    private final Mmu[] mmus;
    /** Application processors after INIT (and at power-on) wait for a startup IPI; they do not run. */
    private final boolean[] waitingForSipi;
    /** The CPU the monitor looks at ({@code cpu N}); after a stop, the CPU that stopped. */
    private int selectedCpu;
    private final SmpScheduler scheduler;
    private final BreakpointAddresses breakpoints = new BreakpointAddresses();
    private final PcDevices devices;
    private final Debugger debugger;
    private DebugTarget debugTarget;
    private Integer exitStatus;
    private BootImage bootImage;
    private SymbolTable symbols = new SymbolTable();
    private DebugInfo debugInfo = DebugInfo.NONE;
    private boolean resetRequested;
    /** Where the guest asked for the reset and what it wrote there, for the history mark. */
    private int resetPort, resetValue;
    /** What a system reset starts again (the firmware, the kernel, the boot sector), or null before a start. */
    private Runnable restart;
    /** SHA-256 of the booted kernel ELF (zeros before a boot): a snapshot is of one kernel. */
    private byte[] kernelIdentity = new byte[32];
    /** The booted image whose hash {@link #kernelIdentity()} has yet to take (hashed on the first snapshot, not at start-up). */
    private byte[] unhashedKernel;
    private final Snapshots snapshots;
    /** The bootstrap CPU's retired count when its current run slice began, or -1 between slices. */
    private long sliceStart = -1;

    public Machine(MachineConfig config) {
        this.config = config;
        this.memory = new PhysicalMemory(config.ramBytes());
        int n = config.cpus();
        this.cpus = new Cpu[n];
        this.mmus = new Mmu[n];
        this.waitingForSipi = new boolean[n];
        for (int i = 0; i < n; i++) {
            mmus[i] = new Mmu(memory);
            cpus[i] = new Cpu(memory, mmus[i], io, clock);
            cpus[i].setBreakpoints(breakpoints);
        }
        this.mmu = mmus[0];
        this.cpu = cpus[0];
        this.debugger = new Debugger(cpus, mmus, memory);
        MachineControl control = new MachineControl() {
            @Override public void requestReset() { Machine.this.requestReset(); }

            @Override public void requestReset(int port, int value) { Machine.this.requestReset(port, value); }

            @Override public void requestExit(int status) { Machine.this.requestExitStatus(status); }

            @Override public void setA20(boolean enabled) { Machine.this.setA20(enabled); }

            @Override public void elapse(long nanos) { Machine.this.elapse(nanos); }
        };
        PcDevices.Options options = PcDevices.Options.defaults()
                .withCom1(b -> { if (!replaying()) config.serialOut().accept(b); })
                .withDebugConsole(b -> { if (!replaying()) config.debugConsoleOut().accept(b); })
                .withRtcEpochSeconds(config.rtcEpochSeconds())
                .withCpus(n)
                .withInstructionTime(this::instructionTime)
                .withStorage(config.storage());
        this.devices = new PcDevices(io, clock, memory, control, options);
        connectCpusToDevices();
        devices.storage().setAccessListener((position, write, lba, count) ->
                debugger.diskAccess(devices.board().currentCpu(), write, position, lba, count));
        this.scheduler = new SmpScheduler(this, cpus, waitingForSipi, config.smpQuantum());
        applicationProcessorsWait();
        devices.powerOnBiosState(memory);
        // The BIOS builds its MP and ACPI tables at power-on; a kernel loaded later may overwrite them, as under QEMU.
        FirmwareTables.install(memory, new Processors(config.cpus(), CpuIdentity.signature(), CpuIdentity.features()));
        this.snapshots = new Snapshots(new MachineState(memory, devices.board(), snapshotParts(), this::kernelIdentity, cpu::retired, clock::nanos));
    }

    /**
     * The virtual time of the instruction running now: the clock's time plus what the bootstrap
     * CPU retired in the slice under way (the clock moves at slice ends). With several CPUs, the
     * clock's time.
     */
    private long instructionTime() {
        long inSlice = sliceStart < 0 ? 0 : cpu.retired() - sliceStart;
        return clock.nanos() + inSlice * clock.nanosPerInstruction();
    }

    /** Each CPU takes its interrupts from the router and talks to its own local APIC. */
    private void connectCpusToDevices() {
        for (int i = 0; i < cpus.length; i++) {
            Cpu c = cpus[i];
            c.setInterruptSource(devices.interrupts().cpu(i)); // the CPU asks the router, not a controller
            c.setApicBase(devices.localApic(i));
            devices.localApic(i).connectCpu(c::interruptLineChanged, c::timersChanged);
            devices.localApic(i).connectStartup(new StartupSignals(i));
        }
    }

    /** What a snapshot holds beside memory and the board's devices, by part name (the order is the file's). */
    private Map<String, Stateful> snapshotParts() {
        int n = cpus.length;
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("clock", clock);
        parts.put("mmu", new Stateful() {
            @Override public void saveState(StateWriter out) { mmu.saveState(out); }
            @Override public void restoreState(StateReader in) { mmu.restoreState(in); }
        });
        parts.put("cpu", new CpuState(cpu));
        parts.put("machine", new MachineFlags());
        parts.put("floppies", devices.floppy().overlays()); // outside the board's devices: a system reset keeps them
        if (n > 1) parts.put("cpus", new ApplicationProcessorsState(cpus, mmus, waitingForSipi, scheduler, () -> selectedCpu, this::selectCpu));
        return parts;
    }

    /** Reverse execution is replaying the past: its output was printed the first time. */
    private boolean replaying() {
        DebugTarget t = debugTarget;
        return t != null && t.timeline() != null && t.timeline().replaying();
    }

    /**
     * The machine's own state beside its parts: the A20 gate and a guest's exit or reset request not yet reported.
     * The gate is the MMUs' (the "mmu" part restores CPU 0's); it is here too for every CPU's MMU, and for the
     * file's layout.
     */
    private final class MachineFlags implements Stateful {
        @Override
        public void saveState(StateWriter out) {
            out.bool(a20()).bool(resetRequested).bool(exitStatus != null).i32(exitStatus == null ? 0 : exitStatus);
        }

        @Override
        public void restoreState(StateReader in) {
            setA20(in.bool());
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
    public boolean a20() { return mmu.a20(); }

    /** Drives the A20 line: every CPU's MMU masks its physical addresses alike. */
    private void setA20(boolean enabled) {
        for (Mmu m : mmus) m.setA20(enabled);
    }

    public MachineConfig config() { return config; }

    /** The bootstrap CPU (CPU 0). */
    public Cpu cpu() { return cpu; }

    /** CPU {@code index} (0 is the bootstrap CPU). */
    public Cpu cpu(int index) { return cpus[index]; }

    /** CPU {@code index}'s MMU (its CR3 and TLB). */
    public Mmu mmu(int index) { return mmus[index]; }

    public int cpuCount() { return cpus.length; }

    /** True while application processor {@code index} waits for a startup IPI (after power-on or INIT). */
    public boolean waitingForStartup(int index) { return waitingForSipi[index]; }

    /** The CPU the monitor looks at; a stop selects the CPU that stopped. */
    public int selectedCpu() { return selectedCpu; }

    /** Makes CPU {@code index} the one the monitor looks at (registers, memory through its CR3, its local APIC). */
    public void selectCpu(int index) {
        if (index < 0 || index >= cpus.length) {
            throw new IllegalArgumentException("no CPU " + index + " (this machine has CPUs 0-" + (cpus.length - 1) + ")");
        }
        selectedCpu = index;
        board().setCurrentCpu(index);
    }

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
            debugTarget = new EmulatedTarget(new MachineCpus(), memory, io, devices, debugger, () -> symbols, () -> debugInfo, breakpoints,
                    this::run, this::runCounted, this::requestStop, snapshots);
            ((EmulatedTarget) debugTarget).setSystemReset(this::systemReset);
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
        BootImage img = enterKernel(kernel, cmdline, modules);
        applicationProcessorsWait();
        bootImage = img;
        symbols = img.symbols();
        // kept, not parsed: the DWARF is read on the first source-level question (a module's is not read)
        debugInfo = ElfFile.hasElfMagic(kernel) && !ElfFile.isElf64(kernel) ? DebugInfo.of(kernel) : DebugInfo.NONE;
        unhashedKernel = kernel;
        started(() -> {
            devices.powerOnBiosState(memory);
            FirmwareTables.install(memory, new Processors(config.cpus(), CpuIdentity.signature(), CpuIdentity.features()));
            enterKernel(kernel, cmdline, modules);
        });
        return img;
    }

    /** Loads the kernel and leaves the bootstrap CPU at its entry as a multiboot loader does. */
    private BootImage enterKernel(byte[] kernel, String cmdline, List<BootModule> modules) {
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
        devices.powerOnReset(); // before the ROM is mapped: PAM back to ROM puts the BIOS area's ROM copy in place
        FirmwareRom.map(memory, image);
        devices.systemPorts().powerOnReset();
        setA20(true);
        cpu.powerOnReset();
        applicationProcessorsWait();
        bootImage = null;
        symbols = new SymbolTable();
        debugInfo = DebugInfo.NONE;
        unhashedKernel = image;
        started(() -> { }); // the firmware starts again from the reset vector, PAM back to ROM showing its pristine copy
    }

    /**
     * Loads a boot sector at 0x7C00 and enters it as a BIOS would ({@link BootSector}): real mode,
     * CS:IP 0000:7C00, DS = ES = SS = 0, SP 0x7C00, DL = 0x80, interrupts enabled; the BIOS state
     * our devices model (vectors to IRET stubs, the BIOS data area) stays. Throws a one-line
     * {@link i386mon.machine.boot.BootException} for a wrong size or a missing signature.
     */
    public void bootSector(byte[] sector) {
        enterBootSector(sector);
        applicationProcessorsWait();
        bootImage = null;
        symbols = new SymbolTable();
        debugInfo = DebugInfo.NONE;
        unhashedKernel = sector;
        started(() -> {
            devices.powerOnBiosState(memory);
            enterBootSector(sector);
        });
    }

    private void enterBootSector(byte[] sector) {
        BootSector.load(memory, sector);
        cpu.powerOnReset();
        for (int s = 0; s < 6; s++) cpu.setRealModeSegment(s, 0);
        cpu.setReg(Cpu.EDX, BootSector.BOOT_DRIVE);
        cpu.setReg(Cpu.ESP, BootSector.LOAD_ADDRESS);
        cpu.setEip(BootSector.LOAD_ADDRESS);
        cpu.setEflags(0x202);
    }

    private synchronized byte[] kernelIdentity() {
        if (unhashedKernel != null) {
            kernelIdentity = sha256(unhashedKernel);
            unhashedKernel = null;
        }
        return kernelIdentity.clone();
    }

    /**
     * The machine has started: the devices' state now is what a system reset returns them to, and
     * {@code again} (after the devices' reset and every CPU's power-on reset) starts what was started.
     */
    private void started(Runnable again) {
        devices.captureStartState();
        restart = again;
    }

    /**
     * A system reset, as QEMU's {@code qemu_system_reset} after a guest's request: RAM stays, every
     * device returns to its state at the start but for what a PC keeps ({@link PcDevices#systemReset}:
     * the CMOS RAM, the disks' data, the firmware log), every CPU to its power-on state (the
     * application processors wait for a startup IPI), the A20 gate opens, and what was started
     * starts again: the firmware at the reset vector, or the kernel or boot sector loaded afresh
     * over a BIOS state as the firmware would leave it. May run inside a run (between instructions).
     */
    public void systemReset() {
        if (restart == null) throw new IllegalStateException("nothing was started on this machine");
        devices.systemReset();
        setA20(true);
        for (int i = 0; i < cpus.length; i++) {
            cpus[i].powerOnReset();
            waitingForSipi[i] = i != 0;
            cpus[i].timersChanged();
            cpus[i].interruptLineChanged();
        }
        restart.run();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Every CPU but the bootstrap one is reset and waits for INIT/SIPI, as the BIOS leaves them
     * (SDM vol. 3, 8.4.1); the bootstrap CPU is selected again.
     */
    private void applicationProcessorsWait() {
        for (int i = 1; i < cpus.length; i++) {
            cpus[i].powerOnReset();
            waitingForSipi[i] = true;
        }
        scheduler.restart();
        selectCpu(0);
    }

    /** What INIT and SIPI messages do to CPU {@code index} (SDM vol. 3, 8.4.3 and 10.6.1). */
    private final class StartupSignals implements i386mon.machine.apic.LocalApic.StartupSignals {
        private final int index;

        StartupSignals(int index) { this.index = index; }

        /**
         * INIT resets the CPU: the bootstrap CPU starts again at the reset vector, an application
         * processor waits for a startup IPI. The CPU's run (if it sent INIT to itself) ends at the
         * next instruction boundary, so nothing runs from the reset state before its turn.
         */
        @Override
        public void init() {
            Cpu c = cpus[index];
            c.powerOnReset();
            if (index != 0) waitingForSipi[index] = true;
            c.timersChanged();
        }

        /** A startup IPI starts a waiting CPU in real mode at CS:IP = VV00:0000; others ignore it. */
        @Override
        public void startup(int vector) {
            if (!waitingForSipi[index]) return;
            Cpu c = cpus[index];
            c.setRealModeSegment(Cpu.CS, vector << 8);
            c.setEip(0);
            waitingForSipi[index] = false;
            c.interruptLineChanged();
        }
    }

    /** The CPUs as the debugging API sees them: how many, which one the monitor looks at. */
    private final class MachineCpus implements i386mon.machine.debug.CpuSet {
        @Override public int count() { return cpus.length; }

        @Override public Cpu cpu(int index) { return cpus[index]; }

        @Override public Mmu mmu(int index) { return mmus[index]; }

        @Override public int selected() { return selectedCpu; }

        @Override public void select(int index) { selectCpu(index); }

        @Override public boolean waitingForStartup(int index) { return waitingForSipi[index]; }
    }

    public void addBreakpoint(int linear) { breakpoints.add(linear); }

    public void removeBreakpoint(int linear) { breakpoints.remove(linear); }

    /** Stops a running {@link #run} at the next instruction boundary; safe from any thread. */
    public void requestStop() {
        for (Cpu c : cpus) c.requestStop(); // whichever CPU runs now sees it; the machine forgets the others' after the stop
    }

    /** Forgets stop requests not acted on (every CPU's). */
    void cancelStopRequests() {
        for (Cpu c : cpus) c.cancelStopRequest();
    }

    /** The guest exit status requested since the last call (isa-debug-exit), or null; consumed. */
    Integer takeExitStatus() {
        Integer s = exitStatus;
        exitStatus = null;
        return s;
    }

    /** The stop for a guest's exit request with {@code status} (isa-debug-exit). */
    static StopReason guestExit(int status) {
        return new StopReason(StopReason.Kind.EXIT, "guest exit: wrote 0x" + Integer.toHexString(status >>> 1) + " to port 0xf4 (status " + status + ")", status);
    }

    /** The stop for a guest's reset request. */
    static StopReason guestReset() { return StopReason.of(StopReason.Kind.RESET, "guest requested a machine reset"); }

    /** Whether the guest asked for a reset since the last call; consumed. */
    boolean takeResetRequest() {
        boolean r = resetRequested;
        resetRequested = false;
        return r;
    }

    /** The guest asked to stop the machine with process exit status {@code status} (isa-debug-exit). */
    void requestExitStatus(int status) {
        exitStatus = status;
        cpus[scheduler.running()].requestStop();
    }

    public void requestReset() { requestReset(0, 0); }

    /**
     * A device access took {@code nanos}: virtual time moves on, and the next timer event comes that
     * much nearer. With one CPU the slice under way ends where ending it at this instruction and
     * starting the next would have ended that one (the event's instruction stays the same, without
     * a return to this loop per access: SeaBIOS's waits read the PM timer some 18,000 times on a
     * floppy boot); if the event falls due by the end of the instruction, the slice ends there, so
     * the devices catch up before the next. With several CPUs (the clock moves at a round's end),
     * the running CPU's slice ends at the instruction.
     */
    private void elapse(long nanos) {
        clock.elapse(nanos);
        if (sliceStart < 0) { // several CPUs, or an access from outside a run
            cpus[scheduler.running()].timersChanged();
            return;
        }
        long retired = cpu.retired() - sliceStart + 1; // the slice's count once the accessing instruction retires
        long untilEvent = clock.instructionsFrom(instructionTime() + clock.nanosPerInstruction());
        if (untilEvent == 0) cpu.timersChanged();
        else if (untilEvent != Long.MAX_VALUE) cpu.endSliceAt(retired + untilEvent);
    }

    /** The guest asked for a system reset by writing {@code value} to {@code port}; it happens after the instruction. */
    void requestReset(int port, int value) {
        resetPort = port;
        resetValue = value;
        resetRequested = true;
        cpus[scheduler.running()].requestStop();
    }

    /**
     * Honours a guest's reset request taken from {@link #takeResetRequest}: the RESET stop under
     * {@code -no-reboot} (or before anything was started), else null after the mark in the history and the {@link #systemReset}.
     */
    StopReason guestResetRequested(int cpuIndex) {
        if (debugger.stopOnGuestReset() || restart == null) return guestReset();
        cancelStopRequests(); // the request's own stop: the run goes on
        debugger.guestReset(cpuIndex, resetPort, resetValue, !replaying());
        systemReset();
        return null;
    }

    /** Executes one instruction (or takes one pending interrupt/exception); with several CPUs, on the selected CPU only. */
    public StopReason step() { return run(1); }

    /**
     * Runs until a stop or until {@code maxInstructions} have retired. With several CPUs the budget
     * counts virtual time (instructions per CPU), and a budget of 1 steps the selected CPU alone
     * ({@link SmpScheduler}).
     */
    public StopReason run(long maxInstructions) {
        if (cpus.length > 1) return scheduler.run(maxInstructions);
        long remaining = maxInstructions;
        int idleSkips = 0;
        long wallStart = System.nanoTime(), virtualStart = clock.nanos();
        while (remaining > 0) {
            if (config.paced()) pace(wallStart, virtualStart);
            if (cpu.shutdown()) return StopReason.of(StopReason.Kind.TRIPLE_FAULT, tripleFaultText(cpu));
            long slice = Math.min(remaining, clock.instructionsUntilNextEvent());
            sliceStart = cpu.retired();
            long n;
            try {
                n = cpu.run(slice);
            } finally {
                sliceStart = -1;
            }
            clock.retire(n);
            remaining -= n;
            clock.sync();
            if (n > 0) idleSkips = 0;
            Integer status = takeExitStatus();
            if (status != null) return guestExit(status);
            if (takeResetRequest()) {
                StopReason stop = guestResetRequested(0);
                if (stop != null) return stop;
                idleSkips = 0;
                continue;
            }
            if (debugger.watchHitPending()) {
                StopReason w = watchStop(cpu);
                if (w != null) return w;
            }
            StopReason byState = stateStop(cpu);
            if (byState != null) return byState;
            switch (cpu.stopReason()) {
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
     * Runs until {@code instructions} more have retired over all CPUs together, or a stop. With
     * one CPU this is {@link #run}; with several, rounds do not depend on the count and the run
     * may end inside a turn ({@link SmpScheduler#runCounted}), so that reverse execution's replay,
     * which runs the past again in other pieces, repeats it exactly.
     */
    public StopReason runCounted(long instructions) {
        return cpus.length > 1 ? scheduler.runCounted(instructions) : run(instructions);
    }

    /**
     * Reports a watchpoint hit by CPU {@code c} (the one that ran when the hit came), unless it
     * stopped for a state-bound reason in the same instruction (a catchpoint, a breakpoint, a
     * triple fault): that stop is reported and the hit stays readable through {@link #lastWatchHit()}.
     */
    StopReason watchStop(Cpu c) {
        WatchHit hit = debugger.takeWatchHit();
        Cpu.Stop s = c.stopReason();
        cancelStopRequests(); // the hit's own request: the run stops here either way
        if (s == Cpu.Stop.EXCEPTION || s == Cpu.Stop.SHUTDOWN || s == Cpu.Stop.BREAKPOINT) return null;
        return StopReason.of(StopReason.Kind.WATCHPOINT, hit.toString());
    }

    /** With pacing on, waits while guest time is ahead of the wall-clock time since the run began. */
    void pace(long wallStart, long virtualStart) {
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

    /** The stop for CPU {@code c}'s state-bound stop reason (a breakpoint, a triple fault, a caught exception), or null. */
    static StopReason stateStop(Cpu c) {
        switch (c.stopReason()) {
            case BREAKPOINT: return StopReason.of(StopReason.Kind.BREAKPOINT, "breakpoint");
            case SHUTDOWN: return StopReason.of(StopReason.Kind.TRIPLE_FAULT, tripleFaultText(c));
            case EXCEPTION: return StopReason.of(StopReason.Kind.EXCEPTION_CAUGHT, "caught " + c.lastException().getMessage());
            default: return null;
        }
    }

    static String tripleFaultText(Cpu c) {
        StringBuilder sb = new StringBuilder("triple fault (");
        int[] chain = c.faultChain();
        for (int k = 0; k < chain.length; k++) {
            if (k > 0) sb.append(" -> ");
            sb.append(i386mon.machine.fault.CpuException.name(chain[k]));
        }
        return sb.append(" -> shutdown); state kept for inspection").toString();
    }
}
