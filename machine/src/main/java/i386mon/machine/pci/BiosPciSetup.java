package i386mon.machine.pci;

import i386mon.machine.io.IoBus;

/**
 * Programs the PCI functions through 0xCF8/0xCFC as SeaBIOS 1.16 does on QEMU's {@code pc}
 * (src/fw/pciinit.c), for a kernel booted without firmware: PIRQ A-D routed to IRQ 10, 10, 11, 11
 * and those IRQs level-triggered in the ELCR; each function's interrupt line from its pin
 * (pci_slot_get_irq: PIRQ (pin - 1 + device - 1) mod 4), the PM function's SCI on IRQ 9; I/O BARs
 * from 0xC000 upward, largest first; the IDE decode enables; the PM I/O block at 0x600 and the
 * SMBus at 0x700; the std VGA's memory BARs where SeaBIOS puts them; then I/O, memory and SERR#
 * enabled in every command register. The PAM registers
 * stay 0: the BIOS area keeps the tables the board wrote there, read-only.
 */
public final class BiosPciSetup {
    /** The ISA IRQs SeaBIOS routes PIRQ A-D to (pciinit.c, pci_irqs). */
    static final int[] PCI_IRQS = {10, 10, 11, 11};
    public static final int IO_START = 0xC000, PM_BASE = 0x600, SMBUS_BASE = 0x700, SCI_IRQ = 9;
    private static final int ELCR_PORT = 0x4D0;
    /**
     * Where SeaBIOS puts the std VGA's memory BARs on this board (pciinit.c: the memory window ends
     * at 0xFEC00000, non-prefetchable BARs at its top, the prefetchable region below them): QEMU's
     * {@code info pci} after boot shows them there. The expansion ROM is left disabled.
     */
    public static final int VGA_FRAMEBUFFER = 0xFD00_0000, VGA_REGISTERS = 0xFEBF_0000;

    private final IoBus bus;

    private BiosPciSetup(IoBus bus) { this.bus = bus; }

    /** Leaves {@code host}'s functions as SeaBIOS leaves them, writing through the ports of {@code bus}. */
    public static void program(PciHost host, IoBus bus) {
        new BiosPciSetup(bus).run(host);
    }

    private void run(PciHost host) {
        int[] elcr = new int[2];
        for (PciFunction f : host.functions()) {
            if (f instanceof Piix3Isa) {
                for (int i = 0; i < 4; i++) {
                    write(f, Piix3Isa.PIRQ_ROUTE + i, 1, PCI_IRQS[i]);
                    elcr[PCI_IRQS[i] >> 3] |= 1 << (PCI_IRQS[i] & 7);
                }
                bus.out(ELCR_PORT, 1, elcr[0]);
                bus.out(ELCR_PORT + 1, 1, elcr[1]);
            }
        }
        int io = IO_START;
        for (PciFunction f : host.functions()) {
            int pin = f.interruptPin();
            if (pin != 0) write(f, PciFunction.INTERRUPT_LINE, 1, PCI_IRQS[(pin - 1 + f.device() - 1) & 3]);
            io = assignIoBars(f, io);
            if (f instanceof PiixIde) {
                write(f, 0x40, 2, 0x8000);
                write(f, 0x42, 2, 0x8000);
            } else if (f instanceof StdVgaFunction) {
                write(f, PciFunction.BAR0 + 4 * StdVgaFunction.FRAMEBUFFER_BAR, 4, VGA_FRAMEBUFFER);
                write(f, PciFunction.BAR0 + 4 * StdVgaFunction.REGISTERS_BAR, 4, VGA_REGISTERS);
            } else if (f instanceof Piix4Pm) {
                write(f, PciFunction.INTERRUPT_LINE, 1, SCI_IRQ);
                write(f, Piix4Pm.PMBA, 4, PM_BASE | 1);
                write(f, Piix4Pm.PMREGMISC, 1, 0x01);
                write(f, Piix4Pm.SMBHSTBASE, 4, SMBUS_BASE | 1);
                write(f, Piix4Pm.SMBHSTCFG, 1, 0x09);
            }
            write(f, PciFunction.COMMAND, 2, read(f, PciFunction.COMMAND, 2) | PciFunction.COMMAND_IO | PciFunction.COMMAND_MEMORY | 0x0100);
        }
    }

    /** Gives each I/O BAR of {@code f} its address from {@code next}, larger BARs first; returns the next free port. */
    private int assignIoBars(PciFunction f, int next) {
        for (int size = 0x8000; size >= 4; size >>= 1) {
            for (int bar = 0; bar < 6; bar++) {
                if (f.barSize(bar) != size || f.barKind(bar) != PciFunction.BarKind.IO) continue;
                next = (next + size - 1) & -size;
                write(f, PciFunction.BAR0 + 4 * bar, 4, next);
                next += size;
            }
        }
        return next;
    }

    private void address(PciFunction f, int offset) {
        bus.out(PciHost.ADDRESS_PORT, 4, 0x8000_0000 | f.devfn() << 8 | offset & 0xFC);
    }

    private int read(PciFunction f, int offset, int size) {
        address(f, offset);
        return bus.in(PciHost.DATA_PORT + (offset & 3), size);
    }

    private void write(PciFunction f, int offset, int size, int value) {
        address(f, offset);
        bus.out(PciHost.DATA_PORT + (offset & 3), size, value);
    }
}
