package i386mon.machine.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-machine snapshots on a machine running a loop that counts in memory and ticks the PIT. */
class MachineSnapshotTest {
    private static final int CODE = 0x10000, DATA = 0x20000;
    private final Machine m = new Machine(MachineConfig.defaults());

    MachineSnapshotTest() {
        Cpu c = m.cpu();
        long code = 0x00CF9A000000FFFFL, data = 0x00CF92000000FFFFL;
        m.memory().write64(0x1008, code);
        m.memory().write64(0x1010, data);
        c.setGdtr(0x1000, 23);
        c.loadFlatSegment(Cpu.CS, 0x08, code);
        for (int s : new int[] {Cpu.DS, Cpu.ES, Cpu.SS, Cpu.FS, Cpu.GS}) c.loadFlatSegment(s, 0x10, data);
        c.setReg(Cpu.ESP, 0x90000);
        // L: inc dword [DATA]; in al, 0x40 (the PIT's count); mov [DATA+4], al; jmp L
        byte[] loop = {(byte) 0xFF, 0x05, 0, 0, 2, 0, (byte) 0xE4, 0x40, (byte) 0xA2, 4, 0, 2, 0, (byte) 0xEB, (byte) 0xF1};
        m.memory().load(CODE, loop, 0, loop.length);
        c.setEip(CODE);
        c.setEflags(2);
    }

    @Test
    void everyDeviceOnTheBoardSavesAndRestoresItsState() {
        Board board = m.board();
        Set<Object> others = Collections.newSetFromMap(new IdentityHashMap<>());
        others.addAll(board.devices());
        assertTrue(board.devices().size() >= 10, "the PC's devices are on the board");
        for (BoardDevice d : board.devices()) {
            StateWriter w = new StateWriter();
            d.saveState(w, others); // throws, naming the field, for state a snapshot cannot hold
            StateReader r = new StateReader(w.toByteArray(), d.getClass().getSimpleName());
            d.restoreState(r, others);
            r.end();
            StateWriter again = new StateWriter();
            d.saveState(again, others);
            assertArrayEquals(w.toByteArray(), again.toByteArray(), d.getClass().getSimpleName());
        }
    }

    /** A device with state of a kind the snapshot does not know. */
    static final class Gadget implements BoardDevice {
        final Map<String, Object> settings = new java.util.HashMap<>();

        @Override public void attach(Board board) { }
    }

    @Test
    void aDeviceWithStateTheSnapshotCannotHoldIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Gadget().saveState(new StateWriter(), Set.of()));
        assertTrue(e.getMessage().startsWith("Gadget.settings (Map) cannot be saved in a snapshot"), e.getMessage());
    }

    @Test
    void loadAfterRunningOnGivesTheSameStateByteForByte() {
        m.run(5_000);
        Snapshot before = m.snapshots().capture();
        m.run(50_000);
        assertNotEquals(before.instructions(), m.cpu().retired());
        m.snapshots().restore(before);
        Snapshot after = m.snapshots().capture();
        assertSameState(before, after);
        assertEquals(before.instructions(), m.cpu().retired());
    }

    @Test
    void theRunAfterALoadRepeatsTheFirstRunExactly() {
        m.run(5_000);
        Snapshot start = m.snapshots().capture();
        m.run(200_000);
        Snapshot first = m.snapshots().capture();
        m.snapshots().restore(start);
        m.run(200_000);
        assertSameState(first, m.snapshots().capture());
    }

    @Test
    void namedSnapshotsAreSavedLoadedAndDeleted() {
        Snapshots s = m.snapshots();
        assertEquals(1, s.save("a").id());
        m.run(1000);
        assertEquals(2, s.save("b").id());
        s.load("a");
        assertEquals(0, m.cpu().retired());
        s.delete("a");
        assertEquals("Snapshot 'a' does not exist", assertThrows(SnapshotException.class, () -> s.load("a")).getMessage());
        assertEquals(1, s.list().size());
    }

    @Test
    void aSnapshotFileRoundTrips(@TempDir Path dir) {
        m.run(3000);
        Path f = dir.resolve("s.snap");
        Snapshot saved = m.snapshots().saveFile(f);
        m.run(3000);
        m.snapshots().loadFile(f);
        assertSameState(saved, m.snapshots().capture());
    }

    @Test
    void aTruncatedFileIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.snap");
        m.snapshots().saveFile(f);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        String msg = assertThrows(SnapshotException.class, () -> m.snapshots().loadFile(f)).getMessage();
        assertEquals(f + " is truncated: it ends before the snapshot does", msg);
    }

    @Test
    void aCorruptedFileIsRefusedBeforeAnythingChanges(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.snap");
        m.snapshots().saveFile(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x40;
        Files.write(f, b);
        m.run(100);
        long retired = m.cpu().retired();
        String msg = assertThrows(SnapshotException.class, () -> m.snapshots().loadFile(f)).getMessage();
        assertTrue(msg.startsWith(f + ": ") && msg.contains("corrupted"), msg);
        assertEquals(retired, m.cpu().retired());
    }

    @Test
    void aSnapshotOfAnotherKernelIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.snap");
        m.snapshots().saveFile(f);
        byte[] b = Files.readAllBytes(f);
        Machine other = new Machine(MachineConfig.defaults());
        byte[] elf = i386mon.machine.boot.TestElfBuilderAccess.minimalKernel();
        other.boot(elf, "", java.util.List.of());
        String msg = assertThrows(SnapshotException.class, () -> other.snapshots().loadFile(f)).getMessage();
        assertEquals(f + ": the snapshot is of another kernel (its identity hash differs from the one loaded)", msg);
        assertEquals(b.length, Files.size(f));
    }

    @Test
    void aMostlyEmptyGuestCostsLittle() {
        Snapshot s = m.snapshots().capture();
        assertTrue(s.storedBytes() < 256 << 10, "a 128 MiB guest with a few pages in use: " + s.storedBytes() + " bytes");
    }

    private static void assertSameState(Snapshot a, Snapshot b) {
        assertEquals(a.partStates().keySet(), b.partStates().keySet());
        for (String k : a.partStates().keySet()) assertArrayEquals(a.partStates().get(k), b.partStates().get(k), k);
        assertEquals(a.memory().pageCount(), b.memory().pageCount());
        for (int p = 0; p < a.memory().pageCount(); p++) assertArrayEquals(a.memory().page(p), b.memory().page(p), "page " + p);
        assertEquals(a.instructions(), b.instructions());
        assertEquals(a.virtualNanos(), b.virtualNanos());
    }
}
