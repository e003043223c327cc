package i386mon.shell.guest;

import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.MachineLoader;
import i386mon.machine.debug.DebugTarget;
import java.util.function.IntConsumer;

/**
 * A loader of FakeTargets running a fixed little program at 0x100000: it prints "Hi\n" on the
 * serial port, calls {@code helper} (two nops and a ret) and exits with status 3 through port 0xf4.
 * At {@code crash} (0x100100) a ud2 triple-faults.
 * A kernel image whose first byte is 'X' is refused, like a malformed ELF.
 */
public final class FakeKernel implements MachineLoader {
    public static final int MAIN = 0x100000, AFTER_CALL = 0x100011, HELPER = 0x100020, EXIT_OUT = 0x100013, CRASH = 0x100100;
    public FakeTarget last;
    /** What the last boot asked for. */
    public BootRequest lastRequest;
    public int boots;

    @Override
    public DebugTarget boot(BootRequest request, IntConsumer serial) {
        if (request.kernel().length > 0 && request.kernel()[0] == 'X') throw new CommandException("not an ELF file: " + request.kernelName());
        FakeTarget t = new FakeTarget(Math.min(request.ramBytes(), 4 << 20), serial);
        t.poke(MAIN, 0xb0, 'H', 0xe6, 0xe9, 0xb0, 'i', 0xe6, 0xe9, 0xb0, '\n', 0xe6, 0xe9,
                0xe8, 0x0f, 0x00, 0x00, 0x00, 0xb0, 0x03, 0xe6, 0xf4);
        t.poke(HELPER, 0x90, 0x90, 0xc3);
        t.poke(CRASH, 0x0f, 0x0b);
        t.symbolTable.put("crash", CRASH);
        t.symbolTable.put("kernel_main", MAIN);
        t.symbolTable.put("helper", HELPER);
        t.eip = MAIN;
        t.regs[4] = 0x90000;
        t.regs[0] = 0x2badb002;
        t.cr0 = 0x11;
        t.selectors[1] = 0x08;
        t.flags[1] = 0x00cf9b00;
        for (int i : new int[] {0, 2, 3, 4, 5}) { t.selectors[i] = 0x10; t.flags[i] = 0x00cf9300; t.limits[i] = -1; }
        t.limits[1] = -1;
        last = t;
        lastRequest = request;
        boots++;
        return t;
    }
}
