package i386mon.machine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.fault.CpuException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link DecoderFuzzTest} for the modes that run 16-bit code: random bytes in a 16-bit
 * protected-mode code segment, in real mode and in virtual-8086 mode produce guest results or
 * guest exceptions, never a Java exception, and leave the mode's invariants: EFLAGS bit 1 set,
 * CPL 0 in real mode, 3 in virtual-8086 mode, CS.RPL in protected mode, and in virtual-8086
 * mode every segment base equal to selector * 16. Real mode and virtual-8086 mode are
 * entered the way a guest enters them (MOV to CR0 and a far jump; IRET with VM set), so those
 * parts run once the CPU implements the entries and are skipped with a message until then.
 */
class ModeFuzzTest {
    private static final int SEQUENCES = 4_000, LENGTH = 16, MAX_INSTRUCTIONS = 64;
    private static final int TABLES_END = 0x8000;
    /** Real mode and V86: the code segment, the random bytes at its offset {@link #BODY}, and the data/stack segments. */
    private static final int CODE_SEG = 0x2000, DATA_SEG = 0x4000, STACK_SEG = 0x3000, BODY = 0x40;
    /** The real-mode IVT's every vector points to a HLT at 0x0700:0000. */
    private static final int IVT_HLT_SEG = 0x0700;

    /** How one mode is entered from the harness's start state (sequence {@code n}); returns what varies, for the failure text. */
    private interface Entry {
        String enter(CpuHarness h, Random rnd, int n);
    }

    @Test
    void randomBytesInSixteenBitProtectedModeNeverThrowOutOfRun() {
        Harness16 h16 = new Harness16();
        fuzz(h16.h, "16-bit protected mode", (h, rnd, n) -> {
            if ((n & 1) != 0) h16.enterRing3(); else h16.enter();
            if ((n & 2) != 0) h.cpu.setControlRegisters(h.cpu.cr0() | Cpu.CR0_PG, CpuHarness.PAGE_DIR, 0, 0);
            return "CPL " + ((n & 1) * 3);
        }, CpuHarness.CODE, 0);
    }

    @Test
    void randomBytesInRealModeNeverThrowOutOfRun() {
        // 32-bit: clear PE, far jump into real mode (SDM vol. 3, 9.9.2); 16-bit: load the segments.
        String entry = "mov %cr0, %eax\n and $0xFFFFFFFE, %eax\n mov %eax, %cr0\n ljmp $" + CODE_SEG + ", $0\n";
        String prologue = ".code16\n mov $" + DATA_SEG + ", %ax\n mov %ax, %ds\n mov %ax, %es\n mov %ax, %fs\n mov %ax, %gs\n"
                + " mov $" + STACK_SEG + ", %ax\n mov %ax, %ss\n mov $0xFFF0, %sp\n";
        fuzz(null, "real mode", (h, rnd, n) -> {
            runInto(h, entry, prologue, OperatingModeProbe.REAL);
            h.cpu.setIdtr(0, 0x3FF); // the IVT (the harness's IDT is a protected-mode table)
            return "CPL 0";
        }, CODE_SEG << 4, BODY);
    }

    @Test
    void randomBytesInVirtual8086ModeNeverThrowOutOfRun() {
        fuzz(null, "virtual-8086 mode", (h, rnd, n) -> {
            if ((n & 2) != 0) h.paging();
            int iopl = rnd.nextBoolean() ? 3 << 12 : 0;
            // The V86 IRET frame (SDM vol. 3, 20.2.5 and the IRET pseudo-code): EIP CS EFLAGS ESP SS ES DS FS GS.
            String entry = "push $0\n push $0\n push $" + DATA_SEG + "\n push $" + DATA_SEG + "\n push $" + STACK_SEG
                    + "\n push $0xFFF0\n push $" + (Cpu.VM | iopl | 2) + "\n push $" + CODE_SEG + "\n push $" + BODY + "\n iret\n";
            runInto(h, entry, null, OperatingModeProbe.VIRTUAL_8086);
            return "IOPL " + (iopl >>> 12);
        }, CODE_SEG << 4, BODY);
    }

    /** What the entry must have reached before the random bytes run. */
    private enum OperatingModeProbe { REAL, VIRTUAL_8086 }

