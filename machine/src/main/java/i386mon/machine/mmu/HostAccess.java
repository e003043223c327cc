package i386mon.machine.mmu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The host TLB's hit path for code that does the tag compare itself (the block compiler's inline
 * memory accesses): the slot of a linear address, the tag an access of some size must match, and
 * the loads and stores into a RAM store at an index {@link Mmu#hostReadAdds()} gives. Only what
 * {@link Mmu#read32} and its siblings do on a hit, so a hit needs no side effect and can neither
 * fault nor ask for attention; anything else is a miss, for the checked path.
 */
public final class HostAccess {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Mask of a slot number: {@code (lin >>> 12) & SLOT_MASK}. */
    public static final int SLOT_MASK = HostTlb.MASK;

    private HostAccess() { }

    /** The tag an access of {@code size} bytes at {@code lin} hits: the page of its last byte (a straddle misses). */
    public static int tag(int lin, int size) { return (lin + size - 1) & ~0xFFF; }

    public static int get8(byte[] store, int index) { return store[index] & 0xFF; }

    public static int get16(byte[] store, int index) { return (short) I16.get(store, index) & 0xFFFF; }

    public static int get32(byte[] store, int index) { return (int) I32.get(store, index); }

    public static void put8(byte[] store, int index, int v) { store[index] = (byte) v; }

    public static void put16(byte[] store, int index, int v) { I16.set(store, index, (short) v); }

    public static void put32(byte[] store, int index, int v) { I32.set(store, index, v); }
}
