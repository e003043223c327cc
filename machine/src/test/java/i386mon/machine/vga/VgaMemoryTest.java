package i386mon.machine.vga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VgaMemoryTest {
    private final int[] seq = new int[8];
    private final int[] gc = new int[16];
    private final VgaMemory mem = new VgaMemory(seq, gc);

    /** Planar mode 12h-style: window at 0xA0000 (128 KiB), all planes writable, bit mask all ones. */
    VgaMemoryTest() {
        seq[VgaMemory.SEQ_MAP_MASK] = 0x0F;
        seq[VgaMemory.SEQ_MEMORY_MODE] = 0x06;
        gc[VgaMemory.GC_MISC] = 0x01;
        gc[VgaMemory.GC_BIT_MASK] = 0xFF;
    }

    private void planes(int offset, int p0, int p1, int p2, int p3) {
        mem.setByte(4 * offset, p0);
        mem.setByte(4 * offset + 1, p1);
        mem.setByte(4 * offset + 2, p2);
        mem.setByte(4 * offset + 3, p3);
    }

    private int plane(int p, int offset) { return mem.planeByte(p, offset); }

    @Test
    void writeMode0WritesTheByteToEveryPlaneTheMapMaskEnables() {
        seq[VgaMemory.SEQ_MAP_MASK] = 0x05;
        mem.write(0x10, 0xA5);
        assertEquals(0xA5, plane(0, 0x10));
        assertEquals(0x00, plane(1, 0x10));
        assertEquals(0xA5, plane(2, 0x10));
        assertEquals(0x00, plane(3, 0x10));
    }

    @Test
    void writeMode0RotatesThenSetResetReplacesEnabledPlanes() {
        gc[VgaMemory.GC_ROTATE] = 0x04;              // rotate right by 4
        gc[VgaMemory.GC_SET_RESET] = 0x02;           // plane 1 all ones, plane 3 all zeros
        gc[VgaMemory.GC_ENABLE_SET_RESET] = 0x0A;    // ... for planes 1 and 3
        mem.write(0, 0x12);
        assertEquals(0x21, plane(0, 0));
        assertEquals(0xFF, plane(1, 0));
        assertEquals(0x21, plane(2, 0));
        assertEquals(0x00, plane(3, 0));
    }

    @Test
    void bitMaskKeepsLatchedBitsWhereItIsClear() {
        planes(3, 0xF0, 0xF0, 0xF0, 0xF0);
        mem.read(3); // loads the latches
        gc[VgaMemory.GC_BIT_MASK] = 0x0F;
        mem.write(3, 0x00);
        assertEquals(0xF0, plane(0, 3));
        mem.write(3, 0xFF);
        assertEquals(0xFF, plane(3, 3));
    }

    @Test
    void logicalFunctionsCombineWithTheLatches() {
        planes(0, 0x0F, 0x0F, 0x0F, 0x0F);
        mem.read(0);
        gc[VgaMemory.GC_ROTATE] = 0x08; // AND
        mem.write(0, 0x3C);
        assertEquals(0x0C, plane(0, 0));
        gc[VgaMemory.GC_ROTATE] = 0x10; // OR
        mem.write(0, 0x3C);
        assertEquals(0x3F, plane(1, 0));
        gc[VgaMemory.GC_ROTATE] = 0x18; // XOR
        mem.write(0, 0x3C);
        assertEquals(0x33, plane(2, 0));
    }

    @Test
    void writeMode1CopiesTheLatchesOneAddressToAnother() {
        planes(7, 0x11, 0x22, 0x33, 0x44);
        mem.read(7);
        gc[VgaMemory.GC_MODE] = 0x01;
        mem.write(9, 0xFF);
        assertEquals(0x11, plane(0, 9));
        assertEquals(0x22, plane(1, 9));
        assertEquals(0x33, plane(2, 9));
        assertEquals(0x44, plane(3, 9));
    }

    @Test
    void writeMode2SpreadsTheColourBitsOverThePlanes() {
        gc[VgaMemory.GC_MODE] = 0x02;
        gc[VgaMemory.GC_BIT_MASK] = 0x81;
        mem.read(0);
        mem.write(0, 0x05); // colour 5: planes 0 and 2
        assertEquals(0x81, plane(0, 0));
        assertEquals(0x00, plane(1, 0));
        assertEquals(0x81, plane(2, 0));
        assertEquals(0x00, plane(3, 0));
    }

    @Test
    void writeMode3MasksTheSetResetColourWithTheRotatedData() {
        gc[VgaMemory.GC_MODE] = 0x03;
        gc[VgaMemory.GC_SET_RESET] = 0x0C;
        mem.read(0);
        mem.write(0, 0xF0);
        assertEquals(0x00, plane(0, 0));
        assertEquals(0xF0, plane(2, 0));
        assertEquals(0xF0, plane(3, 0));
    }

    @Test
    void readMode0ReadsTheSelectedPlane() {
        planes(5, 0x11, 0x22, 0x33, 0x44);
        gc[VgaMemory.GC_READ_MAP] = 2;
        assertEquals(0x33, mem.read(5));
        assertEquals(0x44332211, mem.latches());
    }

    @Test
    void readMode1ComparesEveryCaredForPlaneWithTheColour() {
        planes(0, 0xFF, 0x0F, 0x00, 0xAA);
        gc[VgaMemory.GC_MODE] = 0x08;
        gc[VgaMemory.GC_COLOUR_COMPARE] = 0x03; // planes 0 and 1 set, 2 and 3 clear
        gc[VgaMemory.GC_DONT_CARE] = 0x07;      // plane 3 does not matter
        assertEquals(0x0F, mem.read(0));
    }

    @Test
    void peekReadsWithoutLoadingTheLatches() {
        planes(1, 0x11, 0x22, 0x33, 0x44);
        planes(2, 0x55, 0x66, 0x77, 0x88);
        mem.read(1);
        assertEquals(0x55, mem.peek(2));
        assertEquals(0x44332211, mem.latches());
    }

    @Test
    void oddEvenSendsEvenAddressesToPlane0AndOddOnesToPlane1() {
        seq[VgaMemory.SEQ_MEMORY_MODE] = 0x02;
        gc[VgaMemory.GC_MODE] = 0x10;
        gc[VgaMemory.GC_MISC] = 0x0E; // 0xB8000, 32 KiB
        seq[VgaMemory.SEQ_MAP_MASK] = 0x03;
        mem.write(0x18000 + 4, 'A');
        mem.write(0x18000 + 5, 0x1F);
        assertEquals('A', plane(0, 2));
        assertEquals(0x1F, plane(1, 2));
        assertEquals('A', mem.read(0x18000 + 4));
        assertEquals(0xFF, mem.read(0x00000)); // 0xA0000 is outside the selected window
    }

    @Test
    void chain4AddressesTheVideoRamBytewise() {
        seq[VgaMemory.SEQ_MEMORY_MODE] = 0x0E;
        gc[VgaMemory.GC_MISC] = 0x05; // 0xA0000, 64 KiB
        mem.write(6, 0x42);
        assertEquals(0x42, mem.byteAt(6));
        assertEquals(0x42, plane(2, 1));
        assertEquals(0x42, mem.read(6));
    }

    @Test
    void pokeStoresWhatPeekReadsWithoutTheMapMask() {
        seq[VgaMemory.SEQ_MAP_MASK] = 0;
        gc[VgaMemory.GC_READ_MAP] = 1;
        mem.poke(3, 0x99);
        assertEquals(0x99, plane(1, 3));
        assertEquals(0x99, mem.peek(3));
    }

    @Test
    void videoRamBeyondThePlanesIsAllocatedAtTheFirstWrite() {
        assertEquals(VgaMemory.PLANES_BYTES, mem.allocatedBytes());
        assertEquals(0, mem.byteAt(0x800000));
        mem.setByte(0x800000, 7);
        assertEquals(VgaMemory.VRAM_BYTES, mem.allocatedBytes());
        assertEquals(7, mem.byteAt(0x800000));
    }

    @Test
    void clearingAllTheVideoRamAllocatesNothingBeyondThePlanes() {
        mem.setByte(0x100, 5);
        mem.clear(VgaMemory.VRAM_BYTES);
        assertEquals(VgaMemory.PLANES_BYTES, mem.allocatedBytes());
        assertEquals(0, mem.byteAt(0x100));
        assertEquals(0, mem.byteAt(0x800000));
    }

    @Test
    void clearingZeroesVideoRamAlreadyGrownBeyondThePlanes() {
        mem.setByte(0x800000, 7);
        mem.clear(VgaMemory.VRAM_BYTES);
        assertEquals(0, mem.byteAt(0x800000));
        assertEquals(VgaMemory.VRAM_BYTES, mem.allocatedBytes());
    }

    /** Mode 3's text mapping: odd/even, window at 0xB8000 (32 KiB), planes 0 and 1 writable. */
    private void textMode() {
        seq[VgaMemory.SEQ_MAP_MASK] = 0x03;
        seq[VgaMemory.SEQ_MEMORY_MODE] = 0x02;
        gc[VgaMemory.GC_MODE] = 0x10;
        gc[VgaMemory.GC_MISC] = 0x0E;
    }

    /** What {@code cells} 16-bit guest writes from {@code offset} leave, byte by byte through the window. */
    private static VgaMemory writtenByteByByte(int[] seq, int[] gc, int offset, int cells, int cell) {
        VgaMemory m = new VgaMemory(seq, gc);
        for (int i = 0; i < 2 * cells; i += 2) {
            m.write(offset + i, cell & 0xFF);
            m.write(offset + i + 1, cell >>> 8);
        }
        return m;
    }

    private void assertSameVideoRam(VgaMemory expected) {
        for (int i = 0; i < VgaMemory.PLANES_BYTES; i++) assertEquals(expected.byteAt(i), mem.byteAt(i), "video RAM byte " + i);
    }

    @Test
    void textCellFillStoresCharactersInPlane0AndAttributesInPlane1() {
        textMode();
        mem.fillTextCells(0x18000 + 160, 80, 0x1F41);
        assertSameVideoRam(writtenByteByByte(seq, gc, 0x18000 + 160, 80, 0x1F41));
        assertEquals(0x41, plane(0, 80));
        assertEquals(0x1F, plane(1, 80));
        assertEquals(0x00, plane(0, 80 + 80));
    }

    @Test
    void textCellFillOutsideTheTextMappingWritesAsTheGuestWould() {
        textMode();
        seq[VgaMemory.SEQ_MAP_MASK] = 0x01; // attributes not writable
        mem.fillTextCells(0x18000, 16, 0x0720);
        assertSameVideoRam(writtenByteByByte(seq, gc, 0x18000, 16, 0x0720));
        assertEquals(0x00, plane(1, 0));
    }

    @Test
    void textCellFillRunningPastTheWindowDropsWhatFallsOutside() {
        textMode();
        mem.fillTextCells(0x1FFF0, 16, 0x0720);
        assertSameVideoRam(writtenByteByByte(seq, gc, 0x1FFF0, 16, 0x0720));
    }
}
