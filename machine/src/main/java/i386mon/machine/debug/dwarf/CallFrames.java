package i386mon.machine.debug.dwarf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Call frame information from {@code .debug_frame} (DWARF 5 section 6.4) or {@code .eh_frame}
 * (the LSB's variant: CIE id 0, CIE pointers relative, pointer encodings from the 'R'
 * augmentation). {@link #ruleAt} runs a function's CIE and FDE instructions up to an address.
 */
final class CallFrames {
    /** One FDE with its CIE's parameters. */
    private record Fde(long start, long end, Cie cie, int instructions, int instructionsEnd, ByteCursor section) { }

    private record Cie(long codeAlign, long dataAlign, int returnRegister, int instructions, int instructionsEnd,
                       int pointerEncoding, boolean augmentationData, ByteCursor section) { }

    private final List<Fde> fdes = new ArrayList<>();

    boolean isEmpty() { return fdes.isEmpty(); }

    /** Adds the entries of one section; {@code ehFrame} selects the .eh_frame conventions, {@code sectionAddress} its load address. */
    void read(ByteCursor section, boolean ehFrame, long sectionAddress) {
        Map<Long, Cie> cies = new HashMap<>();
        while (!section.atEnd()) {
            int entryStart = section.position();
            int[] offsetSize = new int[1];
            long length = section.initialLength(offsetSize);
            if (length == 0 && ehFrame) break; // .eh_frame's terminator
            ByteCursor e = section.slice(length);
            int idPosition = e.position();
            long id = e.unsigned(offsetSize[0]);
            boolean isCie = ehFrame ? id == 0 : id == (offsetSize[0] == 8 ? -1L : 0xFFFF_FFFFL);
            if (isCie) {
                cies.put((long) entryStart, cie(e, ehFrame, section));
                continue;
            }
            long cieOffset = ehFrame ? idPosition - id : id;
            Cie cie = cies.get(cieOffset);
            if (cie == null) {
                cie = cie(section.at(cieOffset), ehFrame, section, offsetSize);
                cies.put(cieOffset, cie);
            }
            long start = pointer(e, cie.pointerEncoding, sectionAddress);
            long range = pointer(e, cie.pointerEncoding & 0x0F, sectionAddress);
            if (cie.augmentationData) e.skip(e.uleb());
            fdes.add(new Fde(start & 0xFFFF_FFFFL, (start + range) & 0xFFFF_FFFFL, cie, e.position(), e.end(), section));
        }
    }

    /** A CIE referenced before it was read (it follows its FDE): read it at its offset. */
    private static Cie cie(ByteCursor at, boolean ehFrame, ByteCursor section, int[] offsetSize) {
        long length = at.initialLength(offsetSize);
        ByteCursor e = at.slice(length);
        e.unsigned(offsetSize[0]);
        return cie(e, ehFrame, section);
    }

    private static Cie cie(ByteCursor e, boolean ehFrame, ByteCursor section) {
        int version = e.u8();
        if (version != 1 && version != 3 && version != 4) throw DwarfException.format("%s: CIE version %d is not supported", e.section(), version);
        String augmentation = e.cstring();
        if (version >= 4) {
            e.u8(); // address size
            e.u8(); // segment selector size
        }
        long codeAlign = e.uleb();
        long dataAlign = e.sleb();
        int returnRegister = version == 1 ? e.u8() : (int) e.uleb();
        int encoding = 0;
        if (augmentation.startsWith("z")) {
            ByteCursor data = e.slice(e.uleb());
            for (int i = 1; i < augmentation.length(); i++) {
                char ch = augmentation.charAt(i);
                if (ch == 'R') encoding = data.u8();
                else if (ch == 'L') data.u8();
                else if (ch == 'P') pointer(data, data.u8() & 0x7F, 0);
                else if (ch != 'S') break; // an augmentation we do not know: its data is skipped with the slice
            }
        } else if (!augmentation.isEmpty()) {
            // gcc's old "eh" augmentation or an unknown one: the rest of the CIE cannot be interpreted
            throw DwarfException.format("%s: CIE augmentation \"%s\" is not supported", e.section(), augmentation);
        }
        return new Cie(codeAlign, dataAlign, returnRegister, e.position(), e.end(), ehFrame ? encoding : 0,
                augmentation.startsWith("z"), e);
    }

    /** A pointer in DW_EH_PE encoding {@code enc} (absolute 4-byte when 0); pc-relative to the section address. */
    private static long pointer(ByteCursor c, int enc, long sectionAddress) {
        int position = c.position();
        long v;
        switch (enc & 0x0F) {
            case 0x00: case 0x03: v = c.u32(); break;
            case 0x01: v = c.uleb(); break;
            case 0x02: v = c.u16(); break;
            case 0x04: v = c.u64(); break;
            case 0x09: v = c.sleb(); break;
            case 0x0A: v = (short) c.u16(); break;
            case 0x0B: v = (int) c.u32(); break;
            case 0x0C: v = c.u64(); break;
            default: throw DwarfException.format("%s: pointer encoding 0x%x is not supported", c.section(), enc);
        }
        if ((enc & 0x70) == 0x10) v += sectionAddress + position; // DW_EH_PE_pcrel
        return v & 0xFFFF_FFFFL;
    }

    /** The rule row for {@code pc}, or null when no FDE covers it. */
    FrameRule ruleAt(long pc) {
        for (Fde f : fdes) {
            if (pc >= f.start && pc < f.end) return run(f, pc);
        }
        return null;
    }

    private static FrameRule run(Fde f, long pc) {
        State s = new State();
        Cie cie = f.cie;
        execute(cie.section.at(cie.instructions), cie.instructionsEnd, cie, s, null, f.start, Long.MAX_VALUE);
        Map<Integer, FrameRule.Rule> initial = new HashMap<>(s.regs);
        execute(f.section.at(f.instructions), f.instructionsEnd, cie, s, initial, f.start, pc);
        return new FrameRule(s.cfaRegister, s.cfaOffset, s.regs, cie.returnRegister);
    }

    private static final class State {
        int cfaRegister = 4;
        long cfaOffset = 4;
        Map<Integer, FrameRule.Rule> regs = new HashMap<>();
        final Deque<Object[]> stack = new ArrayDeque<>();
    }

    /** Runs instructions until their end or until the location passes {@code pc} (DWARF 5 section 6.4.2). */
    private static void execute(ByteCursor c, int end, Cie cie, State s, Map<Integer, FrameRule.Rule> initial, long location, long pc) {
        while (c.position() < end) {
            int op = c.u8();
            int high = op & 0xC0, low = op & 0x3F;
            if (high == 0x40) { // DW_CFA_advance_loc
                location += low * cie.codeAlign;
                if (location > pc) return;
                continue;
            }
            if (high == 0x80) { s.regs.put(low, rule(FrameRule.Rule.Kind.OFFSET, c.uleb() * cie.dataAlign)); continue; }
            if (high == 0xC0) { restore(s, initial, low); continue; }
            switch (op) {
                case 0x00: break; // nop
                case 0x01: location = c.u32(); if (location > pc) return; break;
                case 0x02: location += c.u8() * cie.codeAlign; if (location > pc) return; break;
                case 0x03: location += c.u16() * cie.codeAlign; if (location > pc) return; break;
                case 0x04: location += c.u32() * cie.codeAlign; if (location > pc) return; break;
                case 0x05: { int r = (int) c.uleb(); s.regs.put(r, rule(FrameRule.Rule.Kind.OFFSET, c.uleb() * cie.dataAlign)); break; }
                case 0x06: restore(s, initial, (int) c.uleb()); break;
                case 0x07: s.regs.put((int) c.uleb(), rule(FrameRule.Rule.Kind.UNDEFINED, 0)); break;
                case 0x08: s.regs.put((int) c.uleb(), rule(FrameRule.Rule.Kind.SAME_VALUE, 0)); break;
                case 0x09: { int r = (int) c.uleb(); s.regs.put(r, rule(FrameRule.Rule.Kind.REGISTER, c.uleb())); break; }
                case 0x0A: s.stack.push(new Object[] {new HashMap<>(s.regs), s.cfaRegister, s.cfaOffset}); break;
                case 0x0B: {
                    Object[] saved = s.stack.poll();
                    if (saved == null) throw new DwarfException("CFI: DW_CFA_restore_state without a remembered state");
                    @SuppressWarnings("unchecked") Map<Integer, FrameRule.Rule> regs = (Map<Integer, FrameRule.Rule>) saved[0];
                    s.regs = regs;
                    s.cfaRegister = (Integer) saved[1];
                    s.cfaOffset = (Long) saved[2];
                    break;
                }
                case 0x0C: s.cfaRegister = (int) c.uleb(); s.cfaOffset = c.uleb(); break;
                case 0x0D: s.cfaRegister = (int) c.uleb(); break;
                case 0x0E: s.cfaOffset = c.uleb(); break;
                case 0x0F: c.skip(c.uleb()); s.cfaRegister = -1; break; // def_cfa_expression: not evaluated
                case 0x10: case 0x16: { int r = (int) c.uleb(); c.skip(c.uleb()); s.regs.put(r, rule(FrameRule.Rule.Kind.EXPRESSION, 0)); break; }
                case 0x11: { int r = (int) c.uleb(); s.regs.put(r, rule(FrameRule.Rule.Kind.OFFSET, c.sleb() * cie.dataAlign)); break; }
                case 0x12: s.cfaRegister = (int) c.uleb(); s.cfaOffset = c.sleb() * cie.dataAlign; break;
                case 0x13: s.cfaOffset = c.sleb() * cie.dataAlign; break;
                case 0x14: { int r = (int) c.uleb(); s.regs.put(r, rule(FrameRule.Rule.Kind.VAL_OFFSET, c.uleb() * cie.dataAlign)); break; }
                case 0x15: { int r = (int) c.uleb(); s.regs.put(r, rule(FrameRule.Rule.Kind.VAL_OFFSET, c.sleb() * cie.dataAlign)); break; }
                case 0x2E: c.uleb(); break; // DW_CFA_GNU_args_size
                case 0x2F: { int r = (int) c.uleb(); s.regs.put(r, rule(FrameRule.Rule.Kind.OFFSET, -c.uleb() * cie.dataAlign)); break; }
                default: throw DwarfException.format("CFI: unknown call frame instruction 0x%02x", op);
            }
        }
    }

    private static void restore(State s, Map<Integer, FrameRule.Rule> initial, int reg) {
        FrameRule.Rule r = initial == null ? null : initial.get(reg);
        if (r == null) s.regs.remove(reg); else s.regs.put(reg, r);
    }

    private static FrameRule.Rule rule(FrameRule.Rule.Kind kind, long value) {
        return new FrameRule.Rule(kind, value);
    }
}
