package i386mon.machine.vga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BochsVbeTest {
    private final int[] seq = new int[8];
    private final int[] gc = new int[16];
    private final int[] crtc = new int[256];
    private final VgaMemory mem = new VgaMemory(seq, gc);
    private final BochsVbe vbe = new BochsVbe(mem, gc, crtc);

    private void set(int index, int value) {
        vbe.out(BochsVbe.INDEX_PORT, 2, index);
        vbe.out(BochsVbe.DATA_PORT, 2, value);
    }

    private int get(int index) {
        vbe.out(BochsVbe.INDEX_PORT, 2, index);
        return vbe.in(BochsVbe.DATA_PORT, 2);
    }

    @Test
    void idReadsTheNewestVersionAndAcceptsOnlyKnownOnes() {
        assertEquals(0xB0C5, get(BochsVbe.ID));
        set(BochsVbe.ID, 0xB0C0);
        assertEquals(0xB0C0, get(BochsVbe.ID));
        set(BochsVbe.ID, 0x1234);
        assertEquals(0xB0C0, get(BochsVbe.ID));
    }

    @Test
    void videoMemoryIsSixteenMegabytesIn64KUnits() {
        assertEquals(256, get(BochsVbe.VIDEO_MEMORY_64K));
    }

    @Test
    void getCapsReadsTheMaximumResolutionAndDepth() {
        set(BochsVbe.ENABLE, BochsVbe.GETCAPS);
        assertEquals(16000, get(BochsVbe.XRES));
        assertEquals(12000, get(BochsVbe.YRES));
        assertEquals(32, get(BochsVbe.BPP));
    }

    @Test
    void enablingAModeSetsChain4GraphicsAndTheVirtualHeight() {
        set(BochsVbe.XRES, 800);
        set(BochsVbe.YRES, 600);
        set(BochsVbe.BPP, 32);
        set(BochsVbe.ENABLE, BochsVbe.ENABLED | BochsVbe.LFB_ENABLED);
        assertTrue(vbe.enabled() && vbe.linearFramebuffer());
        assertEquals(800, get(BochsVbe.VIRT_WIDTH));
        assertEquals((16 << 20) / (800 * 4), get(BochsVbe.VIRT_HEIGHT));
        assertEquals(0x05, gc[VgaMemory.GC_MISC] & 0x0D);
        assertEquals(800 * 4 / 8 & 0xFF, crtc[0x13]);
        mem.write(0x12, 0x5A); // chain-4 through the VBE sequencer, whatever the guest's sequencer says
        assertEquals(0x5A, mem.byteAt(0x12));
        assertEquals(0, seq[VgaMemory.SEQ_MEMORY_MODE]);
    }

    @Test
    void aCrtcValueTheModeNeedsIsPutBackAfterTheGuestWritesIt() {
        set(BochsVbe.XRES, 640);
        set(BochsVbe.YRES, 480);
        set(BochsVbe.BPP, 16);
        set(BochsVbe.ENABLE, BochsVbe.ENABLED);
        crtc[0x13] = 0x50;
        vbe.updateVgaRegisters();
        assertEquals(0xA0, crtc[0x13]);
    }

    @Test
    void anUnknownDepthBecomesEightBitsAndWidthsRoundDownTo8() {
        set(BochsVbe.ENABLE, BochsVbe.ENABLED);
        set(BochsVbe.BPP, 13);
        set(BochsVbe.XRES, 643);
        assertEquals(8, get(BochsVbe.BPP));
        assertEquals(640, get(BochsVbe.XRES));
    }

    @Test
    void theBankMovesThe64KWindowThroughTheVideoRam() {
        gc[VgaMemory.GC_MISC] = 0x05;
        seq[VgaMemory.SEQ_MEMORY_MODE] = 0x08;
        seq[VgaMemory.SEQ_MAP_MASK] = 0x0F;
        set(BochsVbe.BANK, 3);
        mem.write(0x10, 0x77);
        assertEquals(0x77, mem.byteAt(3 * 0x10000 + 0x10));
    }
}
