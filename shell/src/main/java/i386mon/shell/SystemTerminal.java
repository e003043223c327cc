package i386mon.shell;

import java.io.IOException;
import java.nio.charset.Charset;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.InfoCmp;

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
        knownDumbCapabilities();
        Charset encoding = encoding();
        if (encoding != null) b.encoding(encoding);
        return b.build();
    }

    /**
     * A dumb terminal's capabilities (a pipe, TERM=dumb) as JLine ships them: it would start an
     * {@code infocmp -x dumb} process for them at every start, and terminfo's dumb entry is the same
     * everywhere (am, cols#80, bel, cr, cud1, ind: SystemTerminalTest compares them).
     */
    static void knownDumbCapabilities() {
        if (InfoCmp.getLoadedInfoCmp(Terminal.TYPE_DUMB) == null) InfoCmp.setLoadedInfoCmp(Terminal.TYPE_DUMB, InfoCmp.getDefaultInfoCmp(Terminal.TYPE_DUMB));
    }

    /**
     * The encoding JLine takes when no property names one: the default charset. JLine finds it only
     * after asking every charset provider for a Windows code page 0 ("ms0", then "cp0"; the extended
     * charsets built for it), once per stream: a quarter of opening the terminal. Null when a property
     * decides (JLine's own reading then).
     */
    static Charset encoding() {
        boolean named = System.getProperty(TerminalBuilder.PROP_ENCODING) != null || System.getProperty(TerminalBuilder.PROP_CODEPAGE) != null;
        return named ? null : Charset.defaultCharset();
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
