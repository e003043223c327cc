package i386mon.machine.firmware;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.machine.Machine;
import i386mon.machine.MachineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Debian's SeaBIOS (the firmware QEMU 7.2 runs) through its whole POST to the boot attempt. */
class SeaBiosBootTest {
    static final Path SEABIOS = Path.of("/usr/share/seabios/bios-256k.bin");

    @Test
    void timing() throws Exception {
        for (int k = 0; k < 3; k++) {
            Machine m = new Machine(MachineConfig.defaults());
            m.powerOn(Files.readAllBytes(SEABIOS));
            long t0 = System.nanoTime();
            long n = 0;
            while (!m.devices().firmwareLog().text().contains("Booting from") && n < 20_000_000) { m.run(100_000); n += 100_000; }
            var cf = i386mon.machine.cpu.Cpu.class.getDeclaredField("code"); cf.setAccessible(true);
            Object cc = cf.get(m.cpu());
            var wf = cc.getClass().getDeclaredField("codeWrites"); wf.setAccessible(true);
            System.out.println("codeWrites " + wf.get(cc));
            System.out.println("run " + k + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms wall to first boot attempt, " + m.cpu().retired() + " instructions, virtual ms " + m.clock().nanos() / 1_000_000);
        }
    }

    @Test
    void seaBiosReachesItsBootAttempt() throws Exception {
        assumeTrue(Files.isReadable(SEABIOS), "SeaBIOS not installed (apt-get install seabios)");
        Machine m = new Machine(MachineConfig.defaults());
        m.powerOn(Files.readAllBytes(SEABIOS));
        long t0 = System.nanoTime();
        var stop = m.run(1);
        int seen = 0;
        for (int i = 0; i < 400 && !m.devices().firmwareLog().text().contains("No bootable device."); i++) {
            stop = m.run(500_000L);
            String l = m.devices().firmwareLog().text();
            if (l.length() != seen) {
                System.out.println("@" + (i + 1) * 500 + "k instr, " + (System.nanoTime() - t0) / 1_000_000 + " ms wall, " + m.clock().nanos() / 1_000_000 + " ms virtual, eip " + Integer.toHexString(m.cpu().segBase(1) + m.cpu().eip()) + ": " + l.substring(seen).replace("\n", " | "));
                seen = l.length();
            }
        }
        long t1 = System.nanoTime();
        String log = m.devices().firmwareLog().text();
        System.out.println("stop: " + stop + " after " + (t1 - t0) / 1_000_000 + " ms, eip " + Integer.toHexString(m.cpu().eip()) + " virtual ms " + m.clock().nanos() / 1_000_000);
        assertTrue(log.contains("No bootable device."), log);
    }
}
