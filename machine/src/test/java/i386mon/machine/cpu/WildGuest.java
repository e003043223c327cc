package i386mon.machine.cpu;

/**
 * A guest running wild: from 1 MiB it executes zeroed memory ({@code add %al,(%eax)}, two bytes
 * each) up to the end of its 16 MiB of RAM, where a jump takes it back, for the instruction count
 * given as the argument. Run in a JVM with a small heap by {@link CodeCacheBoundTest}; prints the
 * instructions retired and the code cache's size, exits 0.
 */
final class WildGuest {
    static final int START = 0x10_0000, END = (16 << 20) - 16;

    private WildGuest() { }

    public static void main(String[] args) {
        long goal = Long.parseLong(args[0]);
        CpuHarness h = new CpuHarness();
        h.mem.write8(END, 0xE9); // jmp rel32 back to START
        h.mem.write32(END + 1, START - (END + 5));
        h.set(Cpu.EAX, CpuHarness.DATA); // the adds write a scratch byte outside the code
        h.cpu.setEip(START);
        long retired = 0;
        while (retired < goal) {
            long n = h.cpu.run(1_000_000);
            if (n == 0) throw new IllegalStateException("stopped: " + h.cpu.stopReason() + " at " + Integer.toHexString(h.cpu.eip()));
            retired += n;
        }
        System.out.println("retired " + retired + " cached " + h.cpu.code.cachedInstructions()
                + " instructions in " + h.cpu.code.cachedPages() + " pages");
    }
}
