package i386mon.machine.pci;

/**
 * One PCI function: its 256-byte configuration space (type 0 header, PCI Local Bus Specification
 * 3.0, 6.1) with a write mask per byte, so read-only fields (IDs, class code, the type bits of a
 * BAR, the bits below a BAR's size) keep their value whatever the guest writes. A BAR's size is
 * found as the specification says (6.2.5.1): write all ones, read back, the cleared low bits give
 * the size. Subclasses (the chipset functions) make their own registers writable and react to
 * writes in {@link #written}; {@link #barAddress} says where a BAR decodes now.
 */
public class PciFunction {
    public static final int VENDOR_ID = 0x00, DEVICE_ID = 0x02, COMMAND = 0x04, STATUS = 0x06, REVISION = 0x08,
            CLASS_PROG = 0x09, HEADER_TYPE = 0x0E, BAR0 = 0x10, SUBSYSTEM_VENDOR_ID = 0x2C, SUBSYSTEM_ID = 0x2E,
            ROM_ADDRESS = 0x30, INTERRUPT_LINE = 0x3C, INTERRUPT_PIN = 0x3D;
    /** Command register bits: I/O space, memory space, bus master. */
    public static final int COMMAND_IO = 0x1, COMMAND_MEMORY = 0x2, COMMAND_MASTER = 0x4;
    /** The ROM BAR's index in {@link #barAddress} (after BAR0-5), as QEMU's {@code info pci} numbers it. */
    public static final int ROM_BAR = 6;
    /** An unmapped BAR's address, as QEMU reports it. */
    public static final long UNMAPPED = -1L;
    /** QEMU's subsystem IDs for every device of its machines (Red Hat, "QEMU virtual machine"). */
    static final int QEMU_SUBSYSTEM_VENDOR = 0x1AF4, QEMU_SUBSYSTEM = 0x1100;

    /** What a BAR decodes. */
    public enum BarKind { IO, MEMORY, PREFETCHABLE_MEMORY }

    private final int device;
    private final int function;
    private final byte[] config = new byte[256];
    /** Bits the guest may change, byte by byte (configuration, not state: rebuilt by the constructor). */
    private final transient byte[] writable = new byte[256];
    /** Size of BAR0-5 and the ROM BAR (index 6), 0 when absent. */
    private final transient int[] barSizes = new int[7];
    private final transient BarKind[] barKinds = new BarKind[7];

    /**
     * A function at {@code device}.{@code function} on bus 0 with these IDs, its 24-bit class code
     * (class, subclass, programming interface) and revision; QEMU's subsystem IDs; command register
     * bits I/O, memory and bus master writable, status read-only.
     */
    public PciFunction(int device, int function, int vendorId, int deviceId, int classCode, int revision) {
        this.device = device;
        this.function = function;
        put16(VENDOR_ID, vendorId);
        put16(DEVICE_ID, deviceId);
        config[REVISION] = (byte) revision;
        put16(CLASS_PROG, classCode);
        config[CLASS_PROG + 2] = (byte) (classCode >>> 16);
        put16(SUBSYSTEM_VENDOR_ID, QEMU_SUBSYSTEM_VENDOR);
        put16(SUBSYSTEM_ID, QEMU_SUBSYSTEM);
        // as QEMU's wmask: also SERR# enable (0x100) and interrupt disable (0x400); cache line size and latency timer
        writable(COMMAND, 2, COMMAND_IO | COMMAND_MEMORY | COMMAND_MASTER | 0x0100 | 0x0400);
        writable(0x0C, 2, 0xFFFF);
        writable(INTERRUPT_LINE, 1, 0xFF);
    }

    public final int device() { return device; }

    public final int function() { return function; }

    /** Device and function as the configuration address carries them (bits 15-8 of 0xCF8). */
    public final int devfn() { return device << 3 | function; }

    public final int vendorId() { return get16(VENDOR_ID); }

    public final int deviceId() { return get16(DEVICE_ID); }

    /** Class and subclass (bits 23-8 of the class code). */
    public final int classId() { return get16(CLASS_PROG + 1); }

    public final int command() { return get16(COMMAND); }

    /** The interrupt pin, 1-4 for INTA#-INTD#, 0 if the function uses none. */
    public final int interruptPin() { return config[INTERRUPT_PIN] & 0xFF; }

    public final int interruptLine() { return config[INTERRUPT_LINE] & 0xFF; }

    /** Marks the function as one of several in its device (header type bit 7), as function 0 of a multi-function device says. */
    protected final void multiFunction() { config[HEADER_TYPE] |= (byte) 0x80; }

    protected final void interruptPin(int pin) { config[INTERRUPT_PIN] = (byte) pin; }

    /** Makes the bits {@code mask} of the {@code size}-byte register at {@code offset} writable by the guest. */
    protected final void writable(int offset, int size, int mask) {
        for (int i = 0; i < size; i++) writable[offset + i] |= (byte) (mask >>> (8 * i));
    }

