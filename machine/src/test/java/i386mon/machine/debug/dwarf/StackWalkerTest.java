package i386mon.machine.debug.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.debug.StackFrame;
import i386mon.machine.debug.StackWalker;
import i386mon.machine.debug.StopReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StackWalker} on a multiboot kernel gcc builds: _start calls outer, outer middle, middle
 * inner; stopped at inner the walk names all four, by DWARF call frame information (gcc -O1 -g,
 * no frame pointer) and by the frame pointer chain (gcc -O0 without -g).
 */
class StackWalkerTest {
    private static final String START_S = String.join("\n",
            "    .section .multiboot, \"a\"",
            "    .align 4",
            "    .long 0x1BADB002, 3, -(0x1BADB002 + 3)",
            "    .section .bss",
            "    .align 16",
            "stack_bottom: .skip 4096",
            "stack_top:",
            "    .text",
            "    .globl _start",
            "    .type _start, @function",
            "_start:",
            "    mov $stack_top, %esp",
            "    xor %ebp, %ebp",
            "    push $7",
            "    call outer",
            "halt: cli",
            "    hlt",
            "    jmp halt",
            "    .size _start, . - _start",
            "");

    private static final String CALLS_C = String.join("\n",
            "volatile int sink;",
            "__attribute__((noinline)) int inner(int x) { sink = x; return x * 3; }",
            "__attribute__((noinline)) int middle(int x) { int r = inner(x + 1); sink = r; return r + 1; }",
            "__attribute__((noinline)) int outer(int x) { int r = middle(x * 2); sink = r; return r + 2; }",
            "");

    private static final String LINK_LD = String.join("\n",
            "ENTRY(_start)",
            "SECTIONS {",
            "    . = 1M;",
            "    .text : { *(.multiboot) *(.text*) }",
            "    .data : { *(.data*) }",
            "    .bss : { *(COMMON) *(.bss*) }",
            "    /DISCARD/ : { *(.note*) *(.comment) *(.eh_frame) }",
            "}",
            "");

    @TempDir Path dir;

    private byte[] kernel(String... cflags) throws Exception {
        GccOutput.assumeToolchain();
        Files.writeString(dir.resolve("start.S"), START_S, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("calls.c"), CALLS_C, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("link.ld"), LINK_LD, StandardCharsets.UTF_8);
        List<String> cc = new ArrayList<>(List.of("gcc", "-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-fno-stack-protector",
                "-fno-asynchronous-unwind-tables", "-c", "calls.c", "-o", "calls.o"));
        cc.addAll(List.of(cflags));
        GccOutput.run(dir, cc.toArray(new String[0]));
        GccOutput.run(dir, "gcc", "-m32", "-c", "start.S", "-o", "start.o");
        GccOutput.run(dir, "ld", "-m", "elf_i386", "-T", "link.ld", "-o", "k.elf", "start.o", "calls.o");
        return Files.readAllBytes(dir.resolve("k.elf"));
    }

    /** The walk with the machine stopped on inner's first instruction. */
    private static StackWalker.Walk stoppedInInner(byte[] kernel) {
        Machine m = new Machine(MachineConfig.defaults());
        m.boot(kernel, "", List.of());
        m.addBreakpoint((int) m.symbols().lookup("inner").getAsLong());
        assertEquals(StopReason.Kind.BREAKPOINT, m.run(1_000_000).kind());
        return new StackWalker(m.debugTarget()).walk(StackWalker.MAX_FRAMES);
    }

    private static List<String> names(StackWalker.Walk w) {
        List<String> out = new ArrayList<>();
        for (StackFrame f : w.frames()) out.add(f.functionName());
        return out;
    }

    @Test
    void callFrameInformationFindsEveryCallerWithoutAFramePointer() throws Exception {
        StackWalker.Walk w = stoppedInInner(kernel("-O1", "-g", "-fomit-frame-pointer"));
        assertEquals(List.of("inner", "middle", "outer", "_start"), names(w));
        assertEquals(StackFrame.Unwound.CFI, w.frames().get(0).unwound());
        assertEquals(StackFrame.Unwound.CFI, w.frames().get(1).unwound());
        assertEquals(3, w.frames().get(1).line().line(), "middle's call is on line 3");
        assertTrue(w.end().startsWith("EBP is 0"), w.end());
    }

    @Test
    void theFramePointerChainFindsEveryCallerWithoutDwarf() throws Exception {
        StackWalker.Walk w = stoppedInInner(kernel("-O0", "-fno-omit-frame-pointer"));
        assertEquals(List.of("inner", "middle", "outer", "_start"), names(w));
        assertEquals(StackFrame.Unwound.FRAME_POINTER, w.frames().get(1).unwound());
        assertEquals(null, w.frames().get(1).line());
        assertTrue(w.end().startsWith("EBP is 0"), w.end());
    }

    @Test
    void eachCallersCfaIsWhereItsStackPointerWasBeforeTheCall() throws Exception {
        StackWalker.Walk w = stoppedInInner(kernel("-O1", "-g"));
        StackFrame inner = w.frames().get(0), middle = w.frames().get(1);
        // on inner's first instruction ESP points at the return address: the CFA is 4 above it
        assertEquals((inner.registers()[4] & 0xFFFF_FFFFL) + 4, inner.cfa());
        assertEquals(inner.cfa(), middle.registers()[4] & 0xFFFF_FFFFL);
    }
}
