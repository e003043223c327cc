package i386mon.shell.session;

import i386mon.machine.debug.DebugTarget;

/** What a log of the guest's events (the launcher's -d) hears from the session. */
public interface GuestEvents {
    /** Nobody listening. */
    GuestEvents NONE = new GuestEvents() {
        @Override public void attached(DebugTarget previous, DebugTarget now) { }
        @Override public void unknownPort(int port) { }
    };

    /** A machine was booted: the first ({@code previous} null) or a reset of the one before. */
    void attached(DebugTarget previous, DebugTarget now);

    /** The guest asked for a system reset, which happens next: {@code target} still shows the state before it. */
    default void guestReset(DebugTarget target) { }

    /** The guest used an I/O port no device decodes (told once per port and machine, at the next stop). */
    void unknownPort(int port);
}
