package i386mon.shell.guest;

import java.util.List;

/** The PC's devices as the monitor shows them; every read is side-effect free. */
public interface Devices {
    /** Chip 0 is the master 8259A, chip 1 the slave. */
    PicState pic(int chip);

    /** Rising edges seen on IRQ {@code irq} (0-15) since power-on. */
    long irqCount(int irq);

    /** PIT channel 0-2. */
    PitChannel pit(int channel);

    /** COM1 (0) or COM2 (1). */
    SerialPort serial(int index);

    /** The 25 text rows of the VGA screen, code page 437 decoded. */
    List<String> vgaText();

    /** The 2000 visible cells, row-major: character in bits 0-7, attribute in bits 8-15. */
    short[] vgaCells();

    /** Cursor position as {row, column}, or null when the cursor is hidden. */
    int[] vgaCursor();

    /** CMOS register {@code reg} (0-127) without side effects. */
    int cmos(int reg);

    /** The last value written to the POST diagnostic port 0x80. */
    int postCode();

    /** One 8259A: its registers and modes. */
    record PicState(int irr, int imr, int isr, int highestPriority, int vectorBase, boolean readsIsr,
                    boolean specialFullyNested, boolean autoEoi, boolean levelTriggered, boolean specialMask,
                    boolean initialising) { }

    /** One 8254 channel: its mode, programmed count (0 when none), current count and OUT. */
    record PitChannel(int mode, int initialCount, int count, boolean out) { }

    /** One 16550 UART. */
    record SerialPort(int port, int irq, int divisor, int lineControl, int modemControl, int interruptEnable,
                      int lineStatus, int modemStatus, int scratch, boolean fifoEnabled, int receivedWaiting) { }
}
