package i386mon.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.kernel.KernelImages;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.debug.DebugTarget;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the shell's boot request becomes for the guest: QEMU's -kernel NAME -append TEXT command line. */
class EmulatorLoaderBootTest {
    private static long u32(DebugTarget t, long paddr) {
        byte[] b = new byte[4];
        t.readPhysical(paddr, b, 0, 4);
        return (b[0] & 0xFF | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24) & 0xFFFF_FFFFL;
    }

    private static String guestCommandLine(String kernelName, String append) {
        BootRequest request = new BootRequest(kernelName, KernelImages.bytes(KernelImages.DEFAULT), append, List.of(), 16 << 20);
        DebugTarget t = EmulatorLoader.boot(request, c -> { });
        long at = u32(t, (t.reg(Cpu.EBX) & 0xFFFF_FFFFL) + 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] c = new byte[1];
        for (; t.readPhysical(at, c, 0, 1).ok() && c[0] != 0; at++) out.write(c[0]);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void commandLineIsTheKernelNameAsGivenThenTheAppendText() {
        assertEquals("kernels/demo.elf scenario=user exit", guestCommandLine("kernels/demo.elf", "scenario=user exit"));
    }

    @Test
    void emptyAppendLeavesTheNameAndASpace() {
        assertEquals("demo.elf ", guestCommandLine("demo.elf", ""));
    }
}
