package i386mon.machine.mmu;

/**
 * Outcome of a monitor read or write: how many bytes were transferred and, when not all of them,
 * a one-line reason such as "PDE 0x300 not present" or "0x1ff00000 is beyond RAM".
 */
public record InspectResult(boolean ok, int bytes, String reason) {

    static InspectResult done(int bytes) { return new InspectResult(true, bytes, "ok"); }

    static InspectResult failed(int bytes, String reason) { return new InspectResult(false, bytes, reason); }
}
