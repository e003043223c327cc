package i386mon.shell;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * The process's terminal, as JLine opens it, found without the costly probes where they cannot
 * change the answer. JLine asks every provider in turn whether a stream is a terminal, so on a
 * pipe all of them are asked: jansi unpacks a second native library, exec starts {@code test -t}
 * and {@code tty} processes (about a tenth of a second of start-up). Where the JNI provider works,
 * its isatty answer is the one the others would give, so it is the only provider asked; otherwise
 * (or when the user names providers) JLine chooses as it always does.
 */
final class SystemTerminal {
    private SystemTerminal() { }

    static Terminal open() throws IOException {
        TerminalBuilder b = TerminalBuilder.builder().name("i386mon").system(true).dumb(true).nativeSignals(true);
        boolean userChose = System.getProperty(TerminalBuilder.PROP_PROVIDER) != null || System.getProperty(TerminalBuilder.PROP_PROVIDERS) != null;
        if (!userChose && jniWorks()) b.provider(TerminalBuilder.PROP_PROVIDER_JNI);
        return b.build();
    }

    private static boolean jniWorks() {
        try {
            TerminalProvider.load(TerminalBuilder.PROP_PROVIDER_JNI).isSystemStream(SystemStream.Output);
            return true;
        } catch (Throwable t) { // a missing or unloadable native library: JLine's own search decides
            return false;
        }
    }
}
