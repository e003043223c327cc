/**
 * Whole-machine snapshots ({@code savevm}/{@code loadvm}): {@link i386mon.machine.snapshot.MachineState}
 * captures the CPU, MMU and TLB, the virtual clock, the machine's own flags, every board device
 * (each through {@link i386mon.machine.board.BoardDevice#saveState}) and RAM
 * ({@link i386mon.machine.snapshot.MemoryImage}: zero pages cost nothing, the rest is compressed)
 * into a {@link i386mon.machine.snapshot.Snapshot}; {@link i386mon.machine.snapshot.Snapshots} keeps
 * them by name and {@link i386mon.machine.snapshot.SnapshotFile} writes and checks the file format.
 */
package i386mon.machine.snapshot;
