package i386mon.shell.commands;

import i386mon.machine.snapshot.SnapshotException;
import i386mon.machine.snapshot.Snapshots;
import i386mon.shell.format.Json;
import i386mon.shell.format.SnapshotText;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.HostFiles;
import i386mon.shell.session.Session;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** QEMU's savevm, loadvm, delvm and info snapshots: the whole machine, in memory or in a file. */
final class SnapshotCommands {
    private SnapshotCommands() { }

    static Snapshots snapshots(Session s) {
        Snapshots sn = s.target().snapshots();
        if (sn == null) throw new CommandException("this machine cannot take snapshots");
        return sn;
    }

    /** Runs a snapshot operation, its failure one line. */
    static <T> T run(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (SnapshotException e) {
            throw new CommandException(e.getMessage());
        }
    }

    @Command(name = "savevm", description = "Save the whole machine (CPU with hidden segment caches, MMU and TLB, RAM, every device, the virtual clock) "
            + "as snapshot NAME in memory (default name vm-DATE; an existing NAME is replaced), or with --file to a snapshot file. "
            + "RAM is stored compressed: pages of zeros cost nothing.")
    static final class Save extends MonitorCommand {
        @Option(names = "--file", paramLabel = "PATH", description = "Write the snapshot to this file (format: docs/snapshots.md).") String file;
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The snapshot's name.") String name;

        @Override void run() {
            Snapshots s = snapshots(session);
            if (file != null) {
                if (name != null) throw new CommandException("savevm: give NAME or --file, not both");
                SnapshotCommands.run(() -> s.saveFile(HostFiles.path(file)));
                return;
            }
            String n = name != null ? name : "vm-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
            SnapshotCommands.run(() -> s.save(n));
        }
    }

    @Command(name = "loadvm", description = "Restore snapshot NAME (or --file PATH): the machine is exactly as it was when saved, "
            + "and runs on from there as it did then. A file of another kernel, RAM size or board, or a truncated or corrupted one, is refused with nothing changed.")
    static final class Load extends MonitorCommand {
        @Option(names = "--file", paramLabel = "PATH", description = "Read the snapshot from this file.") String file;
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The snapshot's name.") String name;

        @Override void run() {
            Snapshots s = snapshots(session);
            if ((file == null) == (name == null)) throw new CommandException("loadvm: give NAME or --file PATH");
            if (file != null) SnapshotCommands.run(() -> s.loadFile(HostFiles.path(file)));
            else SnapshotCommands.run(() -> s.load(name));
            session.snapshotLoaded();
        }
    }

    @Command(name = "delvm", description = "Delete snapshot NAME.")
    static final class Delete extends MonitorCommand {
        @Parameters(paramLabel = "NAME", description = "The snapshot's name.") String name;

        @Override void run() {
            Snapshots s = snapshots(session);
            SnapshotCommands.run(() -> {
                s.delete(name);
                return null;
            });
        }
    }

    @Command(name = "snapshots", description = "List the snapshots: ID, TAG, VM SIZE (stored), DATE, VM CLOCK, ICOUNT (instructions retired), as QEMU.")
    static final class Info extends MonitorCommand {
        @Option(names = "--json", description = "One JSON document instead of text.") boolean json;

        @Override void run() {
            Snapshots s = snapshots(session);
            if (json) out().println(Json.write(SnapshotText.json(s.list())));
            else SnapshotText.lines(s.list()).forEach(out()::println);
        }
    }
}
