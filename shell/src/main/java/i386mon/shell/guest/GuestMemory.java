package i386mon.shell.guest;

/** Side-effect free reads of guest memory by linear or physical address, page by page. */
public final class GuestMemory {
    private static final int PAGE = 4096;

    private final Target target;

    public GuestMemory(Target target) {
        this.target = target;
    }

    /**
     * Reads {@code len} bytes at linear {@code address} (wrapping at 4 GiB as the CPU does);
     * returns null on success, else why not (e.g. "PDE 0x3c0 not present" or "beyond RAM").
     */
    public String readLinear(long address, byte[] out, int len) {
        int done = 0;
        while (done < len) {
            int lin = (int) (address + done);
            int chunk = Math.min(len - done, PAGE - (lin & (PAGE - 1)));
            Translation t = target.translate(lin);
            if (!t.mapped()) return t.failure();
            if (!target.readPhysical(t.physical(), out, done, chunk)) {
                return String.format("physical 0x%x is not backed", t.physical());
            }
            done += chunk;
        }
        return null;
    }

    /** Reads {@code len} bytes at physical {@code address}; returns null on success, else why not. */
    public String readPhysical(long address, byte[] out, int len) {
        if (address < 0 || address + len > 0x1_0000_0000L) return "beyond the 32-bit physical address space";
        if (!target.readPhysical(address, out, 0, len)) return "no RAM or ROM at this physical address";
        return null;
    }

    /** A 32-bit little-endian read at a linear address; throws with QEMU's text and the reason. */
    public long readLinear32(long address) {
        byte[] b = new byte[4];
        String why = readLinear(address, b, 4);
        if (why != null) {
            throw new i386mon.shell.expr.ExprException(String.format("Cannot access memory at 0x%08x (%s)", address & 0xFFFF_FFFFL, why));
        }
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }
}
