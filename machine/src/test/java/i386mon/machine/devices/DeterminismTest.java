package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    /** A fixed script of port accesses at fixed virtual times, with IRQ acknowledges between. */
    private static List<String> run() {
        IoBus bus = new IoBus();
        VirtualClock clock = new VirtualClock();
        PhysicalMemory mem = new PhysicalMemory(4 << 20);
        List<String> log = new ArrayList<>();
        PcDevices pc = new PcDevices(bus, clock, mem, new RecordingControl(),
                PcDevices.Options.defaults().withCom1(b -> log.add("tx " + b)));
        pc.powerOnBiosState(mem);
        bus.out(0x43, 1, 0x34);
        bus.out(0x40, 1, 0xA9);
        bus.out(0x40, 1, 0x04); // 1193: about 1 kHz
        bus.out(0x3F9, 1, 0x01);
        bus.out(0x3FC, 1, 0x08);
        bus.out(0x21, 1, 0xE8); // IRQ0, 1, 2, 4 open
        pc.com1().receive("xyz".getBytes());
        for (int step = 0; step < 200; step++) {
            clock.retire(37_000 + step * 101L);
            clock.sync();
            if (step % 50 == 7) pc.keyboard().pressKey("ret");
            while (pc.pics().hasInterrupt()) {
                int v = pc.pics().acknowledge();
                log.add(clock.nanos() + " int " + v);
                if (v == 0x0C) log.add("rx " + bus.in(0x3F8, 1));
                if (v == 0x09) log.add("kbd " + bus.in(0x60, 1));
                bus.out(0x20, 1, 0x20);
            }
            bus.out(0x43, 1, 0x00);
            log.add("pit " + (bus.in(0x40, 1) | bus.in(0x40, 1) << 8));
            bus.out(0x70, 1, 0x00);
            log.add("sec " + bus.in(0x71, 1) + " a " + bus.in(0x61, 1));
            bus.out(0x3F8, 1, step & 0xFF);
        }
        return log;
    }

    @Test
    void sameAccessesAtSameVirtualTimesGiveSameResults() {
        List<String> first = run();
        List<String> second = run();
        assertEquals(first, second);
        assertEquals(true, first.stream().anyMatch(s -> s.endsWith(" int 8")));
        assertEquals(true, first.stream().anyMatch(s -> s.startsWith("kbd ")));
        assertEquals(true, first.stream().anyMatch(s -> s.startsWith("rx ")));
    }
}
