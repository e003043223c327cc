package i386mon.shell.commands;

import i386mon.shell.format.DeviceText;
import i386mon.shell.guest.Devices;
import i386mon.shell.guest.MachineDevices;
import i386mon.shell.session.CommandException;
import picocli.CommandLine.Command;

/** The device views: info pic, irq, pit, serial, vga, cmos, post. */
final class DeviceCommands {
    private DeviceCommands() { }

    private static Devices devices(MonitorCommand c) {
        var pc = c.session.target().devices();
        if (pc == null) throw new CommandException("this machine has no PC devices to show");
        return new MachineDevices(pc);
    }

    @Command(name = "pic", description = "Show both 8259A PICs as QEMU does: IRR, IMR, ISR, highest priority, vector base, read select, ELCR, SFNM.")
    static final class Pic extends MonitorCommand {
        @Override void run() {
            DeviceText.pic(devices(this)).forEach(out()::println);
        }
    }

    @Command(name = "irq", description = "Show how often each IRQ line was raised, as QEMU's IRQ statistics.")
    static final class Irq extends MonitorCommand {
        @Override void run() {
            DeviceText.irq(devices(this)).forEach(out()::println);
        }
    }

    @Command(name = "pit", description = "Show the 8254 PIT's channels: mode, programmed and current count, output.")
    static final class Pit extends MonitorCommand {
        @Override void run() {
            DeviceText.pit(devices(this)).forEach(out()::println);
        }
    }

    @Command(name = "serial", description = "Show COM1 and COM2: baud rate, line format, FIFO and registers.")
    static final class Serial extends MonitorCommand {
        @Override void run() {
            DeviceText.serial(devices(this)).forEach(out()::println);
        }
    }

    @Command(name = "vga", description = "Show the VGA text screen (in colour on a colour terminal) and the cursor.")
    static final class Vga extends MonitorCommand {
        @Override void run() {
            DeviceText.vga(devices(this), session.colour()).forEach(out()::println);
        }
    }

    @Command(name = "cmos", description = "Show the 128 CMOS bytes and the RTC's date and time.")
    static final class Cmos extends MonitorCommand {
        @Override void run() {
            DeviceText.cmos(devices(this)).forEach(out()::println);
        }
    }

    @Command(name = "post", description = "Show the last POST code written to port 0x80.")
    static final class Post extends MonitorCommand {
        @Override void run() {
            out().println(String.format("POST code: 0x%02x", devices(this).postCode()));
        }
    }
}
