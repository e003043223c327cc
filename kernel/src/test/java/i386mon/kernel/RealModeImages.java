package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The flat real-mode test images the build makes (realmode-rom.bin, bootsector.bin), and running them to their exit. */
final class RealModeImages {
    private RealModeImages() { }

    /** The image {@code name} from the kernel module's build output. */
    static byte[] bytes(String name) {
        try (InputStream in = RealModeImages.class.getClassLoader().getResourceAsStream("i386mon/kernel/" + name)) {
            assertNotNull(in, "the build did not produce i386mon/kernel/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serial lines from the first one holding {@code marker} on, without carriage returns or empty lines. */
    static List<String> lines(String serial, String marker) {
        String text = serial.replace("\r", "");
        int start = text.indexOf(marker);
        List<String> out = new ArrayList<>();
        if (start < 0) return out;
        for (String l : text.substring(start).split("\n")) if (!l.isEmpty()) out.add(l);
        return out;
    }

    /** Starts a 128 MiB machine with {@code start} and runs it until the guest exits through port 0xf4 with 0. */
    static List<String> runInI386mon(Consumer<Machine> start, String marker) {
        ByteArrayOutputStream serial = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults().withSerial(serial::write));
        start.accept(m);
        StopReason r = m.run(10_000_000);
        assertEquals(StopReason.Kind.EXIT, r.kind(), r.description() + "\n" + serial);
        assertEquals(1, r.exitStatus());
        return lines(serial.toString(StandardCharsets.ISO_8859_1), marker);
    }
}
