package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDI;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ESI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.io.IoDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INS/OUTS with REP in both directions, and IN/OUT of each size, against a recording port device. */
class PortStringTest {
    static final int PORT = 0x3F8, BUF = 0x80000;

    /** Records every OUT and answers INs with a counter that grows by one per access. */
    static final class Recorder implements IoDevice {
        final List<String> log = new ArrayList<>();
        int next = 0x41;

        @Override
        public int in(int port, int size) {
            log.add("in" + size + " " + Integer.toHexString(port));
            int v = next;
            next++;
            return v;
        }

        @Override
        public void out(int port, int size, int value) {
            log.add("out" + size + " " + Integer.toHexString(port) + " " + Integer.toHexString(value));
        }
    }

    private static Recorder attach(CpuHarness h) {
        Recorder r = new Recorder();
        h.io.register(PORT, 8, r);
        return r;
    }

    @Test
    void repOutsbWritesEachByteInOrder() {
        CpuHarness h = new CpuHarness().code("cld\n rep outsb");
        Recorder r = attach(h);
        h.mem.write32(BUF, 0x64636261);
        h.set(EDX, PORT).set(ESI, BUF).set(ECX, 3).run();
        assertEquals(List.of("out1 3f8 61", "out1 3f8 62", "out1 3f8 63"), r.log);
        assertEquals(BUF + 3, h.reg(ESI));
        assertEquals(0, h.reg(ECX));
    }

    @Test
    void repInsdStoresBackwardWithDirectionFlag() {
        CpuHarness h = new CpuHarness().code("std\n rep insl");
        Recorder r = attach(h);
        h.set(EDX, PORT + 1).set(EDI, BUF + 8).set(ECX, 3).run();
        assertEquals(0x41, h.mem.read32(BUF + 8));
        assertEquals(0x42, h.mem.read32(BUF + 4));
        assertEquals(0x43, h.mem.read32(BUF));
        assertEquals(BUF - 4, h.reg(EDI));
        assertEquals(List.of("in4 3f9", "in4 3f9", "in4 3f9"), r.log);
    }

    @Test
    void insWordWithoutRepMovesOneWord() {
        CpuHarness h = new CpuHarness().code("insw");
        attach(h);
        h.set(EDX, PORT).set(EDI, BUF).set(ECX, 7).run();
        assertEquals(0x41, h.mem.read32(BUF));
        assertEquals(BUF + 2, h.reg(EDI));
        assertEquals(7, h.reg(ECX));
    }

    @Test
    void inAndOutOfEachSize() {
        CpuHarness h = new CpuHarness().code("mov $0x3f8, %dx\n mov $0x11223344, %eax\n outb %al, %dx\n outw %ax, %dx\n outl %eax, %dx\n"
                + " outb %al, $0xF8\n inb %dx, %al\n inw %dx, %ax\n mov %eax, %esi\n inl %dx, %eax");
        Recorder r = new Recorder();
        h.io.register(0xF8, 1, r);
        h.io.register(PORT, 1, r);
        h.run();
        assertEquals(List.of("out1 3f8 44", "out2 3f8 3344", "out4 3f8 11223344", "out1 f8 44", "in1 3f8", "in2 3f8", "in4 3f8"), r.log);
        assertEquals(0x11220042, h.reg(ESI));
        assertEquals(0x43, h.reg(Cpu.EAX));
    }
}
