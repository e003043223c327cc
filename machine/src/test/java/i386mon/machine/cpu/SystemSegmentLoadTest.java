package i386mon.machine.cpu;

import static i386mon.machine.cpu.CpuHarness.descriptor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.fault.CpuException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A system descriptor (S bit clear: TSS, LDT, gate or reserved type) never loads into a segment
 * register that MOV, POP or LDS/LES/LFS/LGS/LSS can name: #GP(selector), with the register, the
 * destination and ESP unchanged (SDM vol. 2, MOV, POP and LDS/LES/LFS/LGS/LSS; vol. 3, 5.5).
 */
class SystemSegmentLoadTest {
    /** GDT index 6: the descriptor under test. */
    private static final int SELECTOR = 0x30;
    private static final int SENTINEL = 0x5A5A5A5A;

    /** One way to load a segment register from the selector in EBX; {@code fault} labels the load. */
    enum Loader {
        MOV_ES(Cpu.ES, "fault: mov %bx,%es"), MOV_SS(Cpu.SS, "fault: mov %bx,%ss"), MOV_DS(Cpu.DS, "fault: mov %bx,%ds"),
        MOV_FS(Cpu.FS, "fault: mov %bx,%fs"), MOV_GS(Cpu.GS, "fault: mov %bx,%gs"),
        POP_ES(Cpu.ES, "push %ebx\nfault: pop %es"), POP_SS(Cpu.SS, "push %ebx\nfault: pop %ss"),
        POP_DS(Cpu.DS, "push %ebx\nfault: pop %ds"), POP_FS(Cpu.FS, "push %ebx\nfault: pop %fs"),
        POP_GS(Cpu.GS, "push %ebx\nfault: pop %gs"),
        LES(Cpu.ES, far("les")), LSS(Cpu.SS, far("lss")), LDS(Cpu.DS, far("lds")), LFS(Cpu.FS, far("lfs")),
        LGS(Cpu.GS, far("lgs"));

        final int segment;
        final String source;

        Loader(int segment, String source) {
            this.segment = segment;
            this.source = source;
        }

        /** A far pointer (offset 0x1234, the selector) at DATA, loaded into EAX and the register. */
        private static String far(String mnemonic) {
            return "movl $0x1234," + CpuHarness.DATA + "\n mov %bx," + (CpuHarness.DATA + 4) + "\nfault: " + mnemonic + " "
                    + CpuHarness.DATA + ",%eax";
        }
    }

    /** Loads {@code descriptor} through {@code loader} from a fresh start; returns the harness after the run. */
    private static CpuHarness load(CpuHarness h, Loader loader, long descriptor) {
        h.gdt(6, descriptor);
        h.restart().set(Cpu.EBX, SELECTOR).set(Cpu.EAX, SENTINEL).run();
        return h;
    }

    @ParameterizedTest
    @EnumSource(Loader.class)
    void everySystemTypeIsGpWithTheSelector(Loader loader) {
        CpuHarness h = new CpuHarness().code(loader.source);
        int pushed = loader.name().startsWith("POP") ? 4 : 0;
        for (int type = 0; type < 16; type++) {
            load(h, loader, descriptor(CpuHarness.DATA, 0xFFFF, 0x80 | type, 0x4)); // P=1, DPL 0, S=0
            String what = loader + " of system type " + type;
            assertEquals(CpuException.GP, h.vector(), what);
            assertEquals(SELECTOR, h.stack(0), what + ": error code");
            assertEquals(h.label("fault"), h.stack(1), what + ": saved EIP");
            assertEquals(CpuHarness.STACK_TOP - pushed - 16, h.reg(Cpu.ESP), what + ": ESP (nothing popped)");
            assertEquals(0x10, h.cpu.segSelector(loader.segment), what + ": register unchanged");
            assertEquals(SENTINEL, h.reg(Cpu.EAX), what + ": destination unchanged");
        }
    }

    @ParameterizedTest
    @EnumSource(Loader.class)
    void aWritableDataSegmentInTheSameSlotLoads(Loader loader) {
        CpuHarness h = load(new CpuHarness().code(loader.source), loader, descriptor(CpuHarness.DATA, 0xFFFF, 0x92, 0x4));
        assertEquals(-1, h.vector());
        assertEquals(SELECTOR, h.cpu.segSelector(loader.segment));
        assertEquals(CpuHarness.DATA, h.cpu.segBase(loader.segment));
    }

    @Test
    void notPresentSystemDescriptorIsGpNotNp() {
        // The type is checked before the P bit (SDM vol. 2, MOV): an absent LDT descriptor is still #GP.
        CpuHarness h = load(new CpuHarness().code(Loader.MOV_DS.source), Loader.MOV_DS, descriptor(CpuHarness.DATA, 0xFFFF, 0x02, 0));
        assertEquals(CpuException.GP, h.vector());
        assertEquals(SELECTOR, h.stack(0));
    }

    @Test
    void systemDescriptorInTheLdtIsGpWithTheLdtSelector() {
        // LDT at DATA+0x100 (GDT index 7) holding a busy 32-bit TSS descriptor at LDT index 1: selector 0x0C.
        CpuHarness h = new CpuHarness().gdt(7, descriptor(CpuHarness.DATA + 0x100, 0xF, 0x82, 0));
        h.mem.write64(CpuHarness.DATA + 0x108, descriptor(CpuHarness.DATA, 0x67, 0x8B, 0));
        h.code("mov $0x38,%ax\n lldt %ax\n mov $0x0c,%bx\nfault: mov %bx,%gs").run();
        assertEquals(CpuException.GP, h.vector());
        assertEquals(0x0C, h.stack(0));
        assertEquals(h.label("fault"), h.stack(1));
        assertEquals(0x10, h.cpu.segSelector(Cpu.GS));
    }
}
