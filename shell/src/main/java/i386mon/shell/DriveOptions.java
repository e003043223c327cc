package i386mon.shell;

import i386mon.machine.devices.CmosRtc;
import i386mon.machine.storage.DriveMedia;
import i386mon.machine.storage.DriveSpec;
import i386mon.machine.storage.StorageConfig;
import i386mon.shell.session.CommandException;
import java.nio.file.Path;
import i386mon.shell.session.BootRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * QEMU's drive options (#15): {@code -hda..-hdd}, {@code -cdrom}, {@code -drive}, {@code -snapshot}
 * and {@code -boot}, turned into the machine's {@link StorageConfig}. Mixed into {@link LaunchOptions}.
 */
final class DriveOptions {
    @Option(names = "-hda", paramLabel = "FILE", description = "A raw disk image as the primary master (IDE index 0), as QEMU's -hda.")
    Path hda;

    @Option(names = "-hdb", paramLabel = "FILE", description = "A raw disk image as the primary slave (IDE index 1).")
    Path hdb;

    @Option(names = "-hdc", paramLabel = "FILE", description = "A raw disk image as the secondary master (IDE index 2).")
    Path hdc;

    @Option(names = "-hdd", paramLabel = "FILE", description = "A raw disk image as the secondary slave (IDE index 3).")
    Path hdd;

    @Option(names = "-cdrom", paramLabel = "FILE", description = "An ISO image in a CD-ROM drive at the secondary master (IDE index 2).")
    Path cdrom;

    @Option(names = "-drive", paramLabel = "file=FILE[,KEY=VALUE...]",
            description = "A drive as QEMU spells it (keys format=raw, if=ide|floppy, index=N, media=disk|cdrom, readonly=on|off): a raw image on IDE (index 0-3; without index=, the first free position) "
                    + "or in floppy drive N (if=floppy, index 0 or 1). Repeatable.")
    List<String> drives = new ArrayList<>();

    @Option(names = "-snapshot", description = "Keep the guest's disk writes in memory: the image files are never written (as QEMU's -snapshot).")
    boolean snapshot;

    @Option(names = "-boot", paramLabel = "c|d|a|order=DRIVES[,...]",
            description = "The firmware's boot order, as QEMU's -boot: c the first hard disk, d the CD-ROM, a the floppy, n the network "
                    + "(at most three; default cad), kept in CMOS 0x3D/0x38 as QEMU's pc machine keeps it for SeaBIOS. "
                    + "Drives or -boot without a KERNEL boot through SeaBIOS.")
    String boot;

    /** Whether a drive ({@code -hda..-hdd}, {@code -cdrom}, {@code -drive}, {@code -fda/-fdb}) or {@code -boot} was given. */
    boolean anyGiven(String fda, String fdb) {
        return hda != null || hdb != null || hdc != null || hdd != null || cdrom != null || !drives.isEmpty()
                || fda != null || fdb != null || boot != null;
    }

    /** The drives as given, or a one-line {@link CommandException} naming what is wrong. */
    StorageConfig storage() {
        Map<Integer, DriveSpec> at = new LinkedHashMap<>();
        Path[] hd = { hda, hdb, hdc, hdd };
        for (int i = 0; i < hd.length; i++) if (hd[i] != null) put(at, new DriveSpec(i, hd[i], DriveMedia.DISK, false), "-hd" + (char) ('a' + i));
        if (cdrom != null) put(at, new DriveSpec(2, cdrom, DriveMedia.CDROM, true), "-cdrom");
        for (String d : drives) {
            if (FloppyDriveSpec.isFloppy(d)) continue; // the floppy drives take these: floppies()
            DriveSpec spec = parseDrive(d, at);
            put(at, spec, "-drive " + d);
        }
        // QEMU's pc machine adds an empty CD-ROM drive at the secondary master unless a drive is there
        if (!at.containsKey(2)) at.put(2, new DriveSpec(2, null, DriveMedia.CDROM, true));
        List<DriveSpec> list = new ArrayList<>(at.values());
        list.sort(java.util.Comparator.comparingInt(DriveSpec::index));
        return new StorageConfig(list, snapshot, bootOrder(boot));
    }

    /**
     * The diskettes of -fda, -fdb and -drive if=floppy, or a one-line {@link CommandException}; as
     * QEMU's pc machine, drive A is there even without a diskette (an empty drive) unless one is given.
     */
    List<BootRequest.Floppy> floppies(String fda, String fdb) {
        List<BootRequest.Floppy> given = FloppyDriveSpec.drives(fda, fdb, drives.stream().filter(FloppyDriveSpec::isFloppy).toList());
        if (given.stream().anyMatch(f -> f.unit() == 0)) return given;
        List<BootRequest.Floppy> all = new ArrayList<>();
        all.add(BootRequest.Floppy.empty(0));
        all.addAll(given);
        return all;
    }

