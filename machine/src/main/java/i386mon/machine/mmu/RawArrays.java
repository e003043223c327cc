package i386mon.machine.mmu;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * The RAM stores that host TLB entries point into, read and written without Java's bounds checks
 * (#19): a compiled memory access checked both ends of the store on every hit, a load of its
 * length and two compares (seen in C2's code for the mixed workload's matrix loop). Safe by
 * construction, not by check: an entry's offset plus the offset in the page is inside its store
 * for every access its tag admits (an access that crosses the page's end misses the tag).
 * Little-endian, as the guest, on any host ({@link #LITTLE}: a big-endian one swaps the bytes).
 *
 * <p>The TLB's own arrays stay plain Java arrays: read through {@code Unsafe} too, the call/ret
 * loop took a third more CPU (its pushes and pops are stores and loads on the stack).
 */
final class RawArrays {
    private static final Unsafe U = unsafe();
    private static final long BYTES = U.arrayBaseOffset(byte[].class);
    /** True on a little-endian host, where a guest word is read as a host word. */
    private static final boolean LITTLE = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

    private RawArrays() { }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The little-endian dword at byte {@code at} of {@code b}. */
    static int get32(byte[] b, int at) {
        int v = U.getInt(b, BYTES + at);
        return LITTLE ? v : Integer.reverseBytes(v);
    }

    /** The little-endian word at byte {@code at} of {@code b}, zero-extended. */
    static int get16(byte[] b, int at) {
        short v = U.getShort(b, BYTES + at);
        return (LITTLE ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    /** The byte at {@code at} of {@code b}, zero-extended. */
    static int get8(byte[] b, int at) { return U.getByte(b, BYTES + at) & 0xFF; }

    static void put32(byte[] b, int at, int v) { U.putInt(b, BYTES + at, LITTLE ? v : Integer.reverseBytes(v)); }

    static void put16(byte[] b, int at, int v) { U.putShort(b, BYTES + at, LITTLE ? (short) v : Short.reverseBytes((short) v)); }

    static void put8(byte[] b, int at, int v) { U.putByte(b, BYTES + at, (byte) v); }
}
