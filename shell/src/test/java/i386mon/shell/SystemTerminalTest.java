package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SystemTerminalTest {
    /** Bools, numbers and strings (as the bytes they send) of a terminfo description in infocmp's text. */
    private static Map<String, String> capabilities(String infocmp) {
        Set<Capability> bools = EnumSet.noneOf(Capability.class);
        Map<Capability, Integer> ints = new EnumMap<>(Capability.class);
        Map<Capability, String> strings = new EnumMap<>(Capability.class);
        InfoCmp.parseInfoCmp(infocmp, bools, ints, strings);
        Map<String, String> all = new TreeMap<>();
        for (Capability c : bools) all.put(c.name(), "true");
        ints.forEach((c, v) -> all.put(c.name(), "#" + v));
        strings.forEach((c, v) -> {
            StringBuilder sent = new StringBuilder();
            Curses.tputs(sent, v);
            all.put(c.name(), "=" + sent.chars().mapToObj(Integer::toHexString).toList());
        });
        return all;
    }

    @Test
    void theDumbCapabilitiesTakenAreTheOnesInfocmpReports() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("infocmp", "-x", Terminal.TYPE_DUMB).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no infocmp: " + e.getMessage());
            return;
        }
        String reported = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor() == 0, "infocmp knows no dumb terminal: " + reported);
        SystemTerminal.knownDumbCapabilities();
        assertEquals(capabilities(reported), capabilities(InfoCmp.getLoadedInfoCmp(Terminal.TYPE_DUMB)));
    }

    @Test
    void aDumbTerminalsCapabilitiesAreKnownWithoutAProcess() {
        SystemTerminal.knownDumbCapabilities();
        assertNotNull(InfoCmp.getLoadedInfoCmp(Terminal.TYPE_DUMB));
    }

    @Test
    void theEncodingGivenIsTheOneJlineWouldComputeItself() {
        Assumptions.assumeTrue(SystemTerminal.encoding() != null, "a property names the encoding");
        assertEquals(TerminalBuilder.builder().computeEncoding(), SystemTerminal.encoding());
        assertEquals(TerminalBuilder.builder().computeStdoutEncoding(), TerminalBuilder.builder().encoding(SystemTerminal.encoding()).computeStdoutEncoding());
    }
}
