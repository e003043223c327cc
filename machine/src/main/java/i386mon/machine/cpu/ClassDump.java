package i386mon.machine.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes each class the block compiler defines to the directory named by the system property
 * {@code i386mon.jitDump} (unset: nothing is written), as {@code CompiledBlock$EIP.class}, so
 * {@code javap -c -p} shows the bytecode a guest block became. A development aid: a write that
 * fails is ignored, the block is compiled all the same.
 */
final class ClassDump {
    private static final String DIR = System.getProperty("i386mon.jitDump");

    private ClassDump() { }

    /** Writes {@code bytes}, the class {@code name} (internal form), if dumping is on. */
    static void write(String name, byte[] bytes) {
        if (DIR == null) return;
        try {
            Path dir = Path.of(DIR);
            Files.createDirectories(dir);
            Files.write(dir.resolve(name.substring(name.lastIndexOf('/') + 1) + ".class"), bytes);
        } catch (IOException | RuntimeException e) {
            // a development aid only: the block is compiled whether or not its class could be written
        }
    }
}
