package i386mon.machine.devices;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.pci.PciHost;
import i386mon.machine.state.FieldState;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import i386mon.machine.storage.AtaChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The devices as they were when the machine started, put back by a system reset (a guest's reset
 * request, QEMU's {@code qemu_system_reset}): every device returns to that state except what a
 * reset leaves alone on a PC. The CMOS keeps its RAM and clock (only its interrupt enables and flags
 * clear, as QEMU's {@code rtc_reset}), the disks keep their contents (an IDE channel's registers
 * return, its drives' data do not), the firmware debug console keeps what it printed (QEMU's
 * {@code -debugcon} file goes on), port 0x92 only clears its reset bit and the POST codes stay (as
 * QEMU's {@code port92_reset}; a POST card keeps showing its code), and the PCI host is reset by its own rule (PAM back to ROM moves
 * the shadow copies, which a state restore would not).
 */
final class StartState {
    private final Board board;
    private final List<byte[]> states = new ArrayList<>();

    /** Captures every device on {@code board} now. */
    StartState(Board board) {
        this.board = board;
        Set<Object> others = others();
        for (BoardDevice d : board.devices()) {
            StateWriter w = new StateWriter();
            if (restored(d)) {
                if (d instanceof AtaChannel) FieldState.save(d, w, others); // registers only: the disks keep their data
                else d.saveState(w, others);
            }
            states.add(w.toByteArray());
        }
    }

    /** Puts every device back as captured, but for the parts a reset keeps ({@link StartState}). */
    void restore() {
        Set<Object> others = others();
        List<BoardDevice> devices = board.devices();
        for (int i = 0; i < devices.size(); i++) {
            BoardDevice d = devices.get(i);
            if (d instanceof PciHost p) p.reset();
            else if (d instanceof CmosRtc rtc) rtc.systemReset();
            else if (d instanceof SystemPorts ports) ports.systemReset();
            else if (restored(d)) {
                StateReader r = new StateReader(states.get(i), "device " + i + " at reset");
                if (d instanceof AtaChannel) FieldState.restore(d, r, others);
                else d.restoreState(r, others);
                r.end();
            }
        }
    }

    private static boolean restored(BoardDevice d) {
        return !(d instanceof PciHost || d instanceof CmosRtc || d instanceof SystemPorts || d instanceof FirmwareLog);
    }

    private Set<Object> others() {
        Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(board.devices());
        return set;
    }
}
