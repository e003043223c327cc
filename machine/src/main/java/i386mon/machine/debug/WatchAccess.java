package i386mon.machine.debug;

/** Which data accesses a watchpoint stops on. A read-modify-write counts as a write. */
public enum WatchAccess {
    READ, WRITE, READ_WRITE;

    boolean matches(boolean write) {
        return this == READ_WRITE || (this == WRITE) == write;
    }

    /** "r", "w" or "rw", as the shell's options name them. */
    public String shortName() { return this == READ ? "r" : this == WRITE ? "w" : "rw"; }
}
