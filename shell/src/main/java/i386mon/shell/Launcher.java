package i386mon.shell;

import i386mon.shell.commands.CommandDispatcher;
import i386mon.shell.commands.UsageText;
import i386mon.shell.format.WordWrap;
import i386mon.shell.gdbstub.GdbServer;
import i386mon.shell.log.GuestLog;
import i386mon.shell.log.LogItems;
import i386mon.machine.boot.ElfFile;
import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.dwarf.DebugInfo;
import i386mon.machine.storage.StorageConfig;
import i386mon.shell.repl.Repl;
import i386mon.shell.script.ScriptRunner;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.ExitStatus;
import i386mon.shell.session.MachineLoader;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

/**
 * Runs one i386mon invocation: parses the launch options, boots the kernel, runs the -c/-x
 * actions in command-line order, then either exits (--batch) or hands over to the REPL.
 * Everything it needs from the host comes in through the constructor, so tests drive it whole.
 */
final class Launcher {
    private final MachineLoader loader;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Map<String, String> env;
    private final Supplier<Terminal> terminals;
    private final LongSupplier maxHeap;
    /** Heap the session needs besides the guest's RAM (its tables, the serial window, the history). */
    static final long HEAP_HEADROOM = 64L << 20;

    Launcher(MachineLoader loader, PrintStream stdout, PrintStream stderr, Map<String, String> env, Supplier<Terminal> terminals) {
        this(loader, stdout, stderr, env, terminals, Runtime.getRuntime()::maxMemory);
    }

    /** {@code maxHeap}: the most heap this JVM may use (a test gives a small one). */
    Launcher(MachineLoader loader, PrintStream stdout, PrintStream stderr, Map<String, String> env, Supplier<Terminal> terminals,
             LongSupplier maxHeap) {
        this.maxHeap = maxHeap;
        this.loader = loader;
        this.stdout = stdout;
        this.stderr = stderr;
        this.env = env;
        this.terminals = terminals;
    }

    /** One -c or -x, in the order given. */
    private record Action(boolean script, String value) { }

    int run(String[] args) {
        EarlyTerminal early = EarlyTerminal.start(args, terminals, Launcher::startThread);
        try {
            return run(args, early);
        } finally {
            early.closeUnlessTaken();
        }
    }

