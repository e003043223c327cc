package i386mon.machine.firmware.fwcfg;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.PhysicalMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fw_cfg device at ports 0x510 (16-bit selector), 0x511 (data, one byte per read, advancing;
 * 0 past the end) and 0x514 (DMA address, big-endian: a write of the low half at 0x518 starts the
 * transfer). Items have numeric keys; files have names and are listed, sorted by name, in the
 * directory item 0x19 with the keys 0x20 upward in that order, as QEMU numbers them. Everything
 * is read-only: a DMA write sets the error bit.
 */
public final class FwCfg implements BoardDevice, IoDevice {
    public static final int SELECTOR_PORT = 0x510, DATA_PORT = 0x511, DMA_PORT = 0x514;
    public static final int SIGNATURE = 0x00, ID = 0x01, FILE_DIR = 0x19, FILE_FIRST = 0x20;
    /** Feature bits of the ID item: the traditional interface and DMA. */
    static final int FEATURE_TRADITIONAL = 1, FEATURE_DMA = 2;
    /** DMA control bits (fw_cfg.txt, "FWCfgDmaAccess"). */
    static final int DMA_ERROR = 1, DMA_READ = 2, DMA_SKIP = 4, DMA_SELECT = 8, DMA_WRITE = 0x10;
    /** Name field of a directory entry. */
    static final int NAME_LENGTH = 56;

    private final transient PhysicalMemory memory;
    private final transient Map<Integer, byte[]> items = new TreeMap<>();
    private final transient Map<String, byte[]> files = new TreeMap<>();
    /** The files by key - FILE_FIRST and the directory, rebuilt when a file is added (a guest reads them a byte at a time). */
    private transient byte[][] filesByKey = new byte[0][];
    private transient byte[] directory = directory();
    private int selector;
    private int offset;
    private int dmaHigh;

    public FwCfg(PhysicalMemory memory) {
        this.memory = memory;
        items.put(SIGNATURE, "QEMU".getBytes(StandardCharsets.US_ASCII));
        items.put(ID, le(FEATURE_TRADITIONAL | FEATURE_DMA, 4));
    }

    @Override
    public void attach(Board board) {
        board.ports(SELECTOR_PORT, 2, this);
        board.ports(DMA_PORT, 8, this);
    }

    /** Adds (or replaces) item {@code key}. */
    public FwCfg item(int key, byte[] data) {
        items.put(key, data.clone());
        return this;
    }

    /** Adds (or replaces) file {@code name}. */
    public FwCfg file(String name, byte[] data) {
        if (name.length() >= NAME_LENGTH) throw new IllegalArgumentException("fw_cfg file name too long: " + name);
        files.put(name, data.clone());
        filesByKey = files.values().toArray(new byte[0][]);
        directory = directory();
        return this;
    }

    /** The item or file that key {@code key} selects, or null. */
    byte[] contents(int key) {
        if (key == FILE_DIR) return directory;
        if (key >= FILE_FIRST && key < FILE_FIRST + filesByKey.length) return filesByKey[key - FILE_FIRST];
        return items.get(key);
    }

    /** The directory: a big-endian count, then per file its size, key, a reserved word and its name. */
    private byte[] directory() {
        ByteBuffer b = ByteBuffer.allocate(4 + files.size() * (8 + NAME_LENGTH)).order(ByteOrder.BIG_ENDIAN);
        b.putInt(files.size());
        int key = FILE_FIRST;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            b.putInt(f.getValue().length).putShort((short) key++).putShort((short) 0);
            byte[] name = f.getKey().getBytes(StandardCharsets.US_ASCII);
            b.put(name).put(new byte[NAME_LENGTH - name.length]);
        }
        return b.array();
    }

    @Override
    public int in(int port, int size) {
        if (port == DATA_PORT && size == 1) return nextByte();
        if (port == DMA_PORT) return size == 4 ? 0x51454D55 : -1; // "QEMU CFG" read big-endian: the DMA signature's high half
        if (port == DMA_PORT + 4 && size == 4) return 0x20434647;
        return port == SELECTOR_PORT ? 0 : -1;
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == SELECTOR_PORT && size >= 2) select(value & 0xFFFF);
        else if (port == DMA_PORT && size == 4) dmaHigh = Integer.reverseBytes(value);
        else if (port == DMA_PORT + 4 && size == 4) dma(((long) dmaHigh << 32) | (Integer.reverseBytes(value) & 0xFFFF_FFFFL));
    }

    private void select(int key) {
        selector = key;
        offset = 0;
    }

    private int nextByte() {
        byte[] c = contents(selector);
        if (c == null || offset >= c.length) return 0;
        return c[offset++] & 0xFF;
    }

    /**
     * Runs the DMA request at guest-physical {@code address}: control, length (big-endian 32 bits
     * each) and the buffer address (64 bits). Reads copy what is left of the item, zeros beyond;
     * skip moves the offset; the control word is then cleared, or left with the error bit.
     */
    private void dma(long address) {
        byte[] d = new byte[16];
        if (!memory.peek(address, d, 0, 16)) return;
        ByteBuffer req = ByteBuffer.wrap(d).order(ByteOrder.BIG_ENDIAN);
        int control = req.getInt(0), length = req.getInt(4);
        long buffer = req.getLong(8);
        if ((control & DMA_SELECT) != 0) select(control >>> 16);
        int status = 0;
        if ((control & DMA_WRITE) != 0) {
            status = DMA_ERROR;
        } else if ((control & (DMA_READ | DMA_SKIP)) != 0) {
            byte[] c = contents(selector);
            int available = c == null ? 0 : Math.max(0, Math.min(length, c.length - offset));
            if ((control & DMA_READ) != 0) {
                byte[] out = new byte[length];
                if (available > 0) System.arraycopy(c, offset, out, 0, available);
                if (!memory.load(buffer, out, 0, length)) status = DMA_ERROR;
            }
            offset += available;
        }
        memory.load(address, be32(status), 0, 4);
    }

    static byte[] le(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    private static byte[] be32(int v) { return ByteBuffer.allocate(4).putInt(v).array(); }
}
