package i386mon.machine.memory;

/**
 * Told when pages stop being plain RAM/ROM that a CPU may read or write straight in the backing
 * store (a CPU's host TLB then drops the entries it holds, and refills them on its slow path).
 */
public interface DirectAccessListener {
    /** A page now holds cached code: writes to it must reach the code cache. */
    void directWritesRevoked();

    /** Watchpoints or the page map changed: no direct access may be assumed any more. */
    void directAccessRevoked();
}
