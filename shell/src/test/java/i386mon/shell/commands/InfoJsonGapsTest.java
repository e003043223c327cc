package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --json for info status and info symbols, which printed data without it (#18). */
class InfoJsonGapsTest {
    private final Harness h = new Harness();

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String line) {
        return (Map<String, Object>) JsonParser.parse(h.ok(line));
    }

    @Test
    void infoStatusGivesTheStatusAsJson() {
        Map<String, Object> m = json("info status --json");
        assertEquals(false, m.get("running"));
        assertEquals("paused", m.get("status"));
    }

    @Test
    void infoStatusJsonCarriesTheDetailTheTextShows() {
        h.ok("cont");
        assertTrue(h.ok("info status").contains("(guest exited with status 3)"));
        assertEquals("guest exited with status 3", json("info status --json").get("detail"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoSymbolsGivesTheMatchingSymbolsAsJson() {
        List<Object> symbols = (List<Object>) json("info symbols help* --json").get("symbols");
        assertEquals(1, symbols.size());
        Map<String, Object> s = (Map<String, Object>) symbols.get(0);
        assertEquals("helper", s.get("name"));
        assertTrue(h.ok("info symbols helper").contains(String.format("0x%08x helper", ((Number) s.get("address")).longValue())));
    }
}
