package i386mon.machine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.clock.VirtualClock;
import i386mon.machine.io.IoBus;
import i386mon.machine.memory.PhysicalMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VgaTextTest {
    private final VirtualClock clock = new VirtualClock();
    private final PhysicalMemory mem = new PhysicalMemory(2 << 20);
    private final VgaText vga = new VgaText(clock::nanos);
    private final IoBus bus = new IoBus();

    @BeforeEach
    void setUp() {
        bus.register(0x3C0, 0x20, vga);
        mem.addMmio(VgaText.WINDOW, VgaText.WINDOW_SIZE, vga);
        vga.setMode3(mem);
    }

    private void crtc(int index, int value) {
        bus.out(0x3D4, 1, index);
        bus.out(0x3D5, 1, value);
    }

    @Test
    void clearedScreenRendersBlankLines() {
        assertEquals(25, vga.renderText().size());
        assertEquals(" ".repeat(80), vga.renderText().get(24));
        assertEquals(0x0720, vga.cells()[0]);
    }

    @Test
    void modeSetLeavesTheVideoRamAsTheGuestWritesThroughTheWindowWould() {
        // the same mode set with a watcher installed takes the guest's path: 16K cell writes through the window
        PhysicalMemory watched = new PhysicalMemory(2 << 20);
        VgaText reference = new VgaText(clock::nanos);
        watched.addMmio(VgaText.WINDOW, VgaText.WINDOW_SIZE, reference);
        java.util.List<Long> seen = new java.util.ArrayList<>();
        watched.setWatchedPages((paddr, size, write) -> seen.add(paddr), new int[] {0});
        for (int i = 0; i < i386mon.machine.vga.VgaMemory.PLANES_BYTES; i += 97) {
            vga.videoMemory().setByte(i, i * 7);
            reference.videoMemory().setByte(i, i * 7);
        }
        vga.setMode3(mem);
        reference.setMode3(watched);
        assertEquals(VgaText.TEXT_BUFFER_BYTES / 2, seen.size());
        for (int i = 0; i < i386mon.machine.vga.VgaMemory.PLANES_BYTES; i++) {
            assertEquals(reference.videoMemory().byteAt(i), vga.videoMemory().byteAt(i), "video RAM byte " + i);
        }
        assertEquals(reference.renderText(), vga.renderText());
    }

    @Test
    void charactersWrittenToB8000AppearWithAttributes() {
        mem.write16(0xB8000 + (2 * 80 + 3) * 2, 0x1F00 | 'H');
        mem.write16(0xB8000 + (2 * 80 + 4) * 2, 0x1F00 | 'i');
        assertEquals("   Hi", vga.renderText().get(2).stripTrailing());
        assertEquals(0x1F48, vga.cells()[2 * 80 + 3] & 0xFFFF);
    }

    @Test
    void codePage437GraphicsAreDecoded() {
        mem.write8(0xB8000, 0xC9);
        mem.write8(0xB8002, 0x01);
        assertEquals("\u2554\u263A", vga.renderText().get(0).substring(0, 2));
    }

    @Test
    void cursorPositionFromCrtcRegisters() {
        int pos = 5 * 80 + 10;
        crtc(0x0E, pos >> 8);
        crtc(0x0F, pos & 0xFF);
        assertEquals(5, vga.cursorRow());
        assertEquals(10, vga.cursorColumn());
        bus.out(0x3D4, 1, 0x0F);
        assertEquals(pos & 0xFF, bus.in(0x3D5, 1));
    }

    @Test
    void cursorDisableBitHidesCursor() {
        crtc(0x0A, 0x20);
        assertFalse(vga.cursorVisible());
        crtc(0x0A, 0x0D);
        assertTrue(vga.cursorVisible());
        assertEquals(0x0D, vga.cursorStartLine());
        assertEquals(0x0E, vga.cursorEndLine());
    }

    @Test
    void startAddressScrollsTheVisibleWindow() {
        mem.write8(0xB8000 + 80 * 2, 'X');
        crtc(0x0C, 0);
        crtc(0x0D, 80);
        assertEquals('X', vga.renderText().get(0).charAt(0));
    }

    @Test
    void miscOutputWrittenAt3C2ReadsAt3CC() {
        assertEquals(0x67, bus.in(0x3CC, 1));
        bus.out(0x3C2, 1, 0x63);
        assertEquals(0x63, bus.in(0x3CC, 1));
    }

    @Test
    void inputStatusShowsVerticalRetraceAtFrameEnd() {
        assertEquals(0, bus.in(0x3DA, 1) & 0x08);
        clock.skipTo(412 * 31_778L + 10);
        assertEquals(0x08, bus.in(0x3DA, 1) & 0x08);
    }

    @Test
    void protectBitGuardsCrtcRegisters0To7() {
        crtc(0x11, 0x8E);
        crtc(0x01, 0x00);
        assertEquals(0x4F, vga.crtcRegister(0x01));
    }

    @Test
    void attributeModeControlTurnsBlinkIntoBrightBackground() {
        assertTrue(vga.blinkEnabled());
        bus.in(0x3DA, 1);               // reset the flip-flop to "index"
        bus.out(0x3C0, 1, 0x30);        // register 0x10 with palette source on
        int mode = bus.in(0x3C1, 1);
        bus.out(0x3C0, 1, mode & ~0x08);
        assertFalse(vga.blinkEnabled());
        assertTrue(vga.displayEnabled());
    }

    @Test
    void sequencerAndGraphicsRegistersReadBack() {
        bus.out(0x3C4, 1, 0x02);
        assertEquals(0x03, bus.in(0x3C5, 1));
        bus.out(0x3C5, 1, 0x04);
        assertEquals(0x04, bus.in(0x3C5, 1));
        bus.out(0x3CE, 1, 0x06);
        assertEquals(0x0E, bus.in(0x3CF, 1));
    }
}
