package i386mon.machine.vga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VgaDacTest {
    private final VgaDac dac = new VgaDac();

    @Test
    void threeWritesFillAnEntryAndMoveToTheNext() {
        dac.setWriteIndex(7);
        for (int v : new int[] {0x3F, 0x20, 0x01, 0x02}) dac.writeData(v);
        assertEquals(0x3F2001, dac.colour(7));
        assertEquals(8, dac.writeIndex());
        assertEquals(0, dac.colour(8)); // its first byte waits for the other two
    }

    @Test
    void readsWalkTheEntriesThreeBytesAtATime() {
        dac.setWriteIndex(1);
        for (int v : new int[] {1, 2, 3, 4, 5, 6}) dac.writeData(v);
        dac.setReadIndex(1);
        int[] got = new int[6];
        for (int i = 0; i < 6; i++) got[i] = dac.readData();
        assertEquals("[1, 2, 3, 4, 5, 6]", java.util.Arrays.toString(got));
    }

    @Test
    void stateSaysWhichIndexWasSetLast() {
        dac.setReadIndex(0);
        assertEquals(3, dac.state());
        dac.setWriteIndex(0);
        assertEquals(0, dac.state());
    }

    @Test
    void settingAnIndexRestartsTheComponentCount() {
        dac.setWriteIndex(2);
        dac.writeData(9);
        dac.setWriteIndex(2);
        for (int v : new int[] {4, 5, 6}) dac.writeData(v);
        assertEquals(0x040506, dac.colour(2));
    }
}