    /** Declares BAR {@code index} (0-5) of {@code size} bytes (a power of two). */
    protected final void bar(int index, BarKind kind, int size) {
        if (Integer.bitCount(size) != 1 || size < (kind == BarKind.IO ? 4 : 16)) throw new IllegalArgumentException("BAR size " + size);
        barSizes[index] = size;
        barKinds[index] = kind;
        int offset = BAR0 + 4 * index;
        if (kind == BarKind.IO) config[offset] = 0x01;
        else if (kind == BarKind.PREFETCHABLE_MEMORY) config[offset] = 0x08;
        writable(offset, 4, -size);
    }

    /** Declares an expansion ROM BAR of {@code size} bytes: address bits above the size and the enable bit writable. */
    protected final void romBar(int size) {
        barSizes[ROM_BAR] = size;
        barKinds[ROM_BAR] = BarKind.MEMORY;
        writable(ROM_ADDRESS, 4, -size | 1);
    }

    /** Size of BAR {@code index} (0-5, or {@link #ROM_BAR}), 0 if the function has none there. */
    public final int barSize(int index) { return barSizes[index]; }

    public final BarKind barKind(int index) { return barKinds[index]; }

    /**
     * Where BAR {@code index} decodes now, or {@link #UNMAPPED}: its space must be enabled in the
     * command register (and a ROM BAR by its own enable bit), its address non-zero and, for I/O,
     * within the 64 KiB port space; these are the rules QEMU applies (pci_bar_address).
     */
    public final long barAddress(int index) {
        int size = barSizes[index];
        if (size == 0) return UNMAPPED;
        int cmd = command();
        if (index == ROM_BAR) {
            int v = get32(ROM_ADDRESS);
            if ((cmd & COMMAND_MEMORY) == 0 || (v & 1) == 0) return UNMAPPED;
            long a = v & -size & 0xFFFF_FFFFL;
            return a == 0 ? UNMAPPED : a;
        }
        long v = get32(BAR0 + 4 * index) & 0xFFFF_FFFFL;
        if (barKinds[index] == BarKind.IO) {
            long a = v & ~3L & -size;
            return (cmd & COMMAND_IO) == 0 || a == 0 || a + size > 0x10000 ? UNMAPPED : a;
        }
        long a = v & ~15L & -size & 0xFFFF_FFFFL;
        return (cmd & COMMAND_MEMORY) == 0 || a == 0 ? UNMAPPED : a;
    }

    /** A configuration read of {@code size} bytes (1, 2 or 4) at {@code offset}; bytes past 0xFF read 0xFF. */
    public final int read(int offset, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) v |= (offset + i < 256 ? readByte(offset + i) : 0xFF) << (8 * i);
        return v;
    }

    /** A byte of configuration space as the guest reads it; a register with side effects overrides this. */
    protected int readByte(int offset) { return config[offset] & 0xFF; }

    /** A configuration write: only the writable bits change, then {@link #written} is told. */
    public final void write(int offset, int size, int value) {
        for (int i = 0; i < size && offset + i < 256; i++) {
            int at = offset + i, mask = writable[at];
            config[at] = (byte) (config[at] & ~mask | (value >>> (8 * i)) & mask);
        }
        written(offset, size);
    }

    /** Told after every configuration write ({@code size} bytes at {@code offset}), to act on registers that do something. */
    protected void written(int offset, int size) { }

    /** Puts a register value as firmware or the chipset sets it, bypassing the write mask (then {@link #written} runs). */
    public final void set(int offset, int size, int value) {
        for (int i = 0; i < size; i++) config[offset + i] = (byte) (value >>> (8 * i));
        written(offset, size);
    }

    /** Back to the values after a PCI reset: the writable bits cleared, read-only fields kept. */
    public void reset() {
        for (int i = 0; i < 256; i++) config[i] &= (byte) ~writable[i];
        written(0, 256);
    }

    protected final int get8(int offset) { return config[offset] & 0xFF; }

    protected final int get16(int offset) { return get8(offset) | get8(offset + 1) << 8; }

    protected final int get32(int offset) { return get16(offset) | get16(offset + 2) << 16; }

    private void put16(int offset, int v) {
        config[offset] = (byte) v;
        config[offset + 1] = (byte) (v >>> 8);
    }

    /** Plugged into {@code board}: a function whose BARs decode registers keeps the board to map them on. */
    void attached(i386mon.machine.board.Board board) { }

    /** Writes state kept outside the fields a snapshot saves by itself (the i440FX's shadow RAM copy). */
    void saveMore(i386mon.machine.state.StateWriter out) { }

    /** Reads what {@link #saveMore} wrote. */
    void restoreMore(i386mon.machine.state.StateReader in) { }

    /** What a snapshot restore needs: registers with effects outside configuration space are applied again. */
    protected void restored() { written(0, 256); }
}
