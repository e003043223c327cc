package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo kernel on a machine with the most RAM it can have, 3 GiB. */
class LargeMemoryBootTest {
    @Test
    void kernelSeesThreeGibAndPassesItsSelfTests() {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withRam(3L << 30).withSerial(serial::write));
        m.boot(KernelImages.bytes(KernelImages.DEFAULT), "demo.elf scenario=identity-all exit", List.of());
        StopReason r = m.run(MachineRunner.BUDGET);
        String out = serial.toString(StandardCharsets.ISO_8859_1);
        assertEquals(StopReason.Kind.EXIT, r.kind(), out);
        assertEquals(0x21, r.exitStatus(), out);
        // 3 GiB less 1 MiB and the firmware's 128 KiB at the top, in KiB
        assertTrue(out.contains("mem_upper=" + ((3L << 20) - 1024 - 128) + " KiB"), out);
    }
}
