package i386mon.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A batch i386mon on the real emulator, in this JVM, its stdout and stderr kept (for the GDB stub tests). */
final class BatchLauncher {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Launcher launcher;

    BatchLauncher(Path home) {
        launcher = new Launcher(i386mon.shell.session.EmulatorLoader.LOADER, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", home.toString()), () -> {
                    throw new AssertionError("batch runs need no terminal");
                });
    }

    int run(String... args) {
        return launcher.run(args);
    }

    /** Runs on a thread of its own (a run with a GDB stub lasts until gdb kills the target). */
    CompletableFuture<Integer> start(String... args) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        Thread t = new Thread(() -> status.complete(launcher.run(args)), "i386mon-batch");
        t.setDaemon(true);
        t.start();
        return status;
    }

    /** Waits (generously) until the stub says it listens. */
    void awaitGdbListening() throws InterruptedException {
        for (int i = 0; i < 2400 && !err().contains("gdb: waiting for a connection on "); i++) Thread.sleep(50);
        if (!err().contains("gdb: waiting for a connection on ")) throw new AssertionError("the stub did not start: " + err());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
