package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class QuickLaunchParserTest {
    /** Every field of the options, the mixins' under their field's name: what the launcher reads. */
    private static Map<String, Object> fields(LaunchOptions o) throws IllegalAccessException {
        Map<String, Object> m = new TreeMap<>();
        for (Field f : LaunchOptions.class.getDeclaredFields()) {
            Object v = f.get(o);
            if (v instanceof QemuOptions || v instanceof DriveOptions) {
                for (Field g : v.getClass().getDeclaredFields()) {
                    if (!Modifier.isStatic(g.getModifiers())) m.put(f.getName() + "." + g.getName(), g.get(v));
                }
            } else if (!Modifier.isStatic(f.getModifiers())) {
                m.put(f.getName(), v);
            }
        }
        return m;
    }

    private static LaunchOptions picocli(String[] args) {
        LaunchOptions o = new LaunchOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "--batch",
        "--batch -c quit",
        "kernel.elf",
        "-m 3G --batch -c info\u0001registers -x tour.txt -c quit",
        "--batch -m 128M -kernel bench.elf -append workload=mix\u0001iters=40000 -display none -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04",
        "--batch -m 128M -display none -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 -snapshot -drive file=fd.img,format=raw,if=floppy",
        "-hda disk.img -cdrom cd.iso -boot d -fda a.img -fdb b.img -snapshot",
        "--module mod.bin=hello --module other.bin -a root=/dev/hda --serial none --echo --pace --rtc-host --serial-input",
        "-s -S -gdb tcp::1234 -smp 2,sockets=2 --smp-quantum 500 --timeout 30 --max-instructions 1000000 demo.elf",
        "-initrd a.bin -vga std -nographic -no-shutdown -monitor stdio -d int -D log.txt -hdb b.img -hdc c.img -hdd d.img --boot-sector bs.bin",
    })
    void readsWhatPicocliReads(String line) throws Exception {
        String[] args = line.isEmpty() ? new String[0] : line.replace(' ', '\u0002').replace('\u0001', ' ').split("\u0002");
        LaunchOptions quick = QuickLaunchParser.parse(args);
        assertNotNull(quick, line);
        assertEquals(fields(picocli(args)), fields(quick), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--help", "-V", "-m128M", "--memory=1G", "-m 1G -m 2G", "a.elf b.elf", "--bios", "--bios rom.bin",
        "-a -x", "--timeout 0x10", "--timeout -5", "--frobnicate", "-- kernel.elf", "-drive", "-dtb x", "--batch --batch", "-sS",
    })
    void leavesToPicocliWhatItDoesNotRead(String line) {
        assertNull(QuickLaunchParser.parse(line.split(" ")), line);
    }
}