    private static void put(Map<Integer, DriveSpec> at, DriveSpec d, String option) {
        if (at.containsKey(d.index())) throw new CommandException(option + ": IDE index " + d.index() + " is already in use");
        at.put(d.index(), d);
    }

    /** One -drive value: file= is required; if=ide, format=raw and the other QEMU keys we honour. */
    static DriveSpec parseDrive(String spec, Map<Integer, DriveSpec> taken) {
        String file = null;
        Integer index = null;
        DriveMedia media = DriveMedia.DISK;
        boolean readOnly = false;
        for (String part : splitKeys(spec)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq), value = eq < 0 ? "" : part.substring(eq + 1);
            switch (key) {
                case "file" -> file = value;
                case "format" -> { if (!value.equals("raw")) throw new CommandException("-drive " + spec + ": only format=raw is supported"); }
                case "if" -> { if (!value.equals("ide")) throw new CommandException("-drive " + spec + ": only if=ide and if=floppy are supported"); }
                case "index" -> index = index(spec, value);
                case "media" -> media = switch (value) {
                    case "disk" -> DriveMedia.DISK;
                    case "cdrom" -> DriveMedia.CDROM;
                    default -> throw new CommandException("-drive " + spec + ": media must be disk or cdrom");
                };
                case "readonly" -> readOnly = onOff(spec, value);
                case "cache", "aio", "id" -> { } // host tuning and names: no effect on what the guest sees
                default -> throw new CommandException("-drive " + spec + ": not supported: " + key);
            }
        }
        if (file == null || file.isEmpty()) throw new CommandException("-drive " + spec + ": file= is required");
        if (index == null) {
            index = 0;
            while (index < DriveSpec.POSITIONS && taken.containsKey(index)) index++;
            if (index == DriveSpec.POSITIONS) throw new CommandException("-drive " + spec + ": all four IDE positions are in use");
        }
        return new DriveSpec(index, Path.of(file), media, readOnly || media == DriveMedia.CDROM);
    }

    /** QEMU's option syntax: commas separate keys, a doubled comma is a comma in a value. */
    private static List<String> splitKeys(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == ',' && i + 1 < spec.length() && spec.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) out.add(cur.toString());
        return out;
    }

    private static int index(String spec, String value) {
        try {
            int i = Integer.parseInt(value);
            if (i >= 0 && i < DriveSpec.POSITIONS) return i;
        } catch (NumberFormatException e) {
            // fall through to the one-line error
        }
        throw new CommandException("-drive " + spec + ": index must be 0-3 on IDE");
    }

    private static boolean onOff(String spec, String value) {
        return switch (value) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new CommandException("-drive " + spec + ": readonly must be on or off");
        };
    }

    /** -boot's drive letters in order: "d", "order=dc", "order=cd,menu=on", "once=d" (taken as the order). */
    static String bootOrder(String spec) {
        if (spec == null) return StorageConfig.DEFAULT_BOOT_ORDER;
        String order = null;
        for (String part : spec.split(",")) {
            if (part.startsWith("order=")) order = part.substring(6);
            else if (part.startsWith("once=")) order = order == null ? part.substring(5) : order;
            else if (part.contains("=")) {
                String key = part.substring(0, part.indexOf('='));
                if (!List.of("menu", "splash", "splash-time", "reboot-timeout", "strict").contains(key)) {
                    throw new CommandException("-boot " + spec + ": not supported: " + key);
                }
            } else order = part;
        }
        if (order == null || !order.matches("[a-p]+")) throw new CommandException("-boot " + spec + ": the order is drive letters a-p, e.g. c, d or order=dc");
        for (int i = 0; i < order.length(); i++) {
            if (order.indexOf(order.charAt(i)) != i) throw new CommandException("-boot " + spec + ": drive " + order.charAt(i) + " is given twice");
        }
        // QEMU's pc machine keeps three boot devices in CMOS and knows only these letters (pc.c, set_boot_dev)
        if (order.length() > CmosRtc.BOOT_DEVICES) throw new CommandException("-boot " + spec + ": too many boot devices for PC (at most 3)");
        for (int i = 0; i < order.length(); i++) {
            if (CmosRtc.bootDeviceNibble(order.charAt(i)) == 0) {
                throw new CommandException("-boot " + spec + ": invalid boot device for PC: '" + order.charAt(i) + "' (a, b, c, d or n)");
            }
        }
        return order;
    }
}
