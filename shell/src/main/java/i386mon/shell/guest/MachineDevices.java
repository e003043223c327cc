package i386mon.shell.guest;

import i386mon.machine.devices.PcDevices;
import i386mon.machine.devices.Pic8259;
import i386mon.machine.devices.Uart16550;
import i386mon.machine.devices.VgaText;
import java.util.List;

/** {@link Devices} over the machine's {@link PcDevices}. */
public final class MachineDevices implements Devices {
    private final PcDevices devices;

    public MachineDevices(PcDevices devices) {
        this.devices = devices;
    }

    @Override
    public PicState pic(int chip) {
        Pic8259 p = chip == 0 ? devices.pics().master() : devices.pics().slave();
        return new PicState(p.irr(), p.imr(), p.isr(), p.highestPriorityLine(), p.vectorBase(), p.readsIsr(),
                p.specialFullyNested(), p.autoEoi(), p.levelTriggered(), p.specialMaskMode(), p.initialising());
    }

    @Override
    public long irqCount(int irq) {
        return devices.pics().raisedCount(irq);
    }

    @Override
    public PitChannel pit(int channel) {
        var pit = devices.pit();
        return new PitChannel(pit.mode(channel), pit.initialCount(channel), pit.count(channel), pit.out(channel));
    }

    @Override
    public SerialPort serial(int index) {
        if (index < 0 || index > 1) throw new IllegalArgumentException("no such serial port: COM" + (index + 1));
        Uart16550 u = index == 0 ? devices.com1() : devices.com2();
        return new SerialPort(index == 0 ? Uart16550.COM1_PORT : Uart16550.COM2_PORT, u.irq(), u.divisor(), u.lineControl(),
                u.modemControl(), u.interruptEnable(), u.lineStatus(), u.modemStatus(), u.scratch(), u.fifoEnabled(),
                u.receivedWaiting());
    }

    @Override public List<String> vgaText() { return devices.vga().renderText(); }

    @Override public short[] vgaCells() { return devices.vga().cells(); }

    @Override
    public int[] vgaCursor() {
        VgaText v = devices.vga();
        return v.cursorVisible() ? new int[] {v.cursorRow(), v.cursorColumn()} : null;
    }

    @Override public int cmos(int reg) { return devices.rtc().peek(reg); }

    @Override public int postCode() { return devices.systemPorts().postCode(); }
}
