package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.mmu.InspectResult;

/**
 * The target's side-effect free reads with the shell's one-line reasons: null on success, else
 * why not (e.g. "PDE 0x3c0 not present" or "no RAM or ROM at this physical address").
 */
public final class GuestMemory {
    private final DebugTarget target;

    public GuestMemory(DebugTarget target) {
        this.target = target;
    }

    /** Reads {@code len} bytes at linear {@code address} (wrapping at 4 GiB as the CPU does). */
    public String readLinear(long address, byte[] out, int len) {
        InspectResult r = target.readLinear((int) address, out, 0, len);
        return r.ok() ? null : r.cause();
    }

    /** Reads {@code len} bytes at physical {@code address}. */
    public String readPhysical(long address, byte[] out, int len) {
        if (address < 0 || address + len > 0x1_0000_0000L) return "beyond the 32-bit physical address space";
        if (!target.readPhysical(address, out, 0, len).ok()) return "no RAM or ROM at this physical address";
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
