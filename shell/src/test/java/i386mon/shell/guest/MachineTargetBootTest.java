package i386mon.shell.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.kernel.KernelImages;
import i386mon.machine.Machine;
import i386mon.machine.cpu.Cpu;
import i386mon.shell.session.BootRequest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the shell's boot request becomes for the guest: QEMU's -kernel NAME -append TEXT command line. */
class MachineTargetBootTest {
    private static String guestCommandLine(String kernelName, String append) {
        BootRequest request = new BootRequest(kernelName, KernelImages.bytes(KernelImages.DEFAULT), append, List.of(), 16 << 20);
        Machine m = ((MachineTarget) MachineTarget.boot(request, c -> { })).machine();
        long mbi = m.cpu().reg(Cpu.EBX) & 0xFFFF_FFFFL;
        long at = m.memory().read32(mbi + 16) & 0xFFFF_FFFFL;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c; (c = m.memory().read8(at)) != 0; at++) out.write(c);
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
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
