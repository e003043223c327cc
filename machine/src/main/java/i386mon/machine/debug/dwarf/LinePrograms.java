package i386mon.machine.debug.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the line number programs of {@code .debug_line} (DWARF 5 section 6.2; the version 2-4
 * header of DWARF 4 section 6.2.4 as well) and collects every row they emit.
 */
final class LinePrograms {
    private static final int DW_LNCT_PATH = 1, DW_LNCT_DIRECTORY_INDEX = 2;

    private LinePrograms() { }

    /**
     * All rows of all programs in the section. {@code compDirs} maps a program's offset to the
     * compilation directory of the unit that refers to it (DWARF 4's directory 0).
     */
    static List<LineRow> read(ByteCursor section, Forms forms, Map<Long, String> compDirs) {
        List<LineRow> rows = new ArrayList<>();
        while (!section.atEnd()) {
            long offset = section.position();
            int[] offsetSize = new int[1];
            long length = section.initialLength(offsetSize);
            ByteCursor unit = section.slice(length);
            program(unit, forms, offsetSize[0], compDirs.getOrDefault(offset, ""), rows);
        }
        return rows;
    }

    private static void program(ByteCursor c, Forms forms, int offsetSize, String compDir, List<LineRow> rows) {
        int version = c.u16();
        if (version < 2 || version > 5) throw DwarfException.format(".debug_line: unsupported line table version %d", version);
        int addressSize = 4;
        if (version >= 5) {
            addressSize = c.u8();
            c.u8(); // segment selector size
        }
        long headerLength = c.unsigned(offsetSize);
        int programStart = (int) (c.position() + headerLength);
        int minInstLength = c.u8();
        if (version >= 4) c.u8(); // maximum operations per instruction: 1 on x86 (no VLIW op index)
        boolean defaultIsStmt = c.u8() != 0;
        int lineBase = c.s8();
        int lineRange = c.u8();
        int opcodeBase = c.u8();
        if (lineRange == 0) throw new DwarfException(".debug_line: line_range is 0");
        int[] argCounts = new int[Math.max(opcodeBase, 1)];
        for (int i = 1; i < opcodeBase; i++) argCounts[i] = c.u8();
        List<SourceFile> files = new ArrayList<>();
        if (version >= 5) {
            List<String> dirs = new ArrayList<>();
            for (Object[] e : entries(c, forms, addressSize, offsetSize)) dirs.add(e[0] == null ? "" : (String) e[0]);
            if (dirs.isEmpty()) dirs.add(compDir);
            for (Object[] e : entries(c, forms, addressSize, offsetSize)) {
                int d = e[1] == null ? 0 : (int) (long) (Long) e[1];
                files.add(file(e[0] == null ? "" : (String) e[0], d, dirs));
            }
        } else {
            List<String> dirs = new ArrayList<>();
            dirs.add(compDir);
            for (String d; !(d = c.cstring()).isEmpty(); ) dirs.add(d);
            files.add(null); // DWARF 4 numbers files from 1
            for (String name; !(name = c.cstring()).isEmpty(); ) files.add(v4File(c, name, dirs));
        }
        c.seek(programStart);
        run(c, files, addressSize, minInstLength, defaultIsStmt, lineBase, lineRange, opcodeBase, argCounts, compDir, rows);
    }

    private static SourceFile v4File(ByteCursor c, String name, List<String> dirs) {
        int d = (int) c.uleb();
        c.uleb(); // modification time
        c.uleb(); // length
        return file(name, d, dirs);
    }

    /**
     * A file entry as gdb names it: directory 0 is the compilation directory and adds nothing to the
     * name; another directory is joined to it as written ("src/main/c/main.c"), which stays relative
     * to the compilation directory unless the directory is absolute.
     */
    private static SourceFile file(String name, int dirIndex, List<String> dirs) {
        String compDir = dirs.get(0);
        if (dirIndex == 0 || dirIndex >= dirs.size() || name.startsWith("/")) return new SourceFile(name, compDir);
        String dir = dirs.get(dirIndex);
        return new SourceFile(dir.endsWith("/") ? dir + name : dir + "/" + name, dir.startsWith("/") ? "" : compDir);
    }

