package i386mon.machine.board;

import i386mon.machine.clock.TimerSource;
import i386mon.machine.clock.VirtualClock;
import i386mon.machine.interrupts.InterruptRouter;
import i386mon.machine.interrupts.IrqSink;
import i386mon.machine.io.IoBus;
import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.MmioDevice;
import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The board devices plug into: the port bus, the physical address space (MMIO), the virtual
 * clock (timers), the interrupt router and the monitor views. Two devices claiming one port is a
 * wiring mistake and is refused.
 */
public final class Board implements DeviceViews {
    private final IoBus io;
    private final PhysicalMemory memory;
    private final VirtualClock clock;
    private final InterruptRouter interrupts;
    private final Map<String, Contributions> views = new LinkedHashMap<>();
    private final List<BoardDevice> devices = new ArrayList<>();
    private int currentCpu;

    public Board(IoBus io, PhysicalMemory memory, VirtualClock clock, InterruptRouter interrupts) {
        this.io = io;
        this.memory = memory;
        this.clock = clock;
        this.interrupts = interrupts;
    }

    /** Plugs {@code device} in (it claims its resources) and returns it. */
    public <T extends BoardDevice> T add(T device) {
        device.attach(this);
        devices.add(device);
        return device;
    }

    /** Every device plugged in, in the order they were added (a snapshot saves each). */
    public List<BoardDevice> devices() { return Collections.unmodifiableList(devices); }

    /** Decodes ports {@code first .. first+count-1} to {@code device}. */
    public void ports(int first, int count, IoDevice device) {
        for (int p = first; p < first + count; p++) {
            if (io.deviceAt(p) != null) throw new IllegalStateException(String.format("port 0x%x is already claimed", p & 0xFFFF));
        }
        io.register(first, count, device);
    }

    /** Stops decoding those of ports {@code first .. first+count-1} that {@code device} claimed (a PCI BAR moved). */
    public void releasePorts(int first, int count, IoDevice device) {
        for (int p = first; p < first + count; p++) {
            if (io.deviceAt(p) == device) io.register(p, 1, null);
        }
    }

    /** Maps physical addresses {@code base .. base+size-1} to {@code device}. */
    public void mmio(long base, long size, MmioDevice device) {
        memory.addMmio(base, size, device);
    }

    /** Stops decoding {@code device}'s range at {@code base} (it moved its window or switched it off). */
    public void unmap(long base, MmioDevice device) {
        memory.removeMmio(base, device);
    }

    /** Lets {@code source} advance with virtual time. */
    public void timer(TimerSource source) {
        clock.addSource(source);
    }

    /** The ISA interrupt lines devices drive. */
    public IrqSink irqs() { return interrupts; }

    /** Where interrupt controllers connect to the ISA lines and the CPUs. */
    public InterruptRouter interrupts() { return interrupts; }

    /**
     * The CPU whose accesses reach per-CPU devices now (the local APIC page answers the CPU that
     * touches it): the running CPU while the machine runs, the monitor's selected CPU otherwise.
     */
    public int currentCpu() { return currentCpu; }

    public void setCurrentCpu(int index) { currentCpu = index; }

    /** Adds {@code contributor}'s lines to {@code topic}'s view (after those already added). */
    public void view(ViewTopic topic, Consumer<Report> contributor) {
        views.computeIfAbsent(topic.name(), n -> new Contributions(topic)).contributors.add(contributor);
    }

    @Override
    public List<ViewTopic> topics() {
        List<ViewTopic> out = new ArrayList<>();
        for (Contributions c : views.values()) out.add(c.topic);
        return out;
    }

    @Override
    public Report report(String topic) {
        Contributions c = views.get(topic);
        if (c == null) throw new IllegalArgumentException("no device view " + topic);
        Report r = new Report();
        for (Consumer<Report> contributor : c.contributors) contributor.accept(r);
        return r;
    }

    private static final class Contributions {
        final ViewTopic topic;
        final List<Consumer<Report>> contributors = new ArrayList<>();

        Contributions(ViewTopic topic) { this.topic = topic; }
    }
}
