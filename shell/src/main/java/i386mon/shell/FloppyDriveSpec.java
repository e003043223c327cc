package i386mon.shell;

import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU's {@code -drive} for floppies: {@code file=PATH,if=floppy[,index=N][,format=raw]
 * [,readonly=on|off][,media=disk]}. Kept apart from the IDE drive options so that a general
 * {@code -drive} parser can hand {@code if=floppy} specs here.
 */
final class FloppyDriveSpec {
    private FloppyDriveSpec() { }

    /** True if {@code spec} names the floppy interface. */
    static boolean isFloppy(String spec) {
        for (String part : spec.split(",")) if (part.strip().equals("if=floppy")) return true;
        return false;
    }

    /** Parses a floppy {@code -drive} spec; {@code index} -1 when not given (the next free drive). */
    static BootRequest.Floppy parse(String spec) {
        String file = null;
        int index = -1;
        boolean readOnly = false;
        for (String raw : spec.split(",")) {
            String part = raw.strip();
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq), value = eq < 0 ? "" : part.substring(eq + 1);
            switch (key) {
                case "file" -> file = value;
                case "if" -> { if (!value.equals("floppy")) throw bad(spec, "if=" + value + " (this spec handles if=floppy)"); }
                case "index", "unit" -> index = unit(spec, value);
                case "format" -> { if (!value.equals("raw")) throw bad(spec, "format=" + value + " (only raw images)"); }
                case "media" -> { if (!value.equals("disk")) throw bad(spec, "media=" + value + " (a floppy drive takes a disk)"); }
                case "readonly" -> readOnly = onOff(spec, value);
                default -> throw bad(spec, key + " (file, if, index, format, readonly and media are known)");
            }
        }
        if (file == null || file.isEmpty()) throw new CommandException("-drive " + spec + ": file=PATH is missing");
        return new BootRequest.Floppy(index, file, readOnly);
    }

    /**
     * The drives of {@code -fda}, {@code -fdb} and the floppy {@code -drive} specs, each unit at
     * most once; a spec without index takes the first free drive, as QEMU does.
     */
    static List<BootRequest.Floppy> drives(String fda, String fdb, List<String> driveSpecs) {
        BootRequest.Floppy[] units = new BootRequest.Floppy[2];
        if (fda != null) units[0] = new BootRequest.Floppy(0, fda, false);
        if (fdb != null) units[1] = new BootRequest.Floppy(1, fdb, false);
        for (String spec : driveSpecs) {
            BootRequest.Floppy f = parse(spec);
            int unit = f.unit();
            if (unit < 0) unit = units[0] == null ? 0 : units[1] == null ? 1 : -1;
            if (unit < 0) throw new CommandException("-drive " + spec + ": both floppy drives are taken");
            if (units[unit] != null) throw new CommandException("-drive " + spec + ": floppy drive " + unit + " is given twice");
            units[unit] = new BootRequest.Floppy(unit, f.file(), f.readOnly());
        }
        List<BootRequest.Floppy> out = new ArrayList<>();
        for (BootRequest.Floppy f : units) if (f != null) out.add(f);
        return out;
    }

    private static int unit(String spec, String value) {
        if (value.equals("0") || value.equals("1")) return Integer.parseInt(value);
        throw bad(spec, "index=" + value + " (a floppy drive is 0 or 1)");
    }

    private static boolean onOff(String spec, String value) {
        return switch (value) {
            case "on", "true", "yes", "" -> true;
            case "off", "false", "no" -> false;
            default -> throw bad(spec, "readonly=" + value + " (on or off)");
        };
    }

    private static CommandException bad(String spec, String what) {
        return new CommandException("-drive " + spec + ": not supported: " + what);
    }
}
