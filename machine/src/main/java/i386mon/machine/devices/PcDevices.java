package i386mon.machine.devices;

import i386mon.machine.apic.ApicBus;
import i386mon.machine.apic.IoApic;
import i386mon.machine.apic.LocalApic;
import i386mon.machine.board.Board;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.dma.Dma8237;
import i386mon.machine.floppy.FloppyController;
import i386mon.machine.floppy.FloppyImage;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.cpu.CpuIdentity;
import i386mon.machine.firmware.Processors;
import i386mon.machine.firmware.fwcfg.FwCfg;
import i386mon.machine.firmware.fwcfg.PcFwCfg;
import i386mon.machine.pci.BiosPciSetup;
import i386mon.machine.pci.I440fx;
import i386mon.machine.pci.PciHost;
import i386mon.machine.pci.Piix3Isa;
import i386mon.machine.pci.Piix4Pm;
import i386mon.machine.pci.PiixIde;
import i386mon.machine.pci.StdVgaFunction;
import i386mon.machine.storage.IdeStorage;
import i386mon.machine.storage.StorageConfig;
import i386mon.machine.vga.BochsVbe;
import i386mon.machine.vga.LinearFramebuffer;
import i386mon.machine.vga.QemuVgaRegisters;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The PC's board and its devices: I/O APIC, PIC pair, PIT (+ port 0x61), COM1/COM2, the VGA,
 * 8042, CMOS RTC, the system ports, the DMA controllers, the floppy controller, the PCI host with
 * the i440FX/PIIX3/PIIX4 functions, fw_cfg, the 0x402 firmware debug console, the IDE channels
 * and the CPU's local APIC, each plugged into a {@link Board} with one line (the device claims
 * its ports, timers and views itself; its IRQs go through the board's interrupt router).
 * {@link #powerOnBiosState} then leaves what a PC BIOS (QEMU's SeaBIOS) leaves before the boot
 * loader runs.
 */
public final class PcDevices {
    /** Host-side choices; {@code rtcEpochSeconds} is the wall time at virtual time 0; {@code cpus} local APICs. */
    public record Options(SerialSink com1, SerialSink com2, SerialSink debugConsole, long rtcEpochSeconds, int cpus,
            LongSupplier instructionTime, StorageConfig storage) {
        public Options {
            if (storage == null) storage = StorageConfig.none();
        }

        /** Output discarded, RTC at 2000-01-01 00:00:00, one CPU, the clock's time for every device, no drives. */
        public static Options defaults() {
            SerialSink none = b -> { };
            return new Options(none, none, none, CmosRtc.DEFAULT_EPOCH_SECONDS, 1, null, null);
        }

        public Options withCom1(SerialSink s) { return new Options(s, com2, debugConsole, rtcEpochSeconds, cpus, instructionTime, storage); }

        public Options withCom2(SerialSink s) { return new Options(com1, s, debugConsole, rtcEpochSeconds, cpus, instructionTime, storage); }

        public Options withDebugConsole(SerialSink s) { return new Options(com1, com2, s, rtcEpochSeconds, cpus, instructionTime, storage); }

        /** Host time is used only when the host asks: pass e.g. the host's epoch seconds here. */
        public Options withRtcEpochSeconds(long s) { return new Options(com1, com2, debugConsole, s, cpus, instructionTime, storage); }

        /** A local APIC (and an INTR input) for each of {@code n} CPUs. */
        public Options withCpus(int n) { return new Options(com1, com2, debugConsole, rtcEpochSeconds, n, instructionTime, storage); }

        /**
         * The virtual time of the instruction running now, for every device with a sense of time:
         * firmware polls the ACPI PM timer in delay loops, which must see time pass within a run
         * slice (the clock's own time moves at slice ends), and what a device reads or schedules
         * must not depend on where the run's slices end (a debugger's steps, a replay in other
         * pieces). Null: the clock's time.
         */
        public Options withInstructionTime(LongSupplier t) {
            return new Options(com1, com2, debugConsole, rtcEpochSeconds, cpus, t, storage);
        }

        /** The IDE drives (the channels are there without any). */
        public Options withStorage(StorageConfig s) { return new Options(com1, com2, debugConsole, rtcEpochSeconds, cpus, instructionTime, s); }
    }

    /** SeaBIOS masks: pic_setup() masks all but IRQ2, then enable_hwirq() opens IRQ0 (timer),
     *  IRQ1 (keyboard), IRQ6 (floppy), IRQ8 (RTC), IRQ12 (mouse), IRQ13 (FPU), IRQ14 (ATA); QEMU's
     *  "info pic" after SeaBIOS shows imr=b8 on the master and imr=8e on the slave. */
    public static final int BIOS_MASTER_MASK = 0xB8;
    public static final int BIOS_SLAVE_MASK = 0x8E;
    /** PIT control word the BIOS writes: channel 0, lo/hi byte, mode 2, binary (SeaBIOS). */
    public static final int BIOS_PIT_CONTROL = 0x34;
    /** Real-mode address of the dummy IRET handler (F000:FF53, the traditional BIOS location). */
    public static final int IRET_STUB = 0xFFF53;
    /** EOI-sending handlers for hardware IRQs left on the BIOS's vectors. */
    public static final int MASTER_IRQ_STUB = 0xFFF00;
    public static final int SLAVE_IRQ_STUB = 0xFFF10;
    /** RAM of the scratch board {@link #viewTopics} builds: the least a machine may have. */
    private static final int SCRATCH_RAM = 2 << 20;

    private final IoBus bus;
    private final PhysicalMemory memory;
    private final Board board;
    private final PicPair pics;
    private final Pit8254 pit;
    private final SystemControlPortB portB;
    private final Uart16550 com1;
    private final Uart16550 com2;
    private final VgaText vga;
    private final Kbc8042 kbc;
    private final CmosRtc rtc;
    private final SystemPorts systemPorts;
    private final IoApic ioApic;
    private final Dma8237 dma;
    private final FloppyController fdc;
    private final PciHost pci;
    private final PiixIde ide;
    private final FirmwareLog firmwareLog;
    private final List<LocalApic> localApics = new java.util.ArrayList<>();
    private final IdeStorage storage;
    /** QEMU's std VGA function once {@link #plugStdVga} put it in slot 2, else null. */
    private StdVgaFunction stdVga;
    private StartState startState;

    /** The PC's devices on a board over {@code bus}, {@code memory} and {@code clock}, with {@code options.cpus()} CPUs. */
    public PcDevices(IoBus bus, VirtualClock clock, PhysicalMemory memory, MachineControl control,
            Options options) {
        this.bus = bus;
        this.memory = memory;
        board = new Board(bus, memory, clock, new InterruptRouter(options.cpus()));
        IrqSink irqs = board.irqs();
        // Every device sees the time of the instruction that accesses it, however the run is cut into slices.
        LongSupplier now = options.instructionTime() != null ? options.instructionTime() : clock::nanos;
        // One line per device, in the order the monitor lists their views.
        ApicBus apicBus = new ApicBus();
        ioApic = board.add(new IoApic(apicBus)); // before the PICs: QEMU's info pic shows it first
        pics = board.add(new PicPair());
        pit = board.add(new Pit8254(now, irqs));
        portB = board.add(new SystemControlPortB(pit));
        com1 = board.add(new Uart16550(Uart16550.COM1_PORT, Uart16550.COM1_IRQ, irqs, options.com1(), now));
        com2 = board.add(new Uart16550(Uart16550.COM2_PORT, Uart16550.COM2_IRQ, irqs, options.com2(), now));
        vga = board.add(new VgaText(now));
        kbc = board.add(new Kbc8042(irqs, control));
        rtc = board.add(new CmosRtc(now, irqs, options.rtcEpochSeconds()));
        rtc.setMemorySize(memory.ramSize() & 0xFFFF_FFFFL);
        rtc.setPlatformBytes(options.cpus());
        rtc.setBootOrder(options.storage().bootOrder());
        systemPorts = board.add(new SystemPorts(control, options.debugConsole()));
        dma = board.add(new Dma8237(memory));
        fdc = board.add(new FloppyController(irqs, dma, now));
        firmwareLog = board.add(new FirmwareLog());
        ide = new PiixIde();
        // the FADT's PM_TMR_BLK decodes where the firmware puts the PIIX4 PM base
        pci = board.add(new PciHost(v -> control.requestReset(PciHost.RESET_CONTROL_PORT, v), List.of(new I440fx(memory), new Piix3Isa(), ide, new Piix4Pm(new AcpiPmTimer(now, control::elapse)))));
        board.add(PcFwCfg.fill(new FwCfg(memory), memory.ramSize(),
                new Processors(options.cpus(), CpuIdentity.signature(), CpuIdentity.features())));
        // After the PICs: the local APIC takes over the CPU's INTR and passes their output on through LINT0.
        for (int cpu = 0; cpu < options.cpus(); cpu++) localApics.add(board.add(new LocalApic(cpu, apicBus, now)));
        storage = new IdeStorage(board, memory, options.storage()); // both IDE channels and the BMIDE block
        ide.setBusMasterRegisters(storage.busMaster());
        storage.busMasterPortFrom(ide::busMasterPort);
        storage.busMasteringFrom(() -> (ide.command() & i386mon.machine.pci.PciFunction.COMMAND_MASTER) != 0);
        storage.alsoInBlockView((r, after) -> fdc.blockInfo(r, u -> "#block" + (110 + u), after));
    }

    /**
     * The views a PC board offers, for a front end that builds its commands before any machine
     * exists: read from the devices a scratch board registers, so they cannot drift apart.
     */
    public static List<ViewTopic> viewTopics() {
        MachineControl none = new MachineControl() {
            @Override public void requestReset() { }

            @Override public void requestExit(int status) { }

            @Override public void setA20(boolean enabled) { }
        };
        return new PcDevices(new IoBus(), new VirtualClock(), new PhysicalMemory(SCRATCH_RAM), none, Options.defaults())
                .board().topics();
    }

    /** Where the devices are plugged in, their views and the interrupt router. */
    public Board board() { return board; }

    /** The interrupt wiring from the ISA lines to the CPUs. */
    public InterruptRouter interrupts() { return board.interrupts(); }

    public PicPair pics() { return pics; }

    public Pit8254 pit() { return pit; }

    public SystemControlPortB portB() { return portB; }

    public Uart16550 com1() { return com1; }

    public Uart16550 com2() { return com2; }

    public VgaText vga() { return vga; }

    public Kbc8042 keyboard() { return kbc; }

    public CmosRtc rtc() { return rtc; }

    public SystemPorts systemPorts() { return systemPorts; }

    public IoApic ioApic() { return ioApic; }

    /** The two 8237A DMA controllers. */
    public Dma8237 dma() { return dma; }

    /** The floppy disk controller and its drives. */
    public FloppyController floppy() { return fdc; }

    /**
     * Puts diskette {@code image} in drive {@code unit} (0 = A:, 1 = B:) before the guest runs,
     * and records the drive as the firmware would have: in CMOS as QEMU does (register 0x10 drive
     * types, equipment byte 0x14 bits 0 and 6) and in the BIOS data area's equipment word.
     */
    public void insertFloppy(int unit, FloppyImage image) {
        fdc.insert(unit, image);
        recordFloppyDrives();
    }

    /**
     * Connects floppy drive {@code unit} with no diskette, as QEMU's pc machine has drive A unless
     * told otherwise: recorded like a drive with one (CMOS type 5, QEMU's fallback for an empty
     * drive), and the controller reports no medium.
     */
    public void attachEmptyFloppyDrive(int unit) {
        fdc.attachEmpty(unit);
        recordFloppyDrives();
    }

    private void recordFloppyDrives() {
        rtc.setFloppyDrives(fdc.drive(0).type().cmosCode(), fdc.drive(1).type().cmosCode());
        memory.write16(0x410, memory.read16(0x410) & ~0xC1 | floppyEquipmentBits());
    }

    /** Equipment-word bits for the drives: bit 0 and bits 6-7 = drives - 1, as SeaBIOS sets them from CMOS byte 0x10. */
    private int floppyEquipmentBits() {
        int drives = (fdc.drive(0).connected() ? 1 : 0) + (fdc.drive(1).connected() ? 1 : 0);
        return drives == 0 ? 0 : 0x01 | (drives - 1) << 6;
    }

    /**
     * Plugs QEMU's std VGA PCI function into slot 2 ({@code -vga std}), with {@code vgaBios} (the
     * VGA BIOS image, or null) in its expansion ROM, and claims the Bochs VBE ports 0x1CE-0x1D0.
     * Call before the guest runs; the function is programmed as SeaBIOS leaves it (BAR0 at
     * 0xFD000000, BAR2 at 0xFEBF0000) until a firmware power-on resets PCI.
     */
    public void plugStdVga(byte[] vgaBios) {
        if (stdVga != null) return;
        stdVga = new StdVgaFunction(new LinearFramebuffer(vga.videoMemory()),
                new QemuVgaRegisters(vga, vga.vbe()), vgaBios);
        pci.plug(stdVga);
        board.ports(BochsVbe.INDEX_PORT, 3, vga.vbe());
        StdVgaFunction f = stdVga;
        vga.setFramebufferAddress(() -> f.barAddress(StdVgaFunction.FRAMEBUFFER_BAR));
        BiosPciSetup.program(pci, bus);
    }

    /** The std VGA PCI function, or null ({@code -vga none}). */
    public StdVgaFunction stdVga() { return stdVga; }

    /** PCI bus 0: configuration mechanism #1 and the chipset functions. */
    public PciHost pci() { return pci; }

    /** The PIIX3 IDE function, whose BAR4 decodes the bus-master registers. */
    public PiixIde ide() { return ide; }

    /** What the firmware wrote to the 0x402 debug console. */
    public FirmwareLog firmwareLog() { return firmwareLog; }

    /**
     * The chipset as at power-on, before firmware ran (a {@code --bios} start): PCI functions
     * unprogrammed (BARs, PIRQ routes, PM base off; PAM reading ROM), ELCR clear, the firmware log
     * empty; with the std VGA function, the VGA's registers cleared for its BIOS.
     */
    public void powerOnReset() {
        pci.reset();
        if (stdVga != null) vga.powerOnReset(); // as QEMU resets it, for its VGA BIOS to program
        bus.out(PicPair.ELCR_PORT, 1, 0);
        bus.out(PicPair.ELCR_PORT + 1, 1, 0);
        firmwareLog.clear();
    }

    /** Remembers the devices as they are now, the state {@link #systemReset} returns them to. */
    public void captureStartState() { startState = new StartState(board); }

    /** A system reset: every device back to its state at the machine's start, but for what a reset keeps ({@link StartState}). */
    public void systemReset() {
        if (startState == null) throw new IllegalStateException("the machine has not started");
        startState.restore();
    }

    /** The IDE channels, their drives and the bus-master DMA block. */
    public IdeStorage storage() { return storage; }

    /** The bootstrap CPU's local APIC. */
    public LocalApic localApic() { return localApics.get(0); }

    /** CPU {@code index}'s local APIC. */
    public LocalApic localApic(int index) { return localApics.get(index); }

    /** Told once per port the guest touches that no device decodes. */
    public void setUnknownPortListener(IntConsumer listener) { bus.setUnknownPortListener(listener); }

    /**
     * Programs the devices through their ports as the BIOS does and fills the BIOS data area and
     * the real-mode IVT, leaving the machine as SeaBIOS leaves it before INT 19h loads a boot sector.
     */
    public void powerOnBiosState(PhysicalMemory mem) {
        initPics();
        // PIT channel 0: lo/hi, count 0 = 65536 -> 18.2 Hz. SeaBIOS (src/hw/timer.c pit_setup)
        // uses mode 2 (0x34) where the IBM PC BIOS used mode 3 (0x36); we follow SeaBIOS/QEMU.
        bus.out(0x43, 1, BIOS_PIT_CONTROL);
        bus.out(0x40, 1, 0x00);
        bus.out(0x40, 1, 0x00);
        initKeyboardController();
        initDma();
        BiosPciSetup.program(pci, bus);
        storage.biosState();
        localApic().biosVirtualWire();
        vga.setMode3(mem);
        writeBiosDataArea(mem);
        writeInterruptVectors(mem);
    }

    private void initPics() {
        int[] seq = { 0x20, 0x11, 0xA0, 0x11, 0x21, 0x08, 0xA1, 0x70, 0x21, 0x04, 0xA1, 0x02,
            0x21, 0x01, 0xA1, 0x01, 0x21, BIOS_MASTER_MASK, 0xA1, BIOS_SLAVE_MASK };
        for (int i = 0; i < seq.length; i += 2) bus.out(seq[i], 1, seq[i + 1]);
    }

    /** SeaBIOS's dma_setup(): both controllers master-cleared (all channels masked), channel 4 cascading and unmasked. */
    private void initDma() {
        bus.out(0x0D, 1, 0);
        bus.out(0xDA, 1, 0);
        bus.out(0xD6, 1, 0xC0);
        bus.out(0xD4, 1, 0x00);
    }

    private void initKeyboardController() {
        bus.out(0x64, 1, 0xAA); // self-test sets the system flag
        bus.in(0x60, 1);
        bus.out(0x60, 1, 0xFF); // keyboard reset: FA AA
        bus.in(0x60, 1);
        bus.in(0x60, 1);
        // Command byte as SeaBIOS leaves it: keyboard IRQ on, aux port disabled, translation on.
        bus.out(0x64, 1, 0x60);
        bus.out(0x60, 1, 0x61);
    }

    /** The BIOS data area at 0x400 (IBM PC/AT Technical Reference; Ralf Brown's MEMORY.LST). */
    private void writeBiosDataArea(PhysicalMemory mem) {
        mem.fill(0x400, 0x100, (byte) 0);
        mem.write16(0x400, Uart16550.COM1_PORT);
        mem.write16(0x402, Uart16550.COM2_PORT);
        // 0x408-0x40D: LPT1-3 base addresses stay 0, there is no parallel port.
        mem.write16(0x40E, 0x9FC0); // EBDA segment: the top KiB of conventional memory
        // Equipment word: FPU (bit 1), initial video 80x25 colour (bits 4-5 = 10), 2 serial ports.
        mem.write16(0x410, 0x0002 | 0x0020 | 2 << 9 | floppyEquipmentBits());
        mem.write16(0x413, 639);
        mem.write16(0x41A, 0x1E); // keyboard buffer head and tail (empty)
        mem.write16(0x41C, 0x1E);
        mem.write8(0x449, 0x03);  // video mode
        mem.write16(0x44A, 80);   // columns
        mem.write16(0x44C, 0x1000); // regen buffer size
        mem.write16(0x460, 0x0607); // cursor shape: start line 6, end line 7 (CGA units)
        mem.write16(0x463, 0x3D4);  // CRTC base port
        mem.write8(0x465, 0x29);  // mode select register value for mode 3
        mem.write8(0x466, 0x30);  // CGA palette
        mem.write16(0x480, 0x1E); // keyboard buffer start and end offsets
        mem.write16(0x482, 0x3E);
        mem.write8(0x484, 24);    // rows - 1
        mem.write16(0x485, 16);   // character height
        mem.write8(0x487, 0x60);  // EGA/VGA control
        mem.write8(0x488, 0xF9);  // EGA/VGA switches
        mem.write8(0x489, 0x51);  // VGA flags: 400 lines, default palette loading
        mem.write8(0x496, 0x10);  // keyboard: 101/102-key present
        mem.fill(0x9FC00, 0x400, (byte) 0);
        mem.write8(0x9FC00, 1);   // EBDA size in KiB
    }

    /** Every vector points at an IRET in ROM; hardware IRQ vectors at stubs that send the EOI. */
    private void writeInterruptVectors(PhysicalMemory mem) {
        byte[] iret = { (byte) 0xCF };
        // push ax; mov al,0x20; out 0x20,al; pop ax; iret
        byte[] masterEoi = { 0x50, (byte) 0xB0, 0x20, (byte) 0xE6, 0x20, 0x58, (byte) 0xCF };
        // push ax; mov al,0x20; out 0xA0,al; out 0x20,al; pop ax; iret
        byte[] slaveEoi = { 0x50, (byte) 0xB0, 0x20, (byte) 0xE6, (byte) 0xA0, (byte) 0xE6, 0x20, 0x58,
            (byte) 0xCF };
        mem.load(IRET_STUB, iret, 0, iret.length);
        mem.load(MASTER_IRQ_STUB, masterEoi, 0, masterEoi.length);
        mem.load(SLAVE_IRQ_STUB, slaveEoi, 0, slaveEoi.length);
        for (int v = 0; v < 256; v++) {
            int target = v >= 0x08 && v <= 0x0F ? MASTER_IRQ_STUB
                    : v >= 0x70 && v <= 0x77 ? SLAVE_IRQ_STUB : IRET_STUB;
            mem.write16(v * 4L, target & 0xFFFF);
            mem.write16(v * 4L + 2, 0xF000);
        }
    }
}
