package i386mon.machine.devices;

import java.util.ArrayList;
import java.util.List;

/** Records what devices asked of the machine. */
final class RecordingControl implements MachineControl {
    int resets;
    final List<Integer> exits = new ArrayList<>();
    Boolean a20;

    @Override
    public void requestReset() { resets++; }

    @Override
    public void requestExit(int status) { exits.add(status); }

    @Override
    public void setA20(boolean enabled) { a20 = enabled; }
}
