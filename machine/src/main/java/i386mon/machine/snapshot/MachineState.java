package i386mon.machine.snapshot;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.memory.PhysicalMemory;
import i386mon.machine.state.StateFormatException;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.state.Stateful;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Captures and restores a whole machine: its named parts (CPU, MMU, clock, the machine's own
 * flags), every device on its board, and RAM. Devices are found by walking the board, so a device
 * added to the board is captured without being named here.
 */
public final class MachineState {
    private final PhysicalMemory memory;
    private final Board board;
    private final Map<String, Stateful> parts;
    private final Supplier<byte[]> kernelIdentity;
    private final LongSupplier instructions;
    private final LongSupplier nanos;

    /** {@code parts} in the order they are restored after RAM (the board's devices come after them). */
    public MachineState(PhysicalMemory memory, Board board, Map<String, Stateful> parts, Supplier<byte[]> kernelIdentity,
                        LongSupplier instructions, LongSupplier nanos) {
        this.memory = memory;
        this.board = board;
        this.parts = new LinkedHashMap<>(parts);
        this.kernelIdentity = kernelIdentity;
        this.instructions = instructions;
        this.nanos = nanos;
    }

    /** The identity of the booted kernel (SHA-256 of its ELF; zeros before a boot). */
    public byte[] kernelIdentity() { return kernelIdentity.get(); }

    public long ramSize() { return memory.ramSize(); }

    /** Takes a snapshot of the machine as it is now (between instructions). */
    public Snapshot capture() {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        for (Map.Entry<String, Stateful> p : parts.entrySet()) {
            StateWriter w = new StateWriter();
            p.getValue().saveState(w);
            sections.put(p.getKey(), w.toByteArray());
        }
        Set<Object> devices = deviceSet();
        List<BoardDevice> list = board.devices();
        for (int i = 0; i < list.size(); i++) {
            StateWriter w = new StateWriter();
            list.get(i).saveState(w, devices);
            sections.put(deviceName(i, list.get(i)), w.toByteArray());
        }
        return new Snapshot(sections, MemoryImage.capture(memory), kernelIdentity.get(), instructions.getAsLong(), nanos.getAsLong(),
                System.currentTimeMillis());
    }

    /**
     * Puts the machine back into {@code s}'s state. A snapshot of another kernel, RAM size or set
     * of devices is refused before anything changes.
     */
    public void restore(Snapshot s) {
        check(s);
        s.memory().restore(memory);
        try {
            for (Map.Entry<String, Stateful> p : parts.entrySet()) {
                StateReader r = new StateReader(s.sections().get(p.getKey()), p.getKey());
                p.getValue().restoreState(r);
            }
            Set<Object> devices = deviceSet();
            List<BoardDevice> list = board.devices();
            for (int i = 0; i < list.size(); i++) {
                String name = deviceName(i, list.get(i));
                StateReader r = new StateReader(s.sections().get(name), name);
                list.get(i).restoreState(r, devices);
                r.end();
            }
        } catch (StateFormatException e) {
            throw new SnapshotException(e.getMessage());
        }
    }

    /** Refuses a snapshot this machine cannot take back: another kernel, RAM size or board. */
    void check(Snapshot s) {
        if (!java.util.Arrays.equals(s.kernelIdentity(), kernelIdentity.get())) {
            throw new SnapshotException("the snapshot is of another kernel (its identity hash differs from the one loaded)");
        }
        if (s.memory().ramSize() != memory.ramSize()) {
            throw new SnapshotException(String.format("the snapshot has %d MiB of RAM, this machine %d MiB", s.memory().ramSize() >> 20, memory.ramSize() >> 20));
        }
        Set<String> expected = new java.util.LinkedHashSet<>(parts.keySet());
        List<BoardDevice> list = board.devices();
        for (int i = 0; i < list.size(); i++) expected.add(deviceName(i, list.get(i)));
        for (String name : expected) {
            if (!s.sections().containsKey(name)) throw new SnapshotException("the snapshot has no state for " + name + " (taken on another machine)");
        }
        for (String name : s.sections().keySet()) {
            if (!expected.contains(name)) throw new SnapshotException("the snapshot has state for " + name + ", which this machine does not have");
        }
    }

    private Set<Object> deviceSet() {
        Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(board.devices());
        return set;
    }

    private static String deviceName(int index, BoardDevice d) {
        return "device " + index + " " + d.getClass().getSimpleName();
    }
}
