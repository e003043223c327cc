package i386mon.shell.commands;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** info tlb --cached on the demo kernel's identity map, whose pages are all supervisor-writable. */
class TlbCachedTest {
    private static List<String> cachedAfterPaging() {
        DemoSession d = new DemoSession("scenario=identity exit");
        d.ok("break scenario_identity");
        d.ok("cont");
        d.ok("delete");
        d.ok("cont --max 200000");
        return d.ok("info tlb --cached").lines().toList();
    }

    @Test
    void cleanWritablePagesAreShownWritable() {
        List<String> lines = cachedAfterPaging();
        assertTrue(lines.stream().anyMatch(l -> !l.contains(" D")), "a clean entry is cached: " + lines);
        for (String l : lines) {
            if (!l.contains("STALE")) assertTrue(l.contains(" s:rw"), l);
        }
    }

    @Test
    void cleanEntriesStillShowThatDirtyIsNotKnown() {
        assertFalse(cachedAfterPaging().stream().allMatch(l -> l.contains(" D")));
    }
}
