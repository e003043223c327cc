package i386mon.machine.debug.dwarf;

/** A compilation unit: its primary source file as DW_AT_name gives it, the directory it was compiled in, and who made it. */
public record CompileUnit(String name, String compDir, String producer, int version) {
    /** The primary source file's path at compile time. */
    public String path() {
        return new SourceFile(name == null ? "" : name, compDir).path();
    }
}
