package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.EBX;
import static i386mon.machine.cpu.Cpu.ECX;
import static i386mon.machine.cpu.Cpu.EDX;
import static i386mon.machine.cpu.Cpu.OF;
import static i386mon.machine.cpu.Cpu.PF;
import static i386mon.machine.cpu.Cpu.SF;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Where the SDM leaves a flag or result undefined, QEMU is the reference. Each case here was
 * observed on qemu-system-i386 (see {@link QemuDifferentialTest}, which checks many more).
 */
class UndefinedFlagsTest {
    @Test
    void rclOverflowAboveCountOneIsMsbOfOperandXorResult() {
        // rcl $8 of AL=1 with CF=0: result 0, CF=1; OF = MSB(0x01 ^ 0x00) = 0
        CpuHarness h = new CpuHarness().code("rcl %cl, %al").set(EAX, 1).set(ECX, 8).eflags(0).run();
        assertEquals(0, h.reg(EAX) & 0xFF);
        assertEquals(CF, h.flags() & (CF | OF));
    }

    @Test
    void rcrOverflowAboveCountOneIsMsbOfOperandXorResult() {
        // rcr $2 of AL=0 with CF=1: result 0x40; OF = MSB(0x00 ^ 0x40) = 0
        CpuHarness h = new CpuHarness().code("rcr %cl, %al").set(EAX, 0).set(ECX, 2).eflags(CF).run();
        assertEquals(0x40, h.reg(EAX) & 0xFF);
        assertEquals(0, h.flags() & (CF | OF));
    }

    @Test
    void shrdOverflowAboveCountOneComparesWithTheDestinationShiftedByCountMinusOne() {
        // shrd $2, 0xFF, 0x80000000 = 0xE0000000; before = 0x40000000: OF = 1
        CpuHarness h = new CpuHarness().code("shrd %cl, %edx, %eax").set(EAX, 0x80000000).set(EDX, 0xFF).set(ECX, 2).run();
        assertEquals(0xE0000000, h.reg(EAX));
        assertEquals(OF, h.flags() & OF);
    }

    @Test
    void sixteenBitShldAboveSixteenShiftsDestSourceDest() {
        // counts above 16 shift the 48-bit dest:src:dest: 0x1234_5678_1234 << 20, top word 0x6781
        CpuHarness h = new CpuHarness().code("shld %cl, %dx, %ax").set(EAX, 0x1234).set(EDX, 0x5678).set(ECX, 20).run();
        assertEquals(0x6781, h.reg(EAX));
    }

    @Test
    void sixteenBitShrdAboveSixteenShiftsDestSourceDest() {
        // 0x1234_5678_1234 >> 20 = 0x12345_67 -> low word 0x4567
        CpuHarness h = new CpuHarness().code("shrd %cl, %dx, %ax").set(EAX, 0x1234).set(EDX, 0x5678).set(ECX, 20).run();
        assertEquals(0x4567, h.reg(EAX));
    }

    @Test
    void bitScanSetsSignAndParityFromTheSourceAndClearsTheRest() {
        CpuHarness h = new CpuHarness().code("bsf %ebx, %eax").set(EBX, 0x8000000F).eflags(Ref.ARITH).run();
        assertEquals(0, h.reg(EAX));
        assertEquals(SF | PF, h.flags() & Ref.ARITH);
    }

    @Test
    void bitScanOfZeroSetsZeroAndParity() {
        CpuHarness h = new CpuHarness().code("bsr %ebx, %eax").set(EBX, 0).set(EAX, 77).eflags(CF | OF | SF | AF).run();
        assertEquals(77, h.reg(EAX));
        assertEquals(ZF | PF, h.flags() & Ref.ARITH);
    }

    @Test
    void aaaKeepsOverflowSignZeroAndParity() {
        CpuHarness h = new CpuHarness().code("aaa").set(EAX, 0x3001).eflags(Ref.ARITH).run();
        assertEquals(0x3107, h.reg(EAX));
        assertEquals(Ref.ARITH, h.flags() & Ref.ARITH);
        h = new CpuHarness().code("aas").set(EAX, 0x0B00).eflags(0).run();
        assertEquals(0x0B00, h.reg(EAX));
        assertEquals(0, h.flags() & Ref.ARITH);
    }

    @Test
    void multiplyFlagsBesidesCarryAndOverflowFollowTheLowHalf() {
        // QEMU: SF ZF PF from the low half of the product, AF clear
        CpuHarness h = new CpuHarness().code("mul %ebx").set(EAX, 0x10000).set(EBX, 0x10000).eflags(AF).run();
        assertEquals(0, h.reg(EAX));
        assertEquals(1, h.reg(EDX));
        assertEquals(CF | OF | ZF | PF, h.flags() & Ref.ARITH);
    }
}
