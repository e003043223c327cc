package i386mon.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Resident memory follows the guest memory touched, not {@code -m} (#19): the monitor as a process
 * (its heap sized as scripts/i386mon sizes it), peak resident set from /proc.
 */
class GuestMemoryFootprintTest {
    private static final BenchKernel KERNEL = BenchKernel.load();

    @Test
    void threeGibGuestThatTouchesTenMibStaysUnder300MibResident() {
        StartupProbe.Sample s = StartupProbe.javaMain(3072, KERNEL).once("3G");
        assertTrue(s.touchedRssMiB() < 300, "peak resident after touching " + StartupProbe.TOUCHED_MIB + " MiB of a 3 GiB guest: "
                + s.touchedRssMiB() + " MiB");
    }

    @Test
    void threeGibGuestStartsInAboutTheMemoryOfA128MibOne() {
        StartupProbe.Sample small = StartupProbe.javaMain(128, KERNEL).once("128M");
        StartupProbe.Sample large = StartupProbe.javaMain(3072, KERNEL).once("3G");
        // untouched RAM costs nothing: the larger guest's bookkeeping is a few MiB, its RAM none
        assertTrue(large.rssMiB() - small.rssMiB() < 48, "peak resident at the prompt: -m 128M " + small.rssMiB() + " MiB, -m 3G "
                + large.rssMiB() + " MiB");
    }
}
