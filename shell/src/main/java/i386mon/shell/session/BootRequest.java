package i386mon.shell.session;

import java.util.List;

/** What to boot: a multiboot kernel image, its command line, its modules and the RAM size. */
public record BootRequest(String kernelName, byte[] kernel, String cmdline, List<Module> modules, long ramBytes) {
    /** A multiboot module: its file's bytes and the string the kernel sees for it. */
    public record Module(String name, byte[] data, String string) { }
}
