package i386mon.machine.mmu;

/**
 * Outcome of a monitor read or write: how many bytes were transferred and, when not all of them,
 * a one-line reason such as "0x00404000: PTE 0x4 not present" or "0x1ff00000 is beyond RAM", and
 * its cause without the address ("PTE 0x4 not present"), for front ends that print the address
 * themselves.
 */
public record InspectResult(boolean ok, int bytes, String reason, String cause) {

    static InspectResult done(int bytes) { return new InspectResult(true, bytes, "ok", "ok"); }

    static InspectResult failed(int bytes, String reason) { return new InspectResult(false, bytes, reason, reason); }

    static InspectResult failed(int bytes, String reason, String cause) { return new InspectResult(false, bytes, reason, cause); }

    /** A read that found every byte (for targets that are not this MMU, such as test fakes). */
    public static InspectResult read(int bytes) { return done(bytes); }

    /** A read refused before byte {@code bytes}, with the reason and its cause without the address. */
    public static InspectResult refused(int bytes, String reason, String cause) { return failed(bytes, reason, cause); }
}
