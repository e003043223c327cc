package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The generated completion script and command reference must match the code's model. */
class ReferenceDocsTest {
    private static final Path ROOT = Path.of("..");
    private static final String HOW = " is out of date: regenerate with "
            + "java -cp \"shell/target/classes:shell/target/lib/*\" i386mon.shell.ReferenceDocs .";

    @Test
    void completionScriptIsUpToDate() throws Exception {
        assertEquals(Files.readString(ROOT.resolve(ReferenceDocs.COMPLETION), StandardCharsets.UTF_8),
                ReferenceDocs.bashCompletion(), ReferenceDocs.COMPLETION + HOW);
    }

    @Test
    void commandReferenceIsUpToDate() throws Exception {
        assertEquals(Files.readString(ROOT.resolve(ReferenceDocs.REFERENCE), StandardCharsets.UTF_8),
                ReferenceDocs.commandReference(), ReferenceDocs.REFERENCE + HOW);
    }

    @Test
    void launchOptionTableIsUpToDate() throws Exception {
        assertEquals(Files.readString(ROOT.resolve(ReferenceDocs.OPTION_TABLE), StandardCharsets.UTF_8),
                ReferenceDocs.launchOptionTable(), ReferenceDocs.OPTION_TABLE + HOW);
    }

    @Test
    void completionScriptOffersTheLaunchOptions() {
        String script = ReferenceDocs.bashCompletion();
        assertTrue(script.contains("--batch") && script.contains("--serial") && script.contains("--module"));
    }

    @Test
    void referenceCoversNestedCommands() {
        String md = ReferenceDocs.commandReference();
        assertTrue(md.contains("### info registers\n") && md.contains("### pte dump\n") && md.contains("### x\n"));
    }
}
