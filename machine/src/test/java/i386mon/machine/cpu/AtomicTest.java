package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XADD, CMPXCHG, CMPXCHG8B and XCHG (SDM vol. 2). */
class AtomicTest {
    static final int MEM = 0x80000;

    @ParameterizedTest(name = "{0}-byte")
    @ValueSource(ints = {1, 2, 4})
    void xaddStoresTheSumAndReturnsTheOldDestinationWithAddFlags(int size) {
        String d = AluTest.reg(EAX, size), s = AluTest.reg(EBX, size);
        CpuHarness h = new CpuHarness().code("xadd %" + s + ", %" + d);
        List<String> bad = new ArrayList<>();
        for (int a : Ref.edges(size)) {
            for (int b : Ref.edges(size)) {
                h.restart().set(EAX, a).set(EBX, b).eflags(0).run();
                Ref.Out x = Ref.add(a, b, false, size);
                if (h.reg(EAX) != x.value || h.reg(EBX) != a || (h.flags() & Ref.ARITH) != x.flags)
                    bad.add(String.format("a=%x b=%x: eax %x ebx %x %s", a, b, h.reg(EAX), h.reg(EBX), AluTest.names(h.flags() & Ref.ARITH)));
            }
        }
        if (!bad.isEmpty()) fail(String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @Test
    void xaddOnMemory() {
        CpuHarness h = new CpuHarness().code("lock xaddl %ebx, 0x80000").set(EBX, 0x80000000);
        h.mem.write32(MEM, 0x80000000);
        h.run();
        assertEquals(0, h.mem.read32(MEM));
        assertEquals(0x80000000, h.reg(EBX));
        assertEquals(Cpu.CF | ZF | Cpu.OF | Cpu.PF, h.flags() & Ref.ARITH);
    }

    @Test
    void xaddOfARegisterWithItselfDoublesIt() {
        CpuHarness h = new CpuHarness().code("xadd %eax, %eax").set(EAX, 21).run();
        assertEquals(42, h.reg(EAX));
    }

    @ParameterizedTest(name = "{0}-byte")
    @ValueSource(ints = {1, 2, 4})
    void cmpxchgRegisterFormStoresOnEqualAndLoadsTheAccumulatorOnUnequal(int size) {
        String d = AluTest.reg(EDX, size), s = AluTest.reg(EBX, size);
        CpuHarness h = new CpuHarness().code("cmpxchg %" + s + ", %" + d);
        List<String> bad = new ArrayList<>();
        int keep = (int) ~Ref.umask(size);
        for (int acc : Ref.edges(size)) {
            for (int dst : Ref.edges(size)) {
                h.restart().set(EAX, 0x33333333 & keep | acc).set(EDX, 0x44444444 & keep | dst).set(EBX, 0x5555555A).eflags(0).run();
                Ref.Out x = Ref.sub(acc, dst, false, size);
                boolean eq = acc == dst;
                int wantEdx = 0x44444444 & keep | (eq ? 0x5555555A & (int) Ref.umask(size) : dst);
                int wantEax = 0x33333333 & keep | (eq ? acc : dst);
                if (h.reg(EDX) != wantEdx || h.reg(EAX) != wantEax || (h.flags() & Ref.ARITH) != x.flags)
                    bad.add(String.format("acc=%x dst=%x: eax %x edx %x %s want %x %x %s", acc, dst, h.reg(EAX), h.reg(EDX),
                            AluTest.names(h.flags() & Ref.ARITH), wantEax, wantEdx, AluTest.names(x.flags)));
            }
        }
        if (!bad.isEmpty()) fail(String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @Test
    void cmpxchgOnEqualMemoryStoresTheSource() {
        CpuHarness h = new CpuHarness().code("lock cmpxchgl %ebx, 0x80000").set(EAX, 7).set(EBX, 99);
        h.mem.write32(MEM, 7);
        h.run();
        assertEquals(99, h.mem.read32(MEM));
        assertEquals(7, h.reg(EAX));
        assertTrue(h.flag(ZF));
    }

    @Test
    void cmpxchgOnUnequalMemoryLoadsTheAccumulatorAndKeepsMemory() {
        CpuHarness h = new CpuHarness().code("cmpxchgw %bx, 0x80000").set(EAX, 0xAAAA0007).set(EBX, 99);
        h.mem.write32(MEM, 0x12348);
        h.run();
        assertEquals(0x12348, h.mem.read32(MEM));
        assertEquals(0xAAAA2348, h.reg(EAX));
        assertFalse(h.flag(ZF));
        assertTrue(h.flag(Cpu.CF)); // 7 - 0x2348 borrows
    }

    @Test
    void cmpxchg8bOnEqualStoresEcxEbxAndSetsZf() {
        CpuHarness h = new CpuHarness().code("cmpxchg8b 0x80000").set(EDX, 0x11111111).set(EAX, 0x22222222)
                .set(ECX, 0x33333333).set(EBX, 0x44444444);
        h.mem.write64(MEM, 0x1111111122222222L);
        h.run();
        assertEquals(0x3333333344444444L, h.mem.read64(MEM));
        assertEquals(0x11111111, h.reg(EDX));
        assertTrue(h.flag(ZF));
    }

    @Test
    void cmpxchg8bOnUnequalLoadsEdxEaxAndClearsZf() {
        CpuHarness h = new CpuHarness().code("cmpxchg8b 0x80000").set(EDX, 0x11111111).set(EAX, 0x22222222)
                .set(ECX, 0x33333333).set(EBX, 0x44444444).eflags(ZF);
        h.mem.write64(MEM, 0x1111111122222223L);
        h.run();
        assertEquals(0x1111111122222223L, h.mem.read64(MEM));
        assertEquals(0x11111111, h.reg(EDX));
        assertEquals(0x22222223, h.reg(EAX));
        assertFalse(h.flag(ZF));
    }

    @Test
    void cmpxchg8bWithARegisterOperandIsUndefined() {
        CpuHarness h = new CpuHarness().bytes(0x0F, 0xC7, 0xC8).run(); // ModRM mod=3 reg=1
        assertEquals(6, h.vector());
    }

    @Test
    void xchgSwapsRegistersOfEachSize() {
        CpuHarness h = new CpuHarness().code("xchg %ebx, %ecx\n xchg %dx, %si\n xchg %ah, %al\n xchg %eax, %edi")
                .set(EAX, 0x1234).set(EBX, 1).set(ECX, 2).set(EDX, 0xAAAA0003).set(Cpu.ESI, 0xBBBB0004).set(Cpu.EDI, 9).run();
        assertEquals(2, h.reg(EBX));
        assertEquals(1, h.reg(ECX));
        assertEquals(0xAAAA0004, h.reg(EDX));
        assertEquals(0xBBBB0003, h.reg(Cpu.ESI));
        assertEquals(9, h.reg(EAX));
        assertEquals(0x3412, h.reg(Cpu.EDI));
    }

    @Test
    void xchgWithMemorySwapsAndLeavesFlags() {
        CpuHarness h = new CpuHarness().code("xchg %ebx, 0x80000").set(EBX, 5).eflags(Ref.ARITH);
        h.mem.write32(MEM, 6);
        h.run();
        assertEquals(5, h.mem.read32(MEM));
        assertEquals(6, h.reg(EBX));
        assertEquals(Ref.ARITH, h.flags() & Ref.ARITH);
    }
}
