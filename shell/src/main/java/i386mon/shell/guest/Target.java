package i386mon.shell.guest;

import java.util.Map;

/**
 * The machine as the shell sees it. Segment indexes follow the CPU: ES=0 CS=1 SS=2 DS=3 FS=4
 * GS=5 LDTR=6 TR=7; general registers EAX..EDI are 0..7. Inspection methods never change guest
 * state (no Accessed bits, no TLB fills, no device side effects).
 */
public interface Target {
    int SEG_ES = 0, SEG_CS = 1, SEG_SS = 2, SEG_DS = 3, SEG_FS = 4, SEG_GS = 5, SEG_LDTR = 6, SEG_TR = 7;

    int reg(int i);
    void setReg(int i, int value);
    int eip();
    void setEip(int value);
    int eflags();
    void setEflags(int value);
    int cpl();
    boolean halted();

    int segSelector(int i);
    int segBase(int i);
    int segLimit(int i);
    /** Descriptor attribute bits as QEMU prints them in its fourth column, e.g. 0x00cf9300. */
    int segFlags(int i);

    int gdtrBase();
    int gdtrLimit();
    int idtrBase();
    int idtrLimit();

    int cr0();
    int cr2();
    int cr3();
    int cr4();
    long efer();
    int dr(int i);

    /** Translates a linear address the way the CPU would for a supervisor read, without side effects. */
    Translation translate(int linear);

    /**
     * The page walk for {@code linear}, without side effects (no Accessed bits, no TLB fill).
     * {@code cr3} null means the current CR3 (and no walk when paging is off).
     */
    WalkView walk(int linear, Integer cr3, boolean write, boolean user, boolean execute);

    /** The TLB's cached translations, each with why it no longer matches the page tables (or null). */
    java.util.List<CachedTranslation> cachedTlb();

    /** The error code of the last exception the CPU raised (e.g. at a caught #PF), or null when it had none. */
    Integer lastErrorCode();

    /** How many TLB entries disagree with the page tables (0 when none, or when the TLB is not modelled). */
    int staleTlbEntries();

    /** Reads physical memory without side effects; false when any byte is not backed. */
    boolean readPhysical(long paddr, byte[] out, int off, int len);

    /** Size of guest RAM in bytes. */
    long ramSize();

    int in(int port, int size);
    void out(int port, int size, int value);

    /** Address of a kernel symbol, or null. */
    Integer symbol(String name);
    /** All kernel symbols by name. */
    Map<String, Integer> symbols();
    /** "kernel_main+0x1c" for an address inside a known symbol, else "0x%08x". */
    String describe(int address);

    /** Decodes the instruction at {@code code[offset]}, which sits at linear {@code address}. */
    Instruction disassemble(byte[] code, int offset, int address, boolean intel);

    /** Types a QEMU-style key combination ("ctrl-alt-delete", "a") on the keyboard controller. */
    void sendKey(String combination);

    /** Runs until something stops the guest or {@code maxInstructions} retire. */
    Stop run(long maxInstructions);
    /** Executes one instruction. */
    Stop step();
    /** Asks a running guest to stop; safe from any thread. */
    void requestStop();
    void addBreakpoint(int linear);
    /** Stops the guest before it takes exception {@code vector} (a catchpoint), or no longer. */
    void setCatch(int vector, boolean on);
    void removeBreakpoint(int linear);

    /** The debugger: watchpoints, instruction history, fault explanation. */
    default Debugging debugging() {
        throw new i386mon.shell.session.CommandException("this machine has no debugger");
    }

    /**
     * I/O ports no device decodes that the guest touched since the last call, each reported once
     * per machine (they read all ones and ignore writes).
     */
    default java.util.List<Integer> newUnknownPorts() {
        return java.util.List.of();
    }

    /** The views of the machine's devices (PIC, PIT, UARTs, VGA, CMOS, POST port ...). */
    default i386mon.machine.board.DeviceViews devices() {
        throw new i386mon.shell.session.CommandException("this machine has no PC devices to show");
    }

    /** Instructions retired since boot (the virtual clock). */
    long instructionsRetired();
}
