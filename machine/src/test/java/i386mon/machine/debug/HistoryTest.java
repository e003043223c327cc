package i386mon.machine.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void recordsEachInstructionsLinearEipOldestFirst() {
        Rig r = new Rig();
        r.debug().setHistory(100);
        r.nop().nop().movEax(5);
        r.run();
        List<HistoryEntry> h = r.debug().history().last(10);
        assertEquals(List.of(Rig.CODE, Rig.CODE + 1, Rig.CODE + 2, Rig.CODE + 7),
                h.stream().map(HistoryEntry::linearEip).toList());
        assertEquals(0x08, h.get(0).cs());
    }

    @Test
    void keepsOnlyTheLastCapacityEntries() {
        Rig r = new Rig();
        r.debug().setHistory(3);
        r.nop().nop().nop().nop().nop();
        r.run();
        List<HistoryEntry> h = r.debug().history().last(10);
        assertEquals(List.of(Rig.CODE + 3, Rig.CODE + 4, Rig.CODE + 5), h.stream().map(HistoryEntry::linearEip).toList());
    }

    @Test
    void lastNReturnsTheNewestN() {
        History h = new History(10);
        for (int i = 0; i < 7; i++) h.instruction(0, 8, 0x100 + i);
        assertEquals(List.of(0x105, 0x106), h.last(2).stream().map(HistoryEntry::linearEip).toList());
    }

    @Test
    void marksAnExceptionDeliveryWithVectorAndErrorCode() {
        Rig r = new Rig();
        r.m.cpu().setCatch(13, false);
        r.m.cpu().setIdtr(0x3000, 0xFF); // 32 gates, all zero: not present
        r.debug().setHistory(100);
        r.bytes(0x0F, 0x0B); // ud2
        r.run();
        HistoryEntry mark = r.debug().history().last(10).get(1);
        assertEquals(HistoryEntry.Kind.EXCEPTION, mark.kind());
        assertEquals(6, mark.vector());
    }

    @Test
    void marksACr3LoadWithItsValue() {
        Rig r = new Rig().paging();
        r.debug().setHistory(100);
        r.movEax(Rig.PAGE_DIR | 0x18).movCr3Eax();
        r.run();
        List<HistoryEntry> h = r.debug().history().last(4);
        HistoryEntry mark = h.get(2);
        assertEquals(HistoryEntry.Kind.CR3_LOAD, mark.kind());
        assertEquals(Rig.PAGE_DIR | 0x18, mark.value());
    }

    @Test
    void theFaultingInstructionIsTheLastEntryAtACatchpoint() {
        Rig r = new Rig().paging();
        r.m.cpu().setCatch(14, true);
        r.debug().setHistory(100);
        r.nop().load(0x500000);
        assertEquals(StopReason.Kind.EXCEPTION_CAUGHT, r.run().kind());
        List<HistoryEntry> h = r.debug().history().last(1);
        assertEquals(Rig.CODE + 1, h.get(0).linearEip());
        assertEquals(HistoryEntry.Kind.INSTRUCTION, h.get(0).kind());
    }

    @Test
    void turningTheHistoryOffDropsIt() {
        Rig r = new Rig();
        r.debug().setHistory(10);
        r.debug().setHistory(0);
        assertNull(r.debug().history());
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new History(-1));
    }

    @Test
    void anEntryPrintsAsSelectorAndAddress() {
        History h = new History(4);
        h.instruction(0, 0x1b, 0x40001000);
        h.delivery(0, HistoryEntry.Kind.EXCEPTION, 14, 6, true);
        assertEquals("001b:40001000", h.last(2).get(0).toString());
        assertEquals("-- exception #PF (vector 14), error code 0x6", h.last(2).get(1).toString());
    }

    @Test
    void eachEntryKeepsTheCpuItHappenedOn() {
        History h = new History(4);
        h.instruction(7, 0xffff, 0xfffffff0);
        h.delivery(3, HistoryEntry.Kind.EXCEPTION, 14, -1, true);
        h.cr3Load(5, 0xfffff000);
        List<HistoryEntry> e = h.last(3);
        assertEquals(List.of(7, 3, 5), List.of(e.get(0).cpu(), e.get(1).cpu(), e.get(2).cpu()));
        assertEquals(0xfffffff0, e.get(0).linearEip());
        assertEquals(-1, e.get(1).errorCode());
        assertEquals(0xfffff000, e.get(2).value());
    }

    @Test
    void aDiskMarkKeepsPositionSectorCountAndFirstSector() {
        History h = new History(4);
        h.disk(2, true, 3, 0x1234_5678L, 65536);
        HistoryEntry e = h.last(1).get(0);
        assertEquals(HistoryEntry.Kind.DISK_WRITE, e.kind());
        assertEquals(List.of(2, 3, 65536, 0x12345678), List.of(e.cpu(), e.vector(), e.errorCode(), e.value()));
        assertEquals("-- disk write ide1 slave: 65536 sectors at 0x12345678", e.toString());
    }
}
