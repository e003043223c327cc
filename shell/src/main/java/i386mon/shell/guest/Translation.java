package i386mon.shell.guest;

/**
 * The result of translating a linear address for inspection: either a physical address or the
 * reason it has none (e.g. "PDE 0x300 not present").
 */
public record Translation(long physical, String failure) {
    public static Translation to(long physical) {
        return new Translation(physical, null);
    }

    public static Translation fault(String why) {
        return new Translation(-1, why);
    }

    public boolean mapped() {
        return failure == null;
    }
}
