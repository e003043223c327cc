package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.shell.guest.TestKernel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** sendserial and serial-input on a tiny serial-console kernel: it prompts, echoes a line in capitals, and exits on "q". */
class SerialInputTest {
    /** Polls COM1's LSR.DR, reads RBR, echoes the byte upper-cased; '\n' prints the prompt again, 'q' exits with status 5. */
    static final String CONSOLE = String.join("\n",
            "    .set FLAGS, 3",
            "    .section .multiboot, \"a\"",
            "    .align 4",
            "    .long 0x1BADB002, FLAGS, -(0x1BADB002 + FLAGS)",
            "    .text",
            "    .globl _start",
            "_start:",
            "    mov $0x3fa, %dx",
            "    mov $0xc7, %al",
            "    out %al, %dx",
            "prompt:",
            "    mov $'>', %al",
            "    call putc",
            "    mov $' ', %al",
            "    call putc",
            "next:",
            "    mov $0x3fd, %dx",
            "wait: in %dx, %al",
            "    test $1, %al",
            "    jz wait",
            "    mov $0x3f8, %dx",
            "    in %dx, %al",
            "    cmp $'q', %al",
            "    je quit",
            "    cmp $'a', %al",
            "    jb echo",
            "    cmp $'z', %al",
            "    ja echo",
            "    sub $0x20, %al",
            "echo: call putc",
            "    cmp $10, %al",
            "    je prompt",
            "    jmp next",
            "quit: mov $5, %al",
            "    out %al, $0xf4",
            "    cli",
            "    hlt",
            "putc: mov $0x3f8, %dx",
            "    out %al, %dx",
            "    ret",
            "");

    private final Harness h = Harness.real(TestKernel.elf(CONSOLE));

    private String serial() { return h.serialOut.toString(StandardCharsets.ISO_8859_1); }

    @Test
    void expectThenSendserialDrivesASerialConsole() {
        h.ok("expect serial \"> \" --within 10000");
        h.ok("sendserial \"hello\\n\"");
        h.ok("expect serial \"HELLO\" --within 10000");
        h.ok("sendserial q");
        assertTrue(h.ok("cont").startsWith("Stopped: guest exit"));
        assertEquals("> HELLO\n> ", serial());
        assertEquals(11, h.session.exitStatus().value(), "(5 << 1) | 1, as QEMU's isa-debug-exit");
    }

    @Test
    void sentBytesWaitInTheReceiverUntilTheGuestReadsThem() {
        h.ok("sendserial --port 1 \"ab\"");
        String view = h.ok("info serial");
        assertTrue(view.contains("COM1 (0x3f8, IRQ 4)") && view.contains("1 byte waiting"), view); // FIFO off: one in RBR, one queued
        assertEquals(1, h.session.target().in(0x3fd, 1) & 1, "LSR.DR");
    }

    @Test
    void serialInputModeIsSwitchedAndReported() {
        assertEquals("keys typed while the guest runs go to the keyboard\n", h.ok("serial-input"));
        assertEquals("keys typed while the guest runs go to COM2\n", h.ok("serial-input on --port 2"));
        assertEquals(2, h.session.serialInputPort());
        assertEquals("keys typed while the guest runs go to the keyboard\n", h.ok("serial-input off"));
        assertEquals("--port is 1 (COM1) or 2 (COM2), not 3", h.fails("sendserial --port 3 x"));
    }

    @Test
    void typedBytesInSerialInputModeReachTheSerialPort() {
        h.ok("serial-input on");
        h.ok("expect serial \"> \" --within 10000");
        h.session.queueSerial("ok\n".getBytes(StandardCharsets.ISO_8859_1));
        h.ok("cont --max 10000");
        assertEquals("> OK\n> ", serial());
    }
}
