package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual-8086 monitor test kernel (test resources v86/): it enters V86 by IRET from ring 0
 * at IOPL 0, the 8086 code prints on COM1 through ports the TSS I/O bitmap allows, and the
 * monitor's #GP handler emulates INT n, IN/OUT to refused ports, CLI and PUSHF from the V86 frame
 * (SDM vol. 3, 20.2.7, 20.2.8 and 20.3.1.1) until INT 20h ends the program.
 */
class Virtual8086KernelTest {
    /** The lines the SDM's rules give, checked without QEMU. */
    private static final List<String> EXPECTED = List.of(
            "v86: start",
            "v86: entering",
            "v86: hello from 8086 code",
            "v86: #gp err=0000 cs:ip=0800:001f op=cd vm=1 iopl=0 ds=0800 ss:sp=0900:1000",
            "v86: int 21 ax=1234",
            "v86: #gp err=0000 cs:ip=0800:0023 op=e6 vm=1 iopl=0 ds=0800 ss:sp=0900:1000",
            "v86: out port=80 al=ef",
            "v86: #gp err=0000 cs:ip=0800:0025 op=e4 vm=1 iopl=0 ds=0800 ss:sp=0900:1000",
            "v86: in port=81",
            "v86: #gp err=0000 cs:ip=0800:0027 op=e6 vm=1 iopl=0 ds=0800 ss:sp=0900:1000",
            "v86: out port=80 al=5a",
            "v86: #gp err=0000 cs:ip=0800:0029 op=fa vm=1 iopl=0 ds=0800 ss:sp=0900:1000",
            "v86: cli",
            "v86: #gp err=0000 cs:ip=0800:002a op=9c vm=1 iopl=0 ds=0800 ss:sp=0900:1000",
            "v86: pushf virtual if=0",
            "v86: #gp err=0000 cs:ip=0800:002e op=cd vm=1 iopl=0 ds=0800 ss:sp=0900:0ffe",
            "v86: exit cx=4321 bx=beef",
            "v86: end");

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("v86.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("flat-start.S"), build.compile("v86/entry.S"), build.compile("v86/v86.c"));
    }

    @Test
    void v86MonitorKernelPrintsWhatTheSdmSays() throws Exception {
        List<String> lines = SerialRun.lines(SerialRun.underI386mon(kernel(), 50_000_000), "v86: ");
        assertEquals(String.join("\n", EXPECTED), String.join("\n", lines));
    }

    @Test
    void v86MonitorKernelPrintsTheSameInterpreted() throws Exception {
        List<String> lines = SerialRun.lines(SerialRun.underI386mon(kernel(), 50_000_000, false), "v86: ");
        assertEquals(String.join("\n", EXPECTED), String.join("\n", lines));
    }

    @Test
    void v86MonitorKernelPrintsWhatItPrintsUnderQemu() throws Exception {
        Path kernel = kernel();
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = SerialRun.lines(qemu.serial(), "v86: ");
        List<String> actual = SerialRun.lines(SerialRun.underI386mon(kernel, 50_000_000), "v86: ");
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
