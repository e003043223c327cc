package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import i386mon.shell.session.SerialCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A guest printing megabytes: expects stay linear in the output, the capture bounded in memory. */
class SerialFloodTest {
    /** 40,000 lines of 99 'x' and a newline (4 MB) on port 0xe9, then "DONE\n", then exit status 3. */
    private static final String FLOOD = TestKernel.start(3) + String.join("\n",
            "    mov $0xe9, %dx",
            "    mov $40000, %ecx",
            "line:",
            "    mov $99, %ebx",
            "    mov $'x', %al",
            "char:",
            "    out %al, %dx",
            "    dec %ebx",
            "    jnz char",
            "    mov $10, %al",
            "    out %al, %dx",
            "    mov $'x', %al",
            "    dec %ecx",
            "    jnz line",
            "    mov $'D', %al",
            "    out %al, %dx",
            "    mov $'O', %al",
            "    out %al, %dx",
            "    mov $'N', %al",
            "    out %al, %dx",
            "    mov $'E', %al",
            "    out %al, %dx",
            "    mov $10, %al",
            "    out %al, %dx",
            "    mov $3, %al",
            "    out %al, $0xf4",
            "halt: cli",
            "    hlt",
            "    jmp halt",
            "");

    @Test
    void expectSerialAfterMegabytesOfOutputIsQuick() {
        Harness h = Harness.real(TestKernel.elf(FLOOD));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> h.ok("expect serial DONE"));
        assertEquals(4_000_004, h.serialOut.size()); // stopped right after the E of DONE
    }

    @Test
    void unmatchedOutputIsKeptWithinTheWindow() {
        Harness h = Harness.real(TestKernel.elf(FLOOD));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> h.ok("cont"));
        String kept = h.session.serial().unconsumed();
        assertTrue(kept.length() <= SerialCapture.WINDOW, "kept " + kept.length() + " bytes");
        assertTrue(kept.endsWith("xx\nDONE\n"), kept.substring(kept.length() - 20));
    }

    @Test
    void expectFindsTextAfterTheWindowDroppedOlderOutput() {
        Harness h = Harness.real(TestKernel.elf(FLOOD));
        h.ok("cont");
        h.ok("expect serial DONE");
    }
}
