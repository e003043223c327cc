package i386mon.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same kernel with the same inputs gives the same instruction count at every serial byte, every run. */
class DeterminismTest {
    private static List<String> trace(String append, long budget) {
        return trace(append, budget, true);
    }

    private static List<String> trace(String append, long budget, boolean compiler) {
        List<String> events = new ArrayList<>();
        Machine[] holder = new Machine[1];
        Machine m = new Machine(MachineConfig.defaults().withSerial(b -> events.add(holder[0].cpu().retired() + ":" + b)));
        holder[0] = m;
        m.cpu().setCompilerEnabled(compiler);
        m.boot(KernelImages.bytes(KernelImages.DEFAULT), "demo.elf " + append, List.of());
        StopReason r = m.run(budget);
        events.add(r.kind() + " " + m.cpu().retired() + " " + m.clock().nanos());
        return events;
    }

    @Test
    void twoRunsGiveTheSameSerialBytesAtTheSameInstructionCounts() {
        String append = "scenario=identity,user,ad-bits exit";
        List<String> first = trace(append, MachineRunner.BUDGET), second = trace(append, MachineRunner.BUDGET);
        assertTrue(first.size() > 500, "the kernel printed its boot log");
        assertTrue(first.get(first.size() - 1).startsWith("EXIT "), first.get(first.size() - 1));
        assertEquals(first, second);
    }

    @Test
    void compiledBlocksBehaveExactlyAsTheInterpreter() {
        // Same serial bytes at the same instruction counts, same stop, same virtual time.
        for (String append : new String[] {"scenario=identity,user,ad-bits,stale-tlb exit", "scenario=bench-mix iters=2 exit",
            "scenario=bench-mem iters=200000 exit", "scenario=fault=0xd0000000,write exit"}) {
            assertEquals(trace(append, MachineRunner.BUDGET, false), trace(append, MachineRunner.BUDGET, true), append);
        }
    }

    @Test
    void idleKernelTakesTimerInterruptsDeterministically() {
        // Without "exit" the kernel idles with sti; hlt: time skips ahead to each PIT tick.
        String append = "scenario=identity";
        List<String> first = trace(append, 20_000_000), second = trace(append, 20_000_000);
        String end = first.get(first.size() - 1);
        assertTrue(end.startsWith("BUDGET 20000000 "), end);
        long virtualNanos = Long.parseLong(end.substring(end.lastIndexOf(' ') + 1));
        assertTrue(virtualNanos > 1_000_000_000L, "HLT skipped ahead through more than a second of PIT ticks: " + end);
        assertEquals(first, second);
    }
}
