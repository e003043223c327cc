package i386mon.machine.mmu;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * The host TLB's arrays and the RAM stores its entries point into, read and written without Java's
 * bounds checks: a hit then costs one compare and one access, as it is meant to (#19). Each compiled
 * memory access of a guest loop paid five checks (the tag, store and offset arrays, both ends of the
 * store) whose array lengths HotSpot kept in registers or spilled, beside the guest's own registers.
 *
 * <p>Safe by construction, not by check: a slot is masked to the arrays' fixed size ({@link
 * HostTlb#SLOTS}), and an entry's offset plus the offset in the page is inside its store for every
 * access its tag admits (an access that crosses the page's end misses the tag). Little-endian, as
 * the guest, on any host ({@link #LITTLE}: a big-endian one swaps the bytes).
 */
final class RawArrays {
    private static final Unsafe U = unsafe();
    private static final long INTS = U.arrayBaseOffset(int[].class), BYTES = U.arrayBaseOffset(byte[].class);
    private static final long REFS = U.arrayBaseOffset(Object[].class);
    private static final int REF_SHIFT = Integer.numberOfTrailingZeros(U.arrayIndexScale(Object[].class));
    /** True on a little-endian host, where a guest word is read as a host word. */
    static final boolean LITTLE = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

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

    /** {@code a[slot]}, slot in {@code [0, HostTlb.SLOTS)}. */
    static int at(int[] a, int slot) { return U.getInt(a, INTS + ((long) slot << 2)); }

    /** {@code a[slot]}, slot in {@code [0, HostTlb.SLOTS)}. */
    static byte[] at(byte[][] a, int slot) { return (byte[]) U.getObject(a, REFS + ((long) slot << REF_SHIFT)); }

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
