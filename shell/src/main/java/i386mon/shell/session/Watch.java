package i386mon.shell.session;

import i386mon.machine.debug.WatchAccess;
import i386mon.machine.debug.Watchpoint;

/**
 * A numbered watchpoint (numbers shared with breakpoints, as GDB does): {@code length} bytes at a
 * linear or physical address, or the page-table entries behind a linear address. {@code machineId}
 * is the machine's id for it on the current boot.
 */
public final class Watch {
    private final int number;
    private final Watchpoint.Space space;
    private final long address;
    private final int length;
    private final WatchAccess access;
    private int machineId = -1;
    private long hits;

    Watch(int number, Watchpoint.Space space, long address, int length, WatchAccess access) {
        this.number = number;
        this.space = space;
        this.address = address;
        this.length = length;
        this.access = access;
    }

    public int number() { return number; }
    public Watchpoint.Space space() { return space; }
    public long address() { return address; }
    public int length() { return length; }
    public WatchAccess access() { return access; }
    public long hits() { return hits; }
    int machineId() { return machineId; }
    void setMachineId(int id) { machineId = id; }

    void hit() {
        hits++;
    }
}
