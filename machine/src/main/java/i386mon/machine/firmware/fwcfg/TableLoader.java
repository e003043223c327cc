package i386mon.machine.firmware.fwcfg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The script of QEMU's BIOS linker/loader ({@code etc/table-loader}, hw/acpi/bios-linker-loader.c):
 * 128-byte commands that make SeaBIOS allocate a fw_cfg file's copy in memory, add one file's
 * address to a pointer inside another, and fix a checksum after the pointers changed.
 */
final class TableLoader {
    static final int ALLOCATE = 1, ADD_POINTER = 2, ADD_CHECKSUM = 3;
    /** Allocation zones: high memory (SeaBIOS's ZoneHigh) and the F segment (where an RSDP must be). */
    static final int ZONE_HIGH = 1, ZONE_FSEG = 2;
    private static final int ENTRY = 128;

    private final ByteArrayOutputStream script = new ByteArrayOutputStream();

    TableLoader allocate(String file, int align, int zone) {
        ByteBuffer b = entry(ALLOCATE);
        name(b, file);
        b.putInt(align).put((byte) zone);
        return add(b);
    }

    /** Adds {@code pointee}'s address to the {@code size}-byte pointer at {@code offset} in {@code file}. */
    TableLoader addPointer(String file, String pointee, int offset, int size) {
        ByteBuffer b = entry(ADD_POINTER);
        name(b, file);
        name(b, pointee);
        b.putInt(offset).put((byte) size);
        return add(b);
    }

    /** Adjusts the checksum byte at {@code offset} so that bytes {@code start .. start+length-1} of {@code file} sum to 0. */
    TableLoader addChecksum(String file, int offset, int start, int length) {
        ByteBuffer b = entry(ADD_CHECKSUM);
        name(b, file);
        b.putInt(offset).putInt(start).putInt(length);
        return add(b);
    }

    byte[] toArray() { return script.toByteArray(); }

    private static ByteBuffer entry(int command) {
        return ByteBuffer.allocate(ENTRY).order(ByteOrder.LITTLE_ENDIAN).putInt(command);
    }

    private static void name(ByteBuffer b, String file) {
        byte[] n = file.getBytes(StandardCharsets.US_ASCII);
        b.put(n).put(new byte[FwCfg.NAME_LENGTH - n.length]);
    }

    private TableLoader add(ByteBuffer b) {
        script.write(b.array(), 0, ENTRY);
        return this;
    }
}
