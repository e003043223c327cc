package i386mon.shell.session;

/** How one command line ended: fine, failed, or a failed expect; with the one-line message. */
public record Outcome(Kind kind, String message) {
    public enum Kind { OK, FAILED, EXPECT_FAILED }

    public static final Outcome OK = new Outcome(Kind.OK, null);

    public boolean ok() {
        return kind == Kind.OK;
    }
}