    /** A DWARF 5 directory or file table: each entry as {path, directory index}. */
    private static List<Object[]> entries(ByteCursor c, Forms forms, int addressSize, int offsetSize) {
        int formatCount = c.u8();
        long[][] format = new long[formatCount][2];
        for (int i = 0; i < formatCount; i++) {
            format[i][0] = c.uleb();
            format[i][1] = c.uleb();
        }
        long count = c.uleb();
        List<Object[]> out = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            Object[] e = new Object[2];
            for (long[] f : format) {
                Object v = forms.read(c, (int) f[1], 0, addressSize, offsetSize, 0);
                if (f[0] == DW_LNCT_PATH) e[0] = v;
                else if (f[0] == DW_LNCT_DIRECTORY_INDEX) e[1] = v;
            }
            out.add(e);
        }
        return out;
    }

    private static void run(ByteCursor c, List<SourceFile> files, int addressSize, int minInst, boolean defaultIsStmt,
                            int lineBase, int lineRange, int opcodeBase, int[] argCounts, String compDir, List<LineRow> rows) {
        Machine m = new Machine(files, compDir, defaultIsStmt, rows);
        while (!c.atEnd()) {
            int op = c.u8();
            if (op >= opcodeBase) {
                int adjusted = op - opcodeBase;
                m.address += (long) (adjusted / lineRange) * minInst;
                m.advanceLine(lineBase + adjusted % lineRange);
                m.emit(false);
                continue;
            }
            switch (op) {
                case 0: {
                    long len = c.uleb();
                    if (len == 0) break;
                    int start = c.position();
                    int sub = c.u8();
                    if (sub == 1) { // DW_LNE_end_sequence
                        m.emit(true);
                        m = new Machine(files, compDir, defaultIsStmt, rows);
                    } else if (sub == 2) { // DW_LNE_set_address
                        m.address = c.unsigned((int) Math.min(len - 1, 8));
                    } else if (sub == 3) { // DW_LNE_define_file (DWARF 4 and earlier)
                        files.add(new SourceFile(c.cstring(), compDir));
                    } else if (sub == 4) { // DW_LNE_set_discriminator
                        m.setDiscriminator(c.uleb());
                    }
                    c.seek((int) (start + len));
                    break;
                }
                case 1: m.emit(false); break;
                case 2: m.address += c.uleb() * minInst; break;
                case 3: m.advanceLine((int) c.sleb()); break;
                case 4: m.file = (int) c.uleb(); break;
                case 5: c.uleb(); break; // column
                case 6: m.isStmt = !m.isStmt; break;
                case 7: break; // basic block
                case 8: m.address += (long) ((255 - opcodeBase) / lineRange) * minInst; break;
                case 9: m.address += c.u16(); break;
                case 10: case 11: break; // prologue end, epilogue begin
                case 12: c.uleb(); break; // ISA
                default:
                    for (int i = 0; i < argCounts[op]; i++) c.uleb(); // an opcode we do not know: its operands skipped as the header says
            }
        }
    }

    /**
     * The state machine's registers (DWARF 5 section 6.2.2) and which rows it keeps. Rows are kept
     * as gdb records them (its dwarf_record_line_p), so that ranges and "ends at" addresses agree
     * with gdb: a row for the same line of the same file as the previous row is dropped when that line
     * has had a non-zero discriminator (loop iterations and the like split one line into blocks),
     * rows for line 0 are dropped, and a switch to another file at the same address replaces the
     * rows of the old file there (gdb ends the old file's table at that address) unless the new row
     * is not a statement and a statement row is already there.
     */
    private static final class Machine {
        final List<SourceFile> files;
        final String compDir;
        final List<LineRow> rows;
        long address;
        int file = 1, line = 1;
        boolean isStmt;
        long discriminator;
        boolean lineHasDiscriminator;
        int lastFile = -1, lastLine = -1;
        long lastAddress = -1;
        boolean stmtAtAddress;

        Machine(List<SourceFile> files, String compDir, boolean isStmt, List<LineRow> rows) {
            this.files = files;
            this.compDir = compDir;
            this.isStmt = isStmt;
            this.rows = rows;
        }

        void advanceLine(int delta) {
            line += delta;
            if (delta != 0) lineHasDiscriminator = discriminator != 0;
        }

        void setDiscriminator(long d) {
            discriminator = d;
            lineHasDiscriminator |= d != 0;
        }

        void emit(boolean endSequence) {
            if (address != lastAddress) stmtAtAddress = false;
            boolean fileChanged = file != lastFile;
            boolean ignore = !endSequence && (line == 0 || fileChanged && lastAddress == address && !isStmt && stmtAtAddress);
            long a = address & 0xFFFF_FFFFL;
            if (endSequence) {
                rows.add(new LineRow(a, file(files, file, compDir), line, isStmt, true));
            } else if (!ignore) {
                if (fileChanged && lastFile >= 0) {
                    SourceFile now = file(files, file, compDir);
                    for (int i = rows.size() - 1; i >= 0; i--) {
                        LineRow r = rows.get(i);
                        if (r.endSequence() || r.address() != a) break;
                        if (!r.file().equals(now)) rows.remove(i);
                    }
                }
                if (fileChanged || line != lastLine || !lineHasDiscriminator) {
                    rows.add(new LineRow(a, file(files, file, compDir), line, isStmt, false));
                }
                lastFile = file;
                lastLine = line;
            }
            stmtAtAddress |= isStmt;
            lastAddress = address;
            discriminator = 0;
        }
    }

    private static SourceFile file(List<SourceFile> files, int index, String compDir) {
        if (index >= 0 && index < files.size() && files.get(index) != null) return files.get(index);
        return new SourceFile("<file " + index + ">", compDir);
    }
}
