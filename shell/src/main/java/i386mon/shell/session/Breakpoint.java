package i386mon.shell.session;

/** A numbered breakpoint at a linear address, optionally conditional, temporary or for one CPU. */
public final class Breakpoint {
    private final int number;
    private final int address;
    private final String what;
    private final String condition;
    private final boolean temporary;
    private final int cpu;
    private long hits;

    public Breakpoint(int number, int address, String what, String condition, boolean temporary) {
        this(number, address, what, condition, temporary, ANY_CPU);
    }

    /** A breakpoint that stops only CPU {@code cpu} ({@link #ANY_CPU}: every CPU). */
    public Breakpoint(int number, int address, String what, String condition, boolean temporary, int cpu) {
        this.cpu = cpu;
        this.number = number;
        this.address = address;
        this.what = what;
        this.condition = condition;
        this.temporary = temporary;
    }

    public int number() { return number; }
    public int address() { return address; }
    /** How the user named the location, e.g. a symbol with offset. */
    public String what() { return what; }
    /** The condition expression, or null. */
    public String condition() { return condition; }
    public boolean temporary() { return temporary; }
    /** The one CPU this breakpoint stops, or {@link #ANY_CPU}. */
    public int cpu() { return cpu; }

    public static final int ANY_CPU = -1;
    public long hits() { return hits; }

    void hit() {
        hits++;
    }
}
