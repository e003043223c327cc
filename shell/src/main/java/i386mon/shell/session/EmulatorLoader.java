package i386mon.shell.session;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.boot.BootException;
import i386mon.machine.boot.BootModule;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.floppy.FloppyImage;
import i386mon.machine.storage.DiskImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Boots kernels on the emulated PC and hands the shell its {@link DebugTarget}. */
public final class EmulatorLoader {
    /** Boots kernels on real machines. */
    public static final MachineLoader LOADER = EmulatorLoader::boot;

    private EmulatorLoader() { }

    /** QEMU's VGA BIOS for the std VGA's ROM, or null when the seabios package lacks it (SeaBIOS then runs without one). */
    private static byte[] vgaBios() {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(i386mon.machine.pci.StdVgaFunction.VGA_BIOS));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Creates a machine (its PC devices in their BIOS state) and boots the kernel as a multiboot
     * loader does, or starts a firmware ROM at the reset vector, or a boot sector at 0x7C00, as the
     * request says, with its diskettes in the floppy drives and QEMU's std VGA when the request has it. COM1 and the 0xE9 debug console both go to {@code serial}.
     */
    static DebugTarget boot(BootRequest request, IntConsumer serial) {
        MachineConfig config = new MachineConfig(request.ramBytes(), serial, serial).withPacing(request.paced())
                .withCpus(request.cpus()).withSmpQuantum(request.smpQuantum()).withStorage(request.storage());
        if (request.hostTime()) config = config.withRtcEpoch(System.currentTimeMillis() / 1000);
        Machine m;
        try {
            m = new Machine(config);
        } catch (DiskImageException e) {
            throw new CommandException(e.getMessage());
        }
        if (request.stdVga()) m.devices().plugStdVga(vgaBios());
        for (BootRequest.Floppy f : request.floppies()) {
            try {
                if (!f.hasDiskette()) {
                    m.devices().attachEmptyFloppyDrive(f.unit());
                    continue;
                }
                m.devices().insertFloppy(f.unit(), FloppyImage.open(java.nio.file.Path.of(f.file()), f.readOnly(), request.storage().snapshot()));
            } catch (IllegalArgumentException e) {
                m.debugTarget().close();
                throw new CommandException(e.getMessage());
            }
        }
        List<BootModule> modules = new ArrayList<>();
        for (BootRequest.Module mod : request.modules()) modules.add(new BootModule(mod.string(), mod.data()));
        try {
            switch (request.start()) {
                case BIOS -> m.powerOn(request.kernel());
                case BOOT_SECTOR -> m.bootSector(request.kernel());
                default -> m.boot(request.kernel(), request.kernelName(), request.cmdline(), modules);
            }
        } catch (BootException e) {
            m.debugTarget().close();
            throw new CommandException(request.kernelName() + ": " + e.getMessage());
        }
        return m.debugTarget();
    }
}
