package i386mon.shell.session;

import i386mon.machine.debug.dwarf.SourceFile;

/** Where {@code list} left off: the file and the last line it printed, so a bare {@code list} goes on from there. */
public final class ListCursor {
    private SourceFile file;
    private int last;

    public SourceFile file() { return file; }

    public int last() { return last; }

    public void set(SourceFile file, int last) {
        this.file = file;
        this.last = last;
    }

    public void reset() {
        file = null;
        last = 0;
    }
}
