package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.kernel.KernelImages;
import i386mon.shell.session.BootRequest;
import i386mon.shell.session.EmulatorLoader;
import i386mon.shell.session.Outcome;
import i386mon.shell.session.SerialCapture;
import i386mon.shell.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** savevm, loadvm, delvm and info snapshots on the demo kernel (timer interrupts, serial and VGA output, paging). */
class SnapshotCommandsTest {
    private static final String VIEWS = "info registers;info pic;info pit;info serial;info vga;info lapic;info cmos;info tlb --cached";
    private final StringWriter out = new StringWriter();
    private final ByteArrayOutputStream serial = new ByteArrayOutputStream();
    private final Session session = new Session(EmulatorLoader.LOADER, new SerialCapture(serial), new PrintWriter(out, true), new PrintWriter(out, true));
    private final CommandDispatcher dispatcher = new CommandDispatcher(session);

    SnapshotCommandsTest() {
        session.boot(new BootRequest("demo.elf", KernelImages.bytes(KernelImages.DEFAULT), "scenario=identity,stale-tlb", List.of(), 64 << 20));
    }

    private String ok(String line) {
        int mark = out.getBuffer().length();
        Outcome o = dispatcher.execute(line);
        if (!o.ok()) throw new AssertionError(line + ": " + o.message());
        return out.getBuffer().substring(mark);
    }

    private String fails(String line) {
        Outcome o = dispatcher.execute(line);
        if (o.ok()) throw new AssertionError(line + " should have failed");
        return o.message();
    }

    private String views() {
        StringBuilder sb = new StringBuilder();
        for (String v : VIEWS.split(";")) sb.append(ok(v));
        sb.append(ok("xp/64xw 0x100000")).append(ok("x/16xw $esp"));
        return sb.toString();
    }

    private String serialText() { return serial.toString(StandardCharsets.ISO_8859_1); }

    @Test
    void loadGivesBackTheSavedStateAndTheSameRunAfterIt() {
        ok("cont --max 400000");
        String viewsAtSave = views();
        long icountAtSave = session.target().instructionsRetired();
        ok("savevm one");
        int serialAtSave = serialText().length();
        ok("cont --max 3000000");
        String firstRun = serialText().substring(serialAtSave);
        long icountFirst = session.target().instructionsRetired();
        String viewsFirst = views();
        assertTrue(firstRun.length() > 100, "the guest printed on: " + firstRun);

        ok("loadvm one");
        assertEquals(icountAtSave, session.target().instructionsRetired());
        assertEquals(viewsAtSave, views());
        int mark = serialText().length();
        ok("cont --max 3000000");
        assertEquals(firstRun, serialText().substring(mark));
        assertEquals(icountFirst, session.target().instructionsRetired());
        assertEquals(viewsFirst, views());
    }

    @Test
    void infoSnapshotsListsThemAsQemu() {
        assertEquals("There is no snapshot available.\n", ok("info snapshots"));
        ok("savevm boot");
        ok("cont --max 1000");
        ok("savevm later");
        String[] lines = ok("info snapshots").split("\n");
        assertEquals("List of snapshots present on all disks:", lines[0]);
        assertEquals("ID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT", lines[1]);
        assertTrue(lines[2].startsWith("1         boot             "), lines[2]);
        assertTrue(lines[3].startsWith("2         later            ") && lines[3].endsWith(" " + session.target().instructionsRetired()), lines[3]);
        assertTrue(ok("info snapshots --json").startsWith("[{\"id\":1,\"name\":\"boot\",\"vm_size\":"));
        ok("delvm boot");
        assertEquals(3, ok("info snapshots").split("\n").length);
    }

    @Test
    void anUnknownSnapshotIsOneLine() {
        assertEquals("Snapshot 'nope' does not exist", fails("loadvm nope"));
        assertEquals("Snapshot 'nope' does not exist", fails("delvm nope"));
    }

    @Test
    void aFileRoundTripsAndAnotherKernelsFileIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demo.snap");
        ok("cont --max 200000");
        String at = views();
        ok("savevm --file " + f);
        ok("cont --max 200000");
        ok("loadvm --file " + f);
        assertEquals(at, views());

        Session other = new Session(EmulatorLoader.LOADER, new SerialCapture(new ByteArrayOutputStream()), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        other.boot(new BootRequest("demo-higher-half.elf", KernelImages.bytes("demo-higher-half.elf"), "", List.of(), 64 << 20));
        Outcome o = new CommandDispatcher(other).execute("loadvm --file " + f);
        assertEquals(f + ": the snapshot is of another kernel (its identity hash differs from the one loaded)", o.message());

        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        assertEquals(f + " is truncated: it ends before the snapshot does", fails("loadvm --file " + f));
    }
}
