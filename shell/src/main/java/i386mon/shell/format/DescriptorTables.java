package i386mon.shell.format;

import i386mon.machine.debug.DebugTarget;
import java.util.ArrayList;
import java.util.List;

/** {@code info gdt} and {@code info idt}: the descriptor tables read from guest memory and decoded (SDM Vol. 3A 3.4.5, 6.11). */
public final class DescriptorTables {
    private static final String[] SYSTEM_TYPES = {
        "Reserved", "16-Bit TSS (available)", "LDT", "16-Bit TSS (busy)", "16-Bit Call Gate", "Task Gate",
        "16-Bit Interrupt Gate", "16-Bit Trap Gate", "Reserved", "32-Bit TSS (available)", "Reserved",
        "32-Bit TSS (busy)", "32-Bit Call Gate", "Reserved", "32-Bit Interrupt Gate", "32-Bit Trap Gate"
    };

    private DescriptorTables() { }

    public static List<String> gdt(DebugTarget t) {
        List<String> out = new ArrayList<>();
        int entries = (t.gdtrLimit() + 1) / 8;
        out.add(String.format("GDT base=0x%08x limit=0x%04x (%d entries)", t.gdtrBase(), t.gdtrLimit(), entries));
        GuestMemory mem = new GuestMemory(t);
        byte[] d = new byte[8];
        for (int i = 0; i < entries; i++) {
            long addr = (t.gdtrBase() & 0xFFFF_FFFFL) + i * 8L;
            String why = mem.readLinear(addr, d, 8);
            if (why != null) {
                out.add(String.format("GDT[0x%04x]: Cannot access memory at 0x%08x (%s)", i * 8, addr, why));
                break;
            }
            out.add(String.format("GDT[0x%04x]: %s", i * 8, segmentDescriptor(d)));
        }
        return out;
    }

    public static List<String> idt(DebugTarget t) {
        List<String> out = new ArrayList<>();
        int entries = Math.min(256, (t.idtrLimit() + 1) / 8);
        out.add(String.format("IDT base=0x%08x limit=0x%04x (%d entries)", t.idtrBase(), t.idtrLimit(), entries));
        GuestMemory mem = new GuestMemory(t);
        byte[] d = new byte[8];
        int absent = 0;
        for (int i = 0; i < entries; i++) {
            long addr = (t.idtrBase() & 0xFFFF_FFFFL) + i * 8L;
            String why = mem.readLinear(addr, d, 8);
            if (why != null) {
                out.add(String.format("IDT[0x%02x]: Cannot access memory at 0x%08x (%s)", i, addr, why));
                break;
            }
            int hi = (int) MemoryDump.littleEndian(d, 4, 4);
            int lo = (int) MemoryDump.littleEndian(d, 0, 4);
            if ((hi & 0x8000) == 0) {
                absent++;
                continue;
            }
            int type = (hi >>> 8) & 0xF;
            int dpl = (hi >>> 13) & 3;
            int selector = lo >>> 16;
            if (type == 5) {
                out.add(String.format("IDT[0x%02x]=Task Gate tss=0x%04x, DPL=%d", i, selector, dpl));
            } else {
                int offset = (hi & 0xFFFF0000) | (lo & 0xFFFF);
                String handler = t.describe(offset);
                String named = handler == null || handler.isEmpty() || handler.startsWith("0x") ? "" : " <" + handler + ">";
                out.add(String.format("IDT[0x%02x]=%s target=0x%04x:0x%08x%s, DPL=%d", i, SYSTEM_TYPES[type], selector, offset, named, dpl));
            }
        }
        if (absent > 0) out.add(absent + " of " + entries + " entries not present");
        return out;
    }

    static String segmentDescriptor(byte[] d) {
        int lo = (int) MemoryDump.littleEndian(d, 0, 4);
        int hi = (int) MemoryDump.littleEndian(d, 4, 4);
        if (lo == 0 && hi == 0) return "null descriptor";
        int base = (lo >>> 16) | (hi & 0xFF) << 16 | (hi & 0xFF000000);
        int limit = (lo & 0xFFFF) | (hi & 0x000F0000);
        if ((hi & 0x00800000) != 0) limit = limit << 12 | 0xFFF; // G: 4 KiB granularity
        int dpl = (hi >>> 13) & 3;
        String kind;
        if ((hi & 0x1000) != 0) {
            boolean code = (hi & 0x800) != 0;
            kind = code
                    ? ((hi & 0x400000) != 0 ? "CS32" : "CS16") + " [" + ((hi & 0x400) != 0 ? 'C' : '-') + ((hi & 0x200) != 0 ? 'R' : '-')
                    : ((hi & 0x400000) != 0 ? "DS  " : "DS16") + " [" + ((hi & 0x400) != 0 ? 'E' : '-') + ((hi & 0x200) != 0 ? 'W' : '-');
            kind += ((hi & 0x100) != 0 ? 'A' : '-') + "]";
        } else {
            kind = SYSTEM_TYPES[(hi >>> 8) & 0xF];
        }
        String present = (hi & 0x8000) != 0 ? "" : " not present";
        return String.format("base=0x%08x limit=0x%08x %08x DPL=%d %s%s", base, limit, hi & 0x00FFFF00, dpl, kind, present);
    }
}
