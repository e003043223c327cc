package i386mon.shell.session;

/**
 * A debugger front end the session serves besides its own prompt (the GDB stub): what the
 * monitor shows of it and how to end it.
 */
public interface RemoteDebugger {
    /** Where it listens, e.g. "tcp:127.0.0.1:1234", and whether a client is attached. */
    String describe();

    /** Stops a guest the debugger is running (the monitor's stop): the debugger hears it as an interrupt. */
    void interrupt();

    /** Stops listening and drops the client; the guest stays as it is. */
    void close();
}
