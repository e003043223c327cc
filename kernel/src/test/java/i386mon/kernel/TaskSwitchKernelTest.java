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
 * The task-switch test kernel (test resources tasks/): JMP to a TSS and back, CALL to a TSS and
 * IRET with NT back, CALL through a task gate, and a double fault (a page fault whose frame does
 * not fit the stack) handled by an IDT task gate. Each task prints TR, its backlink, NT, the busy
 * bits and CR0.TS; i386mon prints what the SDM (vol. 3, 7.3) says, and what QEMU prints.
 */
class TaskSwitchKernelTest {
    /** The lines the SDM's rules give, checked without QEMU. */
    private static final List<String> EXPECTED = List.of(
            "tasks: start",
            "jmp: in task j tr=0028 link=0000 nt=0 busy main/b/j=0/0/1 ts=1",
            "jmp: back in main tr=0018 link=0000 nt=0 busy main/b/j=1/0/0 ts=1",
            "call: in task b tr=0020 link=0018 nt=1 busy main/b/j=1/1/0 ts=1",
            "iret: back in main tr=0018 link=0000 nt=0 busy main/b/j=1/0/0 ts=1",
            "iret: b saved nt=0",
            "gate: in task b tr=0020 link=0018 nt=1 busy main/b/j=1/1/0 ts=1",
            "gate: back in main tr=0018 link=0000 nt=0 busy main/b/j=1/0/0 ts=1",
            "df: provoking",
            "df: in task df tr=0030 link=0018 nt=1 busy main/b/j=1/0/0 ts=1",
            "df: error=00000000 cr2=0030000c main esp=00300010 main eip in provoke=1",
            "tasks: end");

    private static final String[] PREFIXES = {"tasks: ", "jmp: ", "call: ", "iret: ", "gate: ", "df: "};

    @TempDir
    Path dir;

    private Path kernel() throws IOException, InterruptedException {
        GuestBuild build = new GuestBuild(dir);
        return build.link("tasks.elf", List.of("-N", "-Ttext", "0x100000"), build.compile("flat-start.S"), build.compile("tasks/entry.S"), build.compile("tasks/tasks.c"));
    }

    @Test
    void taskSwitchKernelPrintsWhatTheSdmSays() throws Exception {
        List<String> lines = SerialRun.lines(SerialRun.underI386mon(kernel(), 50_000_000), PREFIXES);
        assertEquals(String.join("\n", EXPECTED), String.join("\n", lines));
    }

    @Test
    void taskSwitchKernelPrintsTheSameInterpreted() throws Exception {
        List<String> lines = SerialRun.lines(SerialRun.underI386mon(kernel(), 50_000_000, false), PREFIXES);
        assertEquals(String.join("\n", EXPECTED), String.join("\n", lines));
    }

    @Test
    void taskSwitchKernelPrintsWhatItPrintsUnderQemu() throws Exception {
        Path kernel = kernel();
        QemuRunner.Result qemu = QemuRunner.boot(kernel, "", Duration.ofSeconds(60));
        assertFalse(qemu.timedOut(), qemu.serial());
        List<String> expected = SerialRun.lines(qemu.serial(), PREFIXES);
        List<String> actual = SerialRun.lines(SerialRun.underI386mon(kernel, 50_000_000), PREFIXES);
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
