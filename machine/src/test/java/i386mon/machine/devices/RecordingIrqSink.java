package i386mon.machine.devices;

import i386mon.machine.interrupts.IrqSink;
import java.util.ArrayList;
import java.util.List;

/** Remembers line levels and counts rising edges per IRQ. */
final class RecordingIrqSink implements IrqSink {
    final boolean[] level = new boolean[16];
    final int[] risingEdges = new int[16];
    final List<String> log = new ArrayList<>();

    @Override
    public void setIrq(int irq, boolean high) {
        if (high && !level[irq]) risingEdges[irq]++;
        level[irq] = high;
        log.add(irq + (high ? "+" : "-"));
    }
}
