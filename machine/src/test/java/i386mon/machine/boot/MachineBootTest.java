package i386mon.machine.boot;

import static i386mon.machine.boot.GuestMemory.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.debug.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Machine.boot with a kernel name and append text: the entry state QEMU's -kernel/-append gives. */
class MachineBootTest {
    /** After the header: push %eax; push %ebx; hlt - pushes at once, with no stack setup of its own. */
    private static byte[] kernel() {
        byte[] code = {0x50, 0x53, (byte) 0xF4};
        return new TestElfBuilder().entry(0x10000C)
                .segment(".text", 0x100000, TestElfBuilder.concat(
                        TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_MEMORY_INFO), code), 16).build();
    }

    private static String commandLine(Machine m) {
        long mbi = m.cpu().reg(Cpu.EBX) & 0xFFFF_FFFFL;
        return GuestMemory.string(m.memory(), u32(m.memory(), mbi + 16));
    }

    @Test
    void commandLineIsTheKernelNameThenTheAppendText() {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(kernel(), "path/to/k.elf", "a b", List.of());
        assertEquals("path/to/k.elf a b", commandLine(m));
    }

    @Test
    void emptyAppendLeavesTheNameAndASpace() {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(kernel(), "k.elf", "", List.of());
        assertEquals("k.elf ", commandLine(m));
    }

    @Test
    void ecxHoldsTheEntryPointAsQemuLeavesIt() {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(kernel(), "k.elf", "", List.of());
        assertEquals(0x10000C, m.cpu().reg(Cpu.ECX));
    }

    @Test
    void kernelThatPushesAtOnceUsesTheStackQemuLeaves() {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(kernel(), "k.elf", "", List.of());
        assertEquals(0x6F08, m.cpu().reg(Cpu.ESP));
        assertEquals(StopReason.Kind.HALTED, m.run(10).kind());
        assertEquals(0x6F00, m.cpu().reg(Cpu.ESP));
        assertEquals(0x2BADB002L, u32(m.memory(), 0x6F04));
        assertEquals(0x9500, u32(m.memory(), 0x6F00));
    }
}
