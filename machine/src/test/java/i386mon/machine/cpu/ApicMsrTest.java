package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;

/** MSR 0x1B and CPUID.1:EDX.APIC on a CPU with a local APIC wired (a stand-in register here). */
class ApicMsrTest {
    /** IA32_APIC_BASE with the reserved-bit rule of a real APIC: bits 0-7, 9, 10 and above 35 refuse the write. */
    private static final class Register implements ApicBaseRegister {
        long value = 0xFEE0_0900L;

        @Override public long readApicBase() { return value; }

        @Override public boolean writeApicBase(long v) {
            if ((v & ~0xF_FFFF_F900L) != 0) return false;
            value = v;
            return true;
        }
    }

    private final Register apic = new Register();

    private CpuHarness harness(String code) {
        CpuHarness h = new CpuHarness();
        h.cpu.setApicBase(apic);
        return h.code(code).run();
    }

    @Test
    void rdmsrOfApicBaseReadsTheApicsRegister() {
        CpuHarness h = harness("mov $0x1b,%ecx\n rdmsr");
        assertEquals(0xFEE0_0900, h.reg(Cpu.EAX));
        assertEquals(0, h.reg(Cpu.EDX));
    }

    @Test
    void wrmsrOfApicBaseReachesTheApic() {
        harness("mov $0x1b,%ecx\n mov $0xfed00900,%eax\n xor %edx,%edx\n wrmsr");
        assertEquals(0xFED0_0900L, apic.value);
    }

    @Test
    void wrmsrOfApicBaseWithAReservedBitIsGp() {
        CpuHarness h = harness("mov $0x1b,%ecx\n mov $0xfee00d00,%eax\n xor %edx,%edx\nfault: wrmsr");
        assertEquals(CpuException.GP, h.vector());
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0xFEE0_0900L, apic.value);
    }

    @Test
    void cpuidReportsTheApicWhileItIsGloballyEnabled() {
        CpuHarness h = harness("mov $1,%eax\n cpuid");
        assertEquals(1 << 9, h.reg(Cpu.EDX) & 1 << 9);
    }

    @Test
    void cpuidHidesTheApicOnceItIsGloballyDisabled() {
        apic.value = 0xFEE0_0100L;
        CpuHarness h = harness("mov $1,%eax\n cpuid");
        assertEquals(0, h.reg(Cpu.EDX) & 1 << 9);
    }
}
