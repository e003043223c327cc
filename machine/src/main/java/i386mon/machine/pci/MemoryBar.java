package i386mon.machine.pci;

import i386mon.machine.board.Board;
import i386mon.machine.memory.MmioDevice;

/**
 * Keeps a memory BAR's region in the physical address space where the BAR decodes now: mapped
 * when the guest programs an address with memory space enabled, moved when it writes another,
 * removed when it switches decoding off (the memory counterpart of {@link IoBar}).
 */
final class MemoryBar {
    private final transient long size;
    private final transient MmioDevice device;
    private transient Board board;
    /** Where the region is mapped, or {@link PciFunction#UNMAPPED}. */
    private transient long mapped = PciFunction.UNMAPPED;

    MemoryBar(long size, MmioDevice device) {
        this.size = size;
        this.device = device;
    }

    void attach(Board b) { this.board = b; }

    /** Maps the region at {@code address} ({@link PciFunction#UNMAPPED} for none). */
    void moveTo(long address) {
        if (board == null || address == mapped) return;
        if (mapped != PciFunction.UNMAPPED) board.unmap(mapped, device);
        mapped = address;
        if (address != PciFunction.UNMAPPED) board.mmio(address, size, device);
    }

    /** Where the region decodes, or {@link PciFunction#UNMAPPED}. */
    long mappedAt() { return mapped; }
}
