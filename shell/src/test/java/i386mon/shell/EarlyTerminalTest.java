package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

class EarlyTerminalTest {
    private final AtomicInteger opened = new AtomicInteger();
    private final Recorded[] last = new Recorded[1];

    /** A terminal over two streams that remembers being closed. */
    private static final class Recorded extends DumbTerminal {
        boolean closed;

        Recorded() throws IOException {
            super("t", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), null);
        }

        @Override
        protected void doClose() throws IOException {
            closed = true;
            super.doClose();
        }
    }

    private final Supplier<Terminal> terminals = () -> {
        opened.incrementAndGet();
        try {
            last[0] = new Recorded();
            return last[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @Test
    void anInteractiveCommandLineMayPrompt() {
        assertTrue(EarlyTerminal.maybePrompts(new String[] {"-m", "64M", "-c", "info registers", "kernel.elf"}));
    }

    @Test
    void batchHelpVersionAndQemuKernelRunsNeverPrompt() {
        for (String a : new String[] {"--batch", "--batch=true", "-kernel", "-h", "--help", "-V", "--version"}) {
            assertFalse(EarlyTerminal.maybePrompts(new String[] {"-m", "64M", a, "kernel.elf"}), a);
        }
    }

    @Test
    void wordsAfterDoubleDashAreNotOptions() {
        assertTrue(EarlyTerminal.maybePrompts(new String[] {"--", "--batch"}));
    }

    @Test
    void theRunTakesTheTerminalOpenedWhileTheOptionsParse() throws Exception {
        EarlyTerminal early = EarlyTerminal.start(new String[0], terminals, Runnable::run);
        Terminal t = early.take(terminals, Runnable::run).get();
        early.closeUnlessTaken();
        assertEquals(1, opened.get());
        assertSame(last[0], t);
        assertFalse(last[0].closed);
    }

    @Test
    void aTerminalTheRunDidNotTakeIsClosed() {
        EarlyTerminal early = EarlyTerminal.start(new String[0], terminals, Runnable::run);
        early.closeUnlessTaken();
        assertEquals(1, opened.get());
        assertTrue(last[0].closed);
    }

    @Test
    void aRunWithoutPromptOpensNoTerminal() {
        EarlyTerminal early = EarlyTerminal.start(new String[] {"--batch"}, terminals, Runnable::run);
        early.closeUnlessTaken();
        assertEquals(0, opened.get());
    }
}