    private int run(String[] args, EarlyTerminal early) {
        SerialCapture serial = new SerialCapture(null); // its destination is set once the options are parsed
        Session session = new Session(loader, serial, null, null);
        // the plain command lines without picocli's model (100-150 ms of a start); the rest as before
        LaunchOptions quick = QuickLaunchParser.parse(args);
        LaunchOptions opts = quick != null ? quick : new LaunchOptions();
        CommandLine cl = null;
        if (quick == null) {
            cl = commandLine(opts);
            try {
                cl.parseArgs(args);
            } catch (CommandLine.UnmatchedArgumentException e) {
                String qemuStyle = unsupportedQemuOption(e.getUnmatched());
                if (qemuStyle != null) {
                    stderr.println("not supported: " + qemuStyle);
                    return ExitStatus.USAGE_OR_COMMAND_FAILED;
                }
                return usageError(cl, e.getMessage());
            } catch (CommandLine.ParameterException e) {
                return usageError(cl, e.getMessage());
            }
            if (cl.isUsageHelpRequested()) {
                stdout.print(UsageText.of(cl, WordWrap.DEFAULT_WIDTH));
                return ExitStatus.SUCCESS;
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(stdout, CommandLine.Help.Ansi.OFF);
                return ExitStatus.SUCCESS;
            }
            // (a quick parse took every dash word as a whole option name: none is glued to -d or -D)
            String glued = gluedToLogOption(args, cl);
            if (glued != null) {
                stderr.println("not supported: " + glued);
                return ExitStatus.USAGE_OR_COMMAND_FAILED;
            }
        }
        String unsupported = opts.qemu.unsupported();
        if (unsupported != null) {
            stderr.println(unsupported);
            return ExitStatus.USAGE_OR_COMMAND_FAILED;
        }
        if ("help".equals(opts.qemu.log)) {
            stdout.println("Log items (comma separated): " + LogItems.names());
            return ExitStatus.SUCCESS;
        }
        java.util.Set<LogItems.Item> logItems;
        try {
            logItems = opts.qemu.log == null ? java.util.Set.of() : LogItems.parse(opts.qemu.log);
        } catch (CommandException e) {
            stderr.println(e.getMessage());
            return ExitStatus.USAGE_OR_COMMAND_FAILED;
        }
        if (opts.timeout != null && opts.timeout <= 0) return usageError(cl, "--timeout must be a positive number of seconds: " + opts.timeout);
        if (opts.maxInstructions != null && opts.maxInstructions <= 0) return usageError(cl, "--max-instructions must be positive: " + opts.maxInstructions);
        takeQemuSpellings(opts);
        long ram;
        int cpus;
        OutputStream serialOut;
        List<BootRequest.Module> modules;
        List<BootRequest.Floppy> floppies;
        StorageConfig storage;
        try {
            cpus = SmpOption.cpus(opts.smp);
            SmpOption.checkQuantum(opts.smpQuantum);
            ram = SizeParser.parse(opts.memory);
            serialOut = serialTarget(opts.serial);
            modules = KernelFiles.modules(opts.modules, ram);
            storage = opts.drives.storage();
            floppies = opts.drives.floppies(opts.fda, opts.fdb);
        } catch (CommandException e) {
            return usageError(cl, e.getMessage());
        }
        if (ram + HEAP_HEADROOM > maxHeap.getAsLong()) {
            stderr.println(String.format("i386mon: a guest with %d MiB of RAM does not fit in this JVM's %d MiB heap "
                    + "(scripts/i386mon sizes the heap from -m; else give java -Xmx%dm)", ram >> 20, maxHeap.getAsLong() >> 20,
                    (ram + HEAP_HEADROOM + (1 << 20) - 1) >> 20));
            return ExitStatus.USAGE_OR_COMMAND_FAILED;
        }
        if (cpus > 1 && logItems.contains(LogItems.Item.INT)) {
            stderr.println("not supported: -d int with -smp " + cpus + " (the log follows one CPU)");
            return ExitStatus.USAGE_OR_COMMAND_FAILED;
        }
        String conflict = startConflict(opts);
        if (conflict != null) return usageError(cl, conflict);
        List<Action> actions = actionsInOrder(List.of(args), opts);

        PrintWriter log;
        try {
            log = logTarget(opts.qemu.logFile);
        } catch (CommandException e) {
            stderr.println(e.getMessage());
            return ExitStatus.USAGE_OR_COMMAND_FAILED;
        }
        serial.setForward(serialOut);
        // Start-up work runs in parallel: the terminal, the kernel boot and the command model. The
        // model (picocli's reflection over every command class) is the longest piece that no
        // option needs: an interactive start with nothing to run first shows its prompt while the
        // model is built (the first command or TAB waits for it), so it does not take the two
        // cores from the boot on the way to the prompt.
        String gdbAt = opts.gdb != null ? opts.gdb : opts.gdbDefaultPort ? "tcp::1234" : null;
        boolean modelBeforePrompt = opts.batch || !actions.isEmpty() || gdbAt != null;
        // a batch run with nothing to do but run the guest (QEMU's way to boot a disk) needs no model at all
        boolean guestOnly = opts.batch && actions.isEmpty() && gdbAt == null;
        boolean modelFirst = modelBeforePrompt && !guestOnly;
        CompletableFuture<CommandDispatcher> model = new CompletableFuture<>();
        if (modelFirst) buildModel(session, model);
        if (opts.batch) early.closeUnlessTaken(); // before the run: an open terminal could take its input
        CompletableFuture<Terminal> terminalFuture = opts.batch ? CompletableFuture.completedFuture(null)
                : early.take(terminals, Launcher::startThread);
        CompletableFuture<Booted> bootFuture = CompletableFuture.supplyAsync(() -> bootMachine(opts, modules, ram, cpus, storage, floppies, serial),
                Launcher::startThread);
        if (!logItems.isEmpty()) session.setGuestEvents(new GuestLog(log, logItems));
        session.setNoReboot(opts.qemu.noReboot);
        Terminal terminal;
        try {
            terminal = terminalFuture.join();
        } catch (java.util.concurrent.CompletionException e) {
            stderr.println("i386mon: cannot open the terminal: " + e.getCause().getMessage());
            return ExitStatus.USAGE_OR_COMMAND_FAILED;
        }
        // --batch without commands is qemu-system-i386 -serial stdio -display none: stdout is the serial port's alone
        boolean serialOnly = opts.batch && actions.isEmpty();
        PrintWriter out = terminal != null ? terminal.writer() : new PrintWriter(serialOnly ? stderr : stdout, true);
        PrintWriter err = terminal != null ? terminal.writer() : new PrintWriter(stderr, true);
        if (terminal != null && "stdio".equals(opts.serial)) serial.setForward(terminal.output());
        serial.setSharesConsole("stdio".equals(opts.serial));
        session.setConsole(out, err);
        session.setKernelSource(KernelFiles.FILES_OR_BUNDLED);
        session.setEcho(opts.echo);
        if (opts.serialInput) session.setSerialInputPort(1);
        session.setBootTemplate(new BootRequest(null, null, opts.append, modules, ram, opts.pace, opts.rtcHost, cpus, opts.smpQuantum)
                .withStorage(storage).withFloppies(floppies).withVga(vgaChoice(opts)));
        CommandDispatcher dispatcher = modelFirst ? model.join() : null;
        // With nothing to run before the prompt, the line reader (its key maps: a tenth of the
        // start-up's work on this thread) is made while the boot finishes
        Repl repl = modelBeforePrompt ? null : new Repl(terminal, session, model::join, historyFile(), colourWanted(terminal), Repl.pagerFrom(env));
        GdbServer gdb = null;
        if (opts.maxInstructions != null) session.limits().maxInstructions(opts.maxInstructions);
        java.util.Timer timeout = opts.timeout == null || !opts.batch ? null : startTimeout(session, opts.timeout);
        try {
            Booted booted = bootFuture.join();
            if (booted.target != null) {
                session.attach(booted.request, booted.target);
            } else {
                err.println(booted.error);
                err.flush();
                session.exitStatus().commandFailed();
                if (opts.batch) return ExitStatus.USAGE_OR_COMMAND_FAILED;
            }
            for (Action a : actions) {
                if (session.quitRequested() || session.limits().reached()) break;
                if (a.script) {
                    Outcome o = dispatcher.execute("source \"" + a.value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                    if (!o.ok()) err.println(o.message());
                } else {
                    session.echoCommand(a.value);
                    Outcome o = dispatcher.execute(a.value);
                    if (!o.ok()) err.println(o.message());
                }
                out.flush();
                err.flush();
            }
            if (gdbAt != null && session.hasTarget() && !session.quitRequested()) {
                try {
                    gdb = GdbServer.start(session, dispatcher, gdbAt, !opts.gdbWait);
                } catch (CommandException e) {
                    err.println(e.getMessage());
                    err.flush();
                    return ExitStatus.USAGE_OR_COMMAND_FAILED;
                }
                session.setRemoteDebugger(gdb);
                err.println("gdb: waiting for a connection on " + gdb.address());
                err.flush();
            }
            if (opts.batch) {
                if (gdb != null) {
                    awaitGdb(gdb);
                } else if (actions.isEmpty() && !session.limits().reached()) {
                    Outcome o = dispatcher != null ? dispatcher.execute("cont") : CommandDispatcher.cont(session);
                    if (!o.ok()) err.println(o.message());
                }
                sayLimitReached(session, err);
                out.flush();
                serial.flush();
                return session.exitStatus().value();
            }
            if (!session.quitRequested()) {
                boolean colour = colourWanted(terminal);
                session.setColour(colour);
                printBanner(session, out);
                if (!modelBeforePrompt) buildModel(session, model); // beside the first prompt
                if (repl == null) repl = new Repl(terminal, session, model::join, historyFile(), colour, Repl.pagerFrom(env));
                repl.run();
            }
            out.flush();
            return ExitStatus.SUCCESS;
        } finally {
            if (gdb != null) gdb.close();
            session.close();
            if (timeout != null) timeout.cancel();
            log.flush();
            if (opts.qemu.logFile != null) log.close();
            serial.flush();
            if (serialOut != null && serialOut != stdout) {
                try {
                    serialOut.close();
                } catch (IOException e) {
                    stderr.println("could not close the serial output: " + e.getMessage());
                }
            }
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    // closing the terminal at exit: nothing left to tell the user
                }
            }
        }
    }

    /** A batch run with a GDB stub lasts until its client leaves (or the guest ends with none attached). */
    private static void awaitGdb(GdbServer gdb) {
        try {
            gdb.awaitServed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Two lines at an interactive start: what was loaded, where it stopped, how to get help (never in batch runs). */
    private static void printBanner(Session session, PrintWriter out) {
        BootRequest b = session.booted();
        if (b == null || !session.hasTarget()) {
            out.println("i386mon: no kernel loaded (load KERNEL). Type help for the commands, Ctrl-D to quit.");
        } else {
            String cmdline = b.cmdline() == null || b.cmdline().isEmpty() ? "" : ", command line \"" + b.cmdline() + "\"";
            out.println(String.format("i386mon: %s in %d MiB%s; stopped at %s.", b.kernelName(), b.ramBytes() >> 20, cmdline,
                    session.where(session.target().eip())));
            out.println("Type help for the commands, help CMD for one; cont runs the guest, Ctrl-C stops it, Ctrl-D quits.");
        }
        out.flush();
    }

    /** Asks the guest to stop once {@code seconds} have passed, and again until the run ends (a request between runs is dropped). */
    private static java.util.Timer startTimeout(Session session, long seconds) {
        java.util.Timer t = new java.util.Timer("i386mon-timeout", true);
        t.scheduleAtFixedRate(new java.util.TimerTask() {
            @Override public void run() {
                session.limits().timedOut(seconds);
                session.requestStop();
            }
        }, seconds * 1000, 100);
        return t;
    }

    /** The one line naming a limit reached, unless the last stop line named it already. */
    private static void sayLimitReached(Session session, PrintWriter err) {
        String cause = session.limits().cause();
        if (cause == null) return;
        if (session.lastStop() != null && session.lastStop().description().equals(cause)) return;
        err.println("i386mon: " + cause);
        err.flush();
    }

    /** QEMU's -kernel/-append/-initrd/-monitor onto ours; -kernel alone makes a batch run, as QEMU runs without a monitor. */
    private static void takeQemuSpellings(LaunchOptions opts) {
        QemuOptions q = opts.qemu;
        if (q.kernel != null && opts.kernel == null) opts.kernel = q.kernel;
        if (q.append != null) opts.append = q.append;
        opts.modules.addAll(q.modules());
        if (q.kernel != null && !"stdio".equals(q.monitor)) opts.batch = true;
        if ("stdio".equals(q.monitor)) opts.batch = false;
        // QEMU's rule: with nothing else to start, drives (or -boot) mean the firmware boots them
        if (opts.kernel == null && opts.bios == null && opts.bootSector == null && opts.drives.anyGiven(opts.fda, opts.fdb)) {
            opts.bios = Path.of(i386mon.machine.boot.FirmwareRom.SEABIOS);
        }
    }

    /**
     * A QEMU option we do not know that picocli read as -d or -D with its value glued on ("-drive"
     * as -d rive, "-dtb" as -d tb), or null: -d and -D take their value as a separate word.
     */
    private static String gluedToLogOption(String[] args, CommandLine cl) {
        for (String a : args) {
            if (a.equals("--")) break;
            boolean glued = (a.startsWith("-d") || a.startsWith("-D")) && a.length() > 2 && a.charAt(2) != '=';
            if (glued && cl.getCommandSpec().findOption(a) == null) return a;
        }
        return null;
    }

    /** A single-dash word option we do not know (QEMU's -foo), or null for anything else. */
    private static String unsupportedQemuOption(List<String> unmatched) {
        for (String u : unmatched) {
            if (u.startsWith("-") && !u.startsWith("--") && u.length() >= 2) return u;
        }
        return null;
    }

    /** Builds the command model over {@code session} into {@code model}, on a thread of its own. */
    private static void buildModel(Session session, CompletableFuture<CommandDispatcher> model) {
        startThread(() -> {
            try {
                model.complete(new CommandDispatcher(session));
            } catch (Throwable t) {
                model.completeExceptionally(t);
            }
        });
    }

    /** One thread per start-up task: the common pool may have a single worker on a small machine. */
    private static void startThread(Runnable task) {
        Thread t = new Thread(task, "i386mon-start");
        t.setDaemon(true);
        t.start();
    }

    /** A machine booted at start-up, or why it could not be. */
    private record Booted(BootRequest request, DebugTarget target, String error) { }

    /** At most one of KERNEL, --bios and --boot-sector: each names what the machine starts. */
    private static String startConflict(LaunchOptions opts) {
        List<String> given = new ArrayList<>();
        if (opts.kernel != null) given.add("KERNEL");
        if (opts.bios != null) given.add("--bios");
        if (opts.bootSector != null) given.add("--boot-sector");
        return given.size() > 1 ? String.join(" and ", given) + " cannot be combined: each names what the machine starts" : null;
    }

    /** Debian's SeaBIOS, or the file {@code I386MON_SEABIOS} names (another build of it, or a test's missing one). */
    private java.nio.file.Path defaultSeaBios() {
        String p = env.get("I386MON_SEABIOS");
        return Path.of(p != null && !p.isEmpty() ? p : i386mon.machine.boot.FirmwareRom.SEABIOS);
    }

    private Booted bootMachine(LaunchOptions opts, List<BootRequest.Module> modules, long ram, int cpus, StorageConfig storage,
            List<BootRequest.Floppy> floppies, SerialCapture serial) {
        try {
            if (opts.bios != null || opts.bootSector != null) {
                boolean bios = opts.bios != null;
                java.nio.file.Path file = bios ? opts.bios : opts.bootSector;
                if (bios && file.toString().equals(i386mon.machine.boot.FirmwareRom.SEABIOS)) {
                    file = defaultSeaBios();
                    if (!java.nio.file.Files.exists(file)) {
                        throw new CommandException("no SeaBIOS at " + file + ": apt-get install seabios (or give --bios FILE)");
                    }
                }
                // A generous cap: the loader's own size rule then says what is wrong in one line.
                byte[] image = KernelFiles.read(file, bios ? "BIOS image" : "boot sector", ram);
                BootRequest request = new BootRequest(file.toString(), image, opts.append, modules, ram, opts.pace, opts.rtcHost, cpus, opts.smpQuantum,
                        bios ? BootRequest.Start.BIOS : BootRequest.Start.BOOT_SECTOR, storage, floppies, vgaChoice(opts));
                return new Booted(request, loader.boot(request, serial::accept), null);
            }
            byte[] image;
            String name;
            if (opts.kernel != null) {
                image = KernelFiles.FILES_OR_BUNDLED.read(opts.kernel.toString(), ram);
                name = opts.kernel.toString();
            } else {
                image = KernelFiles.demoKernel();
                name = KernelFiles.DEMO_RESOURCE.substring(KernelFiles.DEMO_RESOURCE.lastIndexOf('/') + 1);
            }
            BootRequest request = new BootRequest(name, image, opts.append, modules, ram, opts.pace, opts.rtcHost, cpus, opts.smpQuantum)
                    .withStorage(storage).withFloppies(floppies).withVga(vgaChoice(opts));
            // the banner names the entry point's source line: its DWARF is read on a thread of its own, beside the boot
            if (!opts.batch && ElfFile.hasElfMagic(image) && !ElfFile.isElf64(image)) DebugInfo.readAhead(image, Launcher::startThread);
            DebugTarget target = loader.boot(request, serial::accept);
            if (!opts.batch) target.debugInfo().lineAt(target.eip() & 0xFFFF_FFFFL); // the banner's line: ready, or waited for here
            return new Booted(request, target, null);
        } catch (CommandException e) {
            return new Booted(null, null, e.getMessage());
        } catch (RuntimeException e) {
            return new Booted(null, null, "cannot boot: " + e);
        }
    }

    /** -vga std|none, or the default (std when the firmware runs). */
    private static BootRequest.Vga vgaChoice(LaunchOptions opts) {
        if (opts.qemu.vga == null) return BootRequest.Vga.DEFAULT;
        return opts.qemu.vga.equals("std") ? BootRequest.Vga.STD : BootRequest.Vga.NONE;
    }

    /** Where -d writes: the -D file, else stderr. */
    private PrintWriter logTarget(Path file) {
        if (file == null) return new PrintWriter(stderr, true);
        try {
            return new PrintWriter(new java.io.OutputStreamWriter(new FileOutputStream(file.toFile()), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandException("cannot open the log file " + file + ": " + e.getMessage());
        }
    }

    private OutputStream serialTarget(String spec) {
        if (spec.equals("stdio")) return stdout;
        if (spec.equals("none")) return null;
        if (spec.startsWith("file:") && spec.length() > 5) {
            try {
                return new FileOutputStream(spec.substring(5));
            } catch (IOException e) {
                throw new CommandException("cannot open serial output file " + spec.substring(5) + ": " + e.getMessage());
            }
        }
        throw new CommandException("bad --serial value: " + spec + " (stdio, none or file:PATH)");
    }

    /** The k-th -c value belongs to the k-th -c on the command line; likewise for -x. */
    static List<Action> actionsInOrder(List<String> original, LaunchOptions opts) {
        List<Action> actions = new ArrayList<>();
        int c = 0, x = 0;
        for (String a : original) {
            if (a.equals("--")) break;
            if (isOption(a, "-c", "--command") && c < opts.commands.size()) actions.add(new Action(false, opts.commands.get(c++)));
            else if (isOption(a, "-x", "--script") && x < opts.scripts.size()) actions.add(new Action(true, opts.scripts.get(x++).toString()));
        }
        return actions;
    }

    private static boolean isOption(String arg, String shortName, String longName) {
        return arg.equals(shortName) || arg.equals(longName) || arg.startsWith(longName + "=")
                || (arg.startsWith(shortName) && !arg.startsWith("--"));
    }

    /** Picocli's parser of the launch options into {@code opts}, writing to our streams. */
    private CommandLine commandLine(LaunchOptions opts) {
        CommandLine cl = new CommandLine(opts);
        cl.setExpandAtFiles(false);
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        return cl;
    }

    /** The message and the usage (of {@code cl}, or a new model when the options were read without one). */
    private int usageError(CommandLine cl, String message) {
        stderr.println(firstLine(message));
        stderr.print(UsageText.of(cl != null ? cl : commandLine(new LaunchOptions()), WordWrap.DEFAULT_WIDTH));
        return ExitStatus.USAGE_OR_COMMAND_FAILED;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private Path historyFile() {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return home == null || home.isEmpty() ? null : Path.of(home, ".i386mon_history");
    }

    private boolean colourWanted(Terminal t) {
        if (env.containsKey("NO_COLOR")) return false;
        if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())) return false;
        Integer colours = t.getNumericCapability(org.jline.utils.InfoCmp.Capability.max_colors);
        return colours != null && colours >= 8;
    }
}
