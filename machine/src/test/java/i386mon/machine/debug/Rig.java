package i386mon.machine.debug;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import i386mon.machine.cpu.Cpu;
import java.io.ByteArrayOutputStream;

/**
 * A machine with flat ring-0 segments, code at {@link #CODE} built from hand-encoded
 * instructions, and (on request) paging with the low 4 MiB identity-mapped.
 */
final class Rig {
    static final int CODE = 0x10000, DATA = 0x20000, PAGE_DIR = 0x5000, PAGE_TABLE = 0x6000, STACK_TOP = 0x90000;
    static final int GDT = 0x1000;
    static final long CODE0 = 0x00CF9A000000FFFFL, DATA0 = 0x00CF92000000FFFFL;

    final Machine m = new Machine(MachineConfig.defaults());
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();

    Rig() {
        Cpu c = m.cpu();
        m.memory().write64(GDT + 8, CODE0);
        m.memory().write64(GDT + 16, DATA0);
        c.setGdtr(GDT, 23);
        c.loadFlatSegment(Cpu.CS, 0x08, CODE0);
        for (int s : new int[] {Cpu.DS, Cpu.ES, Cpu.SS, Cpu.FS, Cpu.GS}) c.loadFlatSegment(s, 0x10, DATA0);
        c.setReg(Cpu.ESP, STACK_TOP);
        c.setEip(CODE);
        c.setEflags(2);
    }

    /** Identity-maps the low 4 MiB through {@link #PAGE_TABLE} (supervisor, writable) and turns paging on. */
    Rig paging() {
        for (int k = 0; k < 1024; k++) m.memory().write32(PAGE_TABLE + 4L * k, k << 12 | 3);
        m.memory().write32(PAGE_DIR, PAGE_TABLE | 3);
        Cpu c = m.cpu();
        c.setControlRegisters(c.cr0() | Cpu.CR0_PG, PAGE_DIR, c.cr4(), c.efer());
        return this;
    }

    Rig bytes(int... b) {
        for (int x : b) code.write(x);
        return this;
    }

    Rig dword(int v) { return bytes(v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24 & 0xFF); }

    /** mov dword [addr], imm */
    Rig store(int addr, int value) { return bytes(0xC7, 0x05).dword(addr).dword(value); }

    /** mov eax, [addr] */
    Rig load(int addr) { return bytes(0xA1).dword(addr); }

    /** inc dword [addr] */
    Rig inc(int addr) { return bytes(0xFF, 0x05).dword(addr); }

    /** mov eax, imm */
    Rig movEax(int value) { return bytes(0xB8).dword(value); }

    /** mov cr3, eax */
    Rig movCr3Eax() { return bytes(0x0F, 0x22, 0xD8); }

    Rig nop() { return bytes(0x90); }

    Rig hlt() { return bytes(0xF4); }

    /** Address the next instruction will have. */
    int here() { return CODE + code.size(); }

    /** Loads the code built so far, followed by HLT. */
    Rig install() {
        byte[] b = code.toByteArray();
        byte[] withHlt = java.util.Arrays.copyOf(b, b.length + 1);
        withHlt[b.length] = (byte) 0xF4;
        m.memory().load(CODE, withHlt, 0, withHlt.length);
        return this;
    }

    /** Loads the code built so far (followed by HLT) and runs until a stop. */
    StopReason run() {
        install();
        return m.run(1_000_000);
    }

    /** Continues after a stop. */
    StopReason resume() { return m.run(1_000_000); }

    Debugger debug() { return m.debugger(); }
}
