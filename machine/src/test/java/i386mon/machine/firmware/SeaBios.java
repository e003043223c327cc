package i386mon.machine.firmware;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs Debian's SeaBIOS (the firmware QEMU 7.2 uses) on a fresh machine until its boot attempts end. */
final class SeaBios {
    static final Path IMAGE = Path.of("/usr/share/seabios/bios-256k.bin");
    /** SeaBIOS's last line when nothing boots (boot_fail with etc/boot-fail-wait -1). */
    static final String NOTHING_BOOTS = "No bootable device.";
    /** Far more than SeaBIOS's POST takes (about 6 million instructions). */
    static final long BUDGET = 50_000_000L;

    private SeaBios() { }

    /** The machine after SeaBIOS gave up booting, or after {@link #BUDGET} instructions. */
    static Machine bootToFailure() throws IOException {
        Machine m = new Machine(MachineConfig.defaults());
        m.powerOn(Files.readAllBytes(IMAGE));
        for (long n = 0; n < BUDGET && !m.devices().firmwareLog().text().contains(NOTHING_BOOTS); n += 100_000) m.run(100_000);
        return m;
    }
}
