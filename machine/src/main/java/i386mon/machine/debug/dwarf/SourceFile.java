package i386mon.machine.debug.dwarf;

/**
 * A source file a line table names: {@code name} as gdb spells it (the file name joined to its
 * include directory as written, e.g. "src/main/c/main.c") and {@code directory}, the compilation
 * directory a relative name is relative to. {@link #path()} is where the file was when it was compiled.
 */
public record SourceFile(String name, String directory) {
    public SourceFile {
        if (name == null) throw new IllegalArgumentException("source file name is null");
        if (directory == null) directory = "";
    }

    // Written out rather than generated: a record's generated equals is bootstrapped through method
    // handles on first use (tens of milliseconds of the first prompt, whose line shows a source file).
    @Override public boolean equals(Object o) {
        return o instanceof SourceFile f && name.equals(f.name) && directory.equals(f.directory);
    }

    @Override public int hashCode() {
        return 31 * name.hashCode() + directory.hashCode();
    }

    /** The file's path at compile time: {@code name} if absolute, else {@code directory/name}. */
    public String path() {
        if (name.startsWith("/") || directory.isEmpty()) return name;
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /** The last path component ("main.c"). */
    public String baseName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /**
     * Whether the user's {@code spelling} names this file, as gdb matches a linespec: the whole path,
     * or a tail of it that starts at a path component ("main.c", "c/main.c").
     */
    public boolean matches(String spelling) {
        String p = path();
        if (p.equals(spelling) || name.equals(spelling)) return true;
        return p.endsWith("/" + spelling);
    }
}
