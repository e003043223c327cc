package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** IRQ1: scancode set 1 keys echoed to the consoles. */
class KeyboardTest {

    @Test
    void typedKeysAreEchoedIncludingShiftedOnes() throws InterruptedException {
        try (Session s = QemuRunner.startBundled(KernelImages.DEFAULT, "scenario=identity")) {
            assertTrue(s.waitFor("done: all scenarios passed\n", Duration.ofSeconds(30)), () -> s.result().toString());
            s.sendKey("h");
            s.sendKey("i");
            s.sendKey("shift", "1");
            s.sendKey("ret");
            assertTrue(s.waitFor("done: all scenarios passed\nhi!\n", Duration.ofSeconds(10)),
                    () -> s.result().toString());
        }
    }
}