    /**
     * Runs the 32-bit {@code entry} at {@link CpuHarness#CODE} and then {@code prologue} (16-bit, at
     * CODE_SEG:0) until IP reaches {@link #BODY}; skips the test if the CPU did not enter {@code mode}.
     */
    private static void runInto(CpuHarness h, String entry, String prologue, OperatingModeProbe mode) {
        byte[] e = Asm.assemble(entry + "hlt", CpuHarness.CODE);
        h.mem.load(CpuHarness.CODE, e, 0, e.length);
        if (prologue != null) {
            byte[] p = Asm.assemble(prologue + " jmp . + " + 2 + "\n", 0); // the jump lands on the next byte
            if (p.length > BODY) throw new IllegalStateException("prologue longer than " + BODY);
            byte[] padded = new byte[BODY];
            Arrays.fill(padded, (byte) 0x90); // NOPs up to the random bytes
            System.arraycopy(p, 0, padded, 0, p.length);
            h.mem.load(CODE_SEG << 4, padded, 0, BODY);
        }
        for (int k = 0; k < 64 && !(h.cpu.segSelector(Cpu.CS) == CODE_SEG && h.cpu.eip() == BODY); k++) {
            h.cpu.run(1);
            if (h.cpu.halted() || h.vector() != -1) break;
        }
        int cr0 = h.cpu.cr0(), efl = h.cpu.eflags();
        boolean there = h.cpu.segSelector(Cpu.CS) == CODE_SEG && h.cpu.eip() == BODY;
        boolean entered = mode == OperatingModeProbe.REAL ? (cr0 & Cpu.CR0_PE) == 0 : (cr0 & Cpu.CR0_PE) != 0 && (efl & Cpu.VM) != 0;
        Assumptions.assumeTrue(there && entered, () -> String.format(
                "skipped: this CPU does not enter %s the way a guest does yet (after the entry code: CR0=%08x EFLAGS=%08x"
                        + " CS:EIP=%04x:%08x, exception vector %d)", mode == OperatingModeProbe.REAL ? "real mode (MOV to CR0 clearing PE, far jump)"
                        : "virtual-8086 mode (IRET with VM set at CPL 0)", cr0, efl, h.cpu.segSelector(Cpu.CS), h.cpu.eip(), h.vector()));
    }

    /**
     * Runs {@link #SEQUENCES} random sequences at linear {@code codeBase + ip} after {@code entry}
     * put the CPU in the mode (a null harness: a fresh {@link CpuHarness}).
     */
    private static void fuzz(CpuHarness given, String modeName, Entry entry, int codeBase, int ip) {
        CpuHarness h = given != null ? given : new CpuHarness();
        for (int v = 0; v < 256; v++) h.mem.write32(4L * v, IVT_HLT_SEG << 16);
        h.mem.write8(IVT_HLT_SEG << 4, 0xF4);
        byte[] tables = new byte[TABLES_END];
        h.mem.peek(0, tables, 0, TABLES_END);
        byte[] prologue = new byte[ip];
        h.mem.peek(codeBase, prologue, 0, ip);
        byte[] page = new byte[4096];
        Random rnd = new Random(0x1386_0016L);
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < SEQUENCES && failures.size() < 20; n++) {
            byte[] seq = new byte[LENGTH];
            rnd.nextBytes(seq);
            Arrays.fill(page, (byte) 0xF4); // HLT after the sequence
            System.arraycopy(prologue, 0, page, 0, ip);
            System.arraycopy(seq, 0, page, ip, LENGTH);
            int[] regs = new int[8];
            for (int r = 0; r < 8; r++) regs[r] = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(0x10000);
            h.mem.load(0, tables, 0, TABLES_END);
            h.mem.load(codeBase, page, 0, page.length);
            h.startState();
            String varied = entry.enter(h, rnd, n);
            String what = String.format("%s, sequence %d (%s, paging %s): %s", modeName, n, varied, (n & 2) != 0 ? "on" : "off",
                    HexFormat.ofDelimiter(" ").formatHex(seq));
            try {
                for (int r = 0; r < 8; r++) if (r != Cpu.ESP) h.cpu.setReg(r, regs[r]);
                h.cpu.run(MAX_INSTRUCTIONS);
                assertInvariants(h.cpu);
            } catch (RuntimeException | AssertionError e) {
                if (e instanceof CpuException) failures.add(what + " -> guest exception escaped run: " + e.getMessage());
                else failures.add(what + " -> " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, first ones:\n" + String.join("\n", failures));
    }

    private static void assertInvariants(Cpu c) {
        int efl = c.eflags();
        assertTrue((efl & 2) != 0, "EFLAGS bit 1");
        boolean real = (c.cr0() & Cpu.CR0_PE) == 0, v86 = !real && (efl & Cpu.VM) != 0;
        int cpl = real ? 0 : v86 ? 3 : c.segSelector(Cpu.CS) & 3;
        assertEquals(cpl, c.cpl(), real ? "CPL 0 in real mode" : v86 ? "CPL 3 in virtual-8086 mode" : "CPL = CS.RPL");
        if (v86) { // real mode keeps a protected-mode base until a segment is loaded ("unreal"): only V86 always has selector * 16
            for (int s = 0; s < 6; s++) assertEquals(c.segSelector(s) << 4, c.segBase(s), "segment " + s + " base = selector * 16");
        }
    }
}
