package i386mon.machine.pci;

import java.util.Map;

/** The names QEMU's {@code info pci} gives class codes (hw/pci/pci.c, pci_class_descriptions), for the classes this board has. */
final class PciClassNames {
    private static final Map<Integer, String> NAMES = Map.of(
            0x0100, "SCSI controller", 0x0101, "IDE controller", 0x0200, "Ethernet controller",
            0x0300, "VGA controller", 0x0380, "Display controller", 0x0600, "Host bridge", 0x0601, "ISA bridge",
            0x0604, "PCI bridge", 0x0680, "Bridge", 0x0C03, "USB controller");

    private PciClassNames() { }

    /** QEMU's name for class/subclass {@code classId}, or "Class %04x" as QEMU prints an unnamed one. */
    static String describe(int classId) {
        String n = NAMES.get(classId);
        return n != null ? n : String.format("Class %04x", classId);
    }
}
