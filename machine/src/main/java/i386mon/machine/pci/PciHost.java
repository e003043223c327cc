package i386mon.machine.pci;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.io.IoDevice;
import i386mon.machine.state.FieldState;
import i386mon.machine.state.StateReader;
import i386mon.machine.state.StateWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * PCI bus 0 behind configuration mechanism #1 (PCI Local Bus Specification 3.0, 3.2.2.3.2): a
 * 32-bit write to 0xCF8 latches the address (enable bit 31, bus, device, function, register), then
 * byte, word or dword accesses to 0xCFC-0xCFF reach that function's configuration space at the
 * register plus the port's low two bits. A function nobody implements reads all ones, so probing
 * finds nothing there. Port 0xCF9 is the PIIX3 reset control register: a write with bit 2 set
 * resets the machine (SeaBIOS's and Linux's "reboot=pci").
 */
public final class PciHost implements BoardDevice, IoDevice {
    public static final ViewTopic VIEW = new ViewTopic("pci", "Show the PCI functions as QEMU's info pci: IDs, class, IRQ, BARs.");
    public static final int ADDRESS_PORT = 0xCF8, RESET_CONTROL_PORT = 0xCF9, DATA_PORT = 0xCFC;

    /** The functions by slot; a snapshot has as many as the machine it restores into. */
    private PciFunction[] functions;
    private final transient java.util.function.IntConsumer resetRequest;
    private transient Board board;
    private int address;
    private int resetControl;

    /** Bus 0 with {@code functions} (each at its own device/function number); {@code resetRequest} resets the machine, told the value written to 0xCF9. */
    public PciHost(java.util.function.IntConsumer resetRequest, List<? extends PciFunction> functions) {
        this.resetRequest = resetRequest;
        this.functions = functions.toArray(new PciFunction[0]);
    }

    @Override
    public void attach(Board board) {
        this.board = board;
        board.ports(ADDRESS_PORT, 8, this);
        for (PciFunction f : functions) f.attached(board);
        board.view(VIEW, this::report);
    }

    /**
     * Plugs {@code f} into its slot before the guest runs (a board option such as QEMU's
     * {@code -vga std}); the slot must be free.
     */
    public void plug(PciFunction f) {
        if (function(f.device(), f.function()) != null) throw new IllegalStateException("PCI slot " + f.device() + "." + f.function() + " is taken");
        functions = java.util.Arrays.copyOf(functions, functions.length + 1);
        functions[functions.length - 1] = f;
        if (board != null) f.attached(board);
    }

    /** The function at {@code device}.{@code function} of bus 0, or null. */
    public PciFunction function(int device, int function) {
        for (PciFunction f : functions) if (f.device() == device && f.function() == function) return f;
        return null;
    }

    /** Every function, by device and function number. */
    public List<PciFunction> functions() {
        PciFunction[] sorted = functions.clone();
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.devfn(), b.devfn()));
        return List.of(sorted);
    }

    /** The configuration address register as last written (0xCF8). */
    public int configAddress() { return address; }

    @Override
    public int in(int port, int size) {
        if (port == ADDRESS_PORT && size == 4) return address;
        if (port == RESET_CONTROL_PORT && size == 1) return resetControl;
        if (port >= DATA_PORT) return configRead(port & 3, size);
        return -1;
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == ADDRESS_PORT && size == 4) address = value & 0x80FF_FFFC;
        else if (port == RESET_CONTROL_PORT && size == 1) writeResetControl(value);
        else if (port >= DATA_PORT) configWrite(port & 3, size, value);
    }

    /** Bit 2 set in a write resets the system (PIIX3 datasheet, 2.3.1 RC); bit 1 chooses hard reset, same here. */
    private void writeResetControl(int value) {
        resetControl = value & 0x02;
        if ((value & 0x04) != 0) resetRequest.accept(value & 0xFF);
    }

    private PciFunction addressed() {
        if ((address & 0x8000_0000) == 0 || (address >>> 16 & 0xFF) != 0) return null;
        int devfn = address >>> 8 & 0xFF;
        for (PciFunction f : functions) if (f.devfn() == devfn) return f;
        return null;
    }

    private int configRead(int byteOffset, int size) {
        PciFunction f = addressed();
        if (f == null) return -1;
        return f.read((address & 0xFC) + byteOffset, Math.min(size, 4 - byteOffset));
    }

    private void configWrite(int byteOffset, int size, int value) {
        PciFunction f = addressed();
        if (f != null) f.write((address & 0xFC) + byteOffset, Math.min(size, 4 - byteOffset), value);
    }

    /** Every function back to its power-on configuration (a machine reset). */
    public void reset() {
        address = 0;
        resetControl = 0;
        for (PciFunction f : functions) f.reset();
    }

    @Override
    public void restoreState(StateReader in, Set<Object> others) {
        FieldState.restore(this, in, others);
        for (PciFunction f : functions) f.restoreMore(in);
        for (PciFunction f : functions) f.restored();
    }

    @Override
    public void saveState(StateWriter out, Set<Object> others) {
        FieldState.save(this, out, others);
        for (PciFunction f : functions) f.saveMore(out);
    }

    /** QEMU's {@code info pci} text (hmp_info_pci_device), one block per function. */
    private void report(Report r) {
        for (PciFunction f : functions()) {
            String desc = PciClassNames.describe(f.classId());
            r.line(String.format("  Bus %2d, device %3d, function %d:", 0, f.device(), f.function()))
                    .field("bus", 0).field("device", f.device()).field("function", f.function());
            r.line(String.format("    %s: PCI device %04x:%04x", desc, f.vendorId(), f.deviceId()))
                    .field("class", f.classId()).field("class_desc", desc).field("vendor", f.vendorId()).field("device_id", f.deviceId());
            r.line(String.format("      PCI subsystem %04x:%04x", f.read(PciFunction.SUBSYSTEM_VENDOR_ID, 2), f.read(PciFunction.SUBSYSTEM_ID, 2)))
                    .field("subsystem_vendor", f.read(PciFunction.SUBSYSTEM_VENDOR_ID, 2)).field("subsystem", f.read(PciFunction.SUBSYSTEM_ID, 2));
            if (f.interruptPin() != 0) {
                r.line(String.format("      IRQ %d, pin %c", f.interruptLine(), (char) ('A' + f.interruptPin() - 1)))
                        .field("irq", f.interruptLine()).field("pin", String.valueOf((char) ('A' + f.interruptPin() - 1)));
            }
            for (int bar = 0; bar <= PciFunction.ROM_BAR; bar++) {
                int size = f.barSize(bar);
                if (size == 0) continue;
                long a = f.barAddress(bar);
                String where = f.barKind(bar) == PciFunction.BarKind.IO
                        ? String.format("I/O at 0x%04x [0x%04x].", a, a + size - 1)
                        : String.format("32 bit%s memory at 0x%08x [0x%08x].",
                                f.barKind(bar) == PciFunction.BarKind.PREFETCHABLE_MEMORY ? " prefetchable" : "", a, a + size - 1);
                r.line(String.format("      BAR%d: %s", bar, where)).field("bar", bar).field("address", a).field("size", size)
                        .field("type", f.barKind(bar) == PciFunction.BarKind.IO ? "io" : "memory");
            }
            r.line("      id \"\"");
        }
    }
}
