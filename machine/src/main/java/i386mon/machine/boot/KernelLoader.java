package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Boots a kernel file with the protocol it declares. A file with both headers is booted as multiboot 1,
 * as {@code qemu-system-i386 -kernel} does (QEMU knows only multiboot 1; GRUB follows whichever command,
 * {@code multiboot} or {@code multiboot2}, the user typed), so the same file behaves the same here and
 * under QEMU; ask for {@link Protocol#MULTIBOOT2} explicitly to boot such a file the other way.
 */
public final class KernelLoader {
    public enum Protocol { AUTO, MULTIBOOT1, MULTIBOOT2 }

    private KernelLoader() { }

    /**
     * The command line a kernel sees for {@code qemu-system-i386 -kernel NAME -append APPEND}: the
     * kernel's file name as given, a space, then the append text (so a space ends it when the append
     * text is empty), as QEMU 7.2 builds it and as GRUB passes the file name first.
     */
    public static String commandLine(String kernelName, String append) {
        return (kernelName == null ? "" : kernelName) + " " + (append == null ? "" : append);
    }

    /** The protocol {@link Protocol#AUTO} picks for {@code kernel}, or null if it has no valid header of either kind. */
    public static Protocol detect(byte[] kernel) {
        if (validMultiboot1(kernel)) return Protocol.MULTIBOOT1;
        if (validMultiboot2(kernel)) return Protocol.MULTIBOOT2;
        return null;
    }

    public static BootImage load(PhysicalMemory memory, byte[] kernel, String cmdline, List<BootModule> modules) {
        return load(memory, kernel, cmdline, modules, Protocol.AUTO);
    }

    public static BootImage load(PhysicalMemory memory, byte[] kernel, String cmdline, List<BootModule> modules,
                                 Protocol protocol) {
        if (kernel.length == 0) throw new BootException("the kernel file is empty");
        switch (protocol) {
            case MULTIBOOT1: return MultibootLoader.load(memory, kernel, cmdline, modules);
            case MULTIBOOT2: return Multiboot2Loader.load(memory, kernel, cmdline, modules);
            default: break;
        }
        Protocol p = detect(kernel);
        if (p == Protocol.MULTIBOOT1) return MultibootLoader.load(memory, kernel, cmdline, modules);
        if (p == Protocol.MULTIBOOT2) return Multiboot2Loader.load(memory, kernel, cmdline, modules);
        // No valid header: let the loader whose magic is present explain what is wrong with it.
        MultibootLoader.find(kernel);
        Multiboot2Loader.find(kernel);
        if (ElfFile.isElf64(kernel)) throw new BootException(ElfFile.ELF64_MESSAGE);
        throw new BootException("not a multiboot kernel: no multiboot header in the first 8 KiB nor a multiboot 2 header in the first 32 KiB");
    }

    /** Reads the kernel file and boots it; an unreadable file is a {@link BootException}. */
    public static BootImage load(PhysicalMemory memory, Path kernel, String cmdline, List<BootModule> modules,
                                 Protocol protocol) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(kernel);
        } catch (IOException e) {
            throw new BootException("cannot read kernel " + kernel + ": " + e.getMessage());
        }
        return load(memory, bytes, cmdline, modules, protocol);
    }

    private static boolean validMultiboot1(byte[] kernel) {
        try {
            return MultibootLoader.find(kernel) != null;
        } catch (BootException e) {
            return false;
        }
    }

    private static boolean validMultiboot2(byte[] kernel) {
        try {
            return Multiboot2Loader.find(kernel) != null;
        } catch (BootException e) {
            return false;
        }
    }
}
