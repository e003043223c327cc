package i386mon.machine.boot;

import i386mon.machine.memory.PhysicalMemory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers to read what a loader left in guest memory. */
final class GuestMemory {
    private GuestMemory() { }

    static long u32(PhysicalMemory m, long addr) {
        return m.read32(addr) & 0xFFFF_FFFFL;
    }

    static long u64(PhysicalMemory m, long addr) {
        return m.read64(addr);
    }

    static String string(PhysicalMemory m, long addr) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (long a = addr; ; a++) {
            int c = m.read8(a);
            if (c == 0) return b.toString(StandardCharsets.UTF_8);
            b.write(c);
        }
    }

    static byte[] bytes(PhysicalMemory m, long addr, int len) {
        byte[] out = new byte[len];
        if (!m.peek(addr, out, 0, len)) throw new AssertionError("not backed at 0x" + Long.toHexString(addr));
        return out;
    }
}
