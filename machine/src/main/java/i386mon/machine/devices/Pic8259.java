package i386mon.machine.devices;

/**
 * One Intel 8259A programmable interrupt controller (datasheet 231468). Port offset 0 is the
 * command port (A0=0: ICW1, OCW2, OCW3), offset 1 the data port (A0=1: ICW2-4, OCW1).
 *
 * <p>Edge-triggered requests are latched on a rising edge and, as the datasheet requires, drop
 * again if the line falls before the INTA cycle; an INTA with no request left answers IR7
 * (the "spurious" interrupt) without setting the in-service bit.
 */
public final class Pic8259 extends ByteIoDevice {
    private final Runnable outputChanged;

    private int irr;
    private int imr;
    private int isr;
    private int lines;
    private int vectorBase;
    private int lowestPriority = 7;
    private int icwStep;          // 0 = ready; 2,3,4 = expecting that ICW
    private boolean single;
    private boolean needIcw4;
    private boolean levelTriggered;
    /** Lines the PIIX's edge/level control register makes level-triggered (ports 0x4D0/0x4D1). */
    private int elcr;
    private boolean autoEoi;
    private boolean rotateOnAutoEoi;
    private boolean specialFullyNested;
    private boolean specialMask;
    private boolean readIsr;
    private boolean poll;
    private int cascade;          // ICW3 as written
    private boolean output;

    /** {@code outputChanged} runs whenever the INT output may have changed. */
    public Pic8259(int firstPort, Runnable outputChanged) {
        super(firstPort, 2);
        this.outputChanged = outputChanged;
    }

    // ---- request lines ------------------------------------------------------------------------

    /** Sets the level of input IR{@code line} (0-7). */
    public void setLine(int line, boolean high) {
        int bit = 1 << line;
        if (high) {
            if (levelTriggered || (elcr & bit) != 0 || (lines & bit) == 0) irr |= bit;
            lines |= bit;
        } else {
            lines &= ~bit;
            irr &= ~bit; // the request vanishes: 8259A "Edge and level triggered modes"
        }
        update();
    }

    // ---- INTA -------------------------------------------------------------------------------

    /** The INT output: an unmasked request of higher priority than any in service. */
    public boolean interruptOutput() { return output; }

    /** The IR line INTA would pick, or -1 (a spurious IR7 would be given). */
    public int pendingLine() {
        int req = irr & ~imr;
        if (req == 0) return -1;
        if (specialMask) {
            // Special mask mode: every unmasked level not in service may interrupt, lower as well
            // as higher (datasheet OCW3, "Special mask mode").
            int open = req & ~isr;
            return open == 0 ? -1 : priorityToLine(highestPriority(open));
        }
        int blocking = isr;
        // Special fully nested mode (master): the cascade level does not block further slave requests.
        if (specialFullyNested && !single) blocking &= ~cascade;
        int reqPrio = highestPriority(req);
        int curPrio = blocking == 0 ? 8 : highestPriority(blocking);
        return reqPrio < curPrio ? priorityToLine(reqPrio) : -1;
    }

    /**
     * The INTA sequence for this chip: returns the IR line granted and moves it to in-service (or
     * clears it at once in auto-EOI mode); returns 7 without touching ISR if nothing is left.
     * Vector = {@link #vectorBase()} + returned line.
     */
    public int acknowledgeLine() {
        int line = pendingLine();
        if (line < 0) {
            update();
            return 7;
        }
        int bit = 1 << line;
        if (!levelTriggered && (elcr & bit) == 0) irr &= ~bit;
        if (autoEoi) {
            if (rotateOnAutoEoi) lowestPriority = line;
        } else {
            isr |= bit;
        }
        update();
        return line;
    }

    // ---- ports ------------------------------------------------------------------------------

    @Override
    int inb(int offset) {
        if (offset == 1) return imr;
        if (poll) {
            // OCW3 poll: the read is the INTA; bit 7 = request present, bits 2-0 = level.
            poll = false;
            int line = pendingLine();
            if (line < 0) return 0;
            acknowledgeLine();
            return 0x80 | line;
        }
        return readIsr ? isr : irr;
    }

    @Override
    void outb(int offset, int v) {
        if (offset == 0) {
            if ((v & 0x10) != 0) icw1(v);
            else if ((v & 0x08) != 0) ocw3(v);
            else ocw2(v);
        } else {
            switch (icwStep) {
                case 2 -> {
                    vectorBase = v & 0xF8;
                    icwStep = single ? (needIcw4 ? 4 : 0) : 3;
                }
                case 3 -> {
                    cascade = v;
                    icwStep = needIcw4 ? 4 : 0;
                }
                case 4 -> {
                    autoEoi = (v & 0x02) != 0;
                    specialFullyNested = (v & 0x10) != 0;
                    icwStep = 0;
                }
                default -> imr = v;
            }
        }
        update();
    }

    private void icw1(int v) {
        // ICW1 resets: IMR cleared, IR7 lowest priority, special mask off, IRR selected for reads,
        // edge sense latches cleared (datasheet "Initialization command words").
        levelTriggered = (v & 0x08) != 0;
        single = (v & 0x02) != 0;
        needIcw4 = (v & 0x01) != 0;
        if (!needIcw4) { autoEoi = false; specialFullyNested = false; }
        imr = 0;
        isr = 0;
        irr = levelTriggered ? lines : 0;
        lowestPriority = 7;
        specialMask = false;
        readIsr = false;
        poll = false;
        rotateOnAutoEoi = false;
        icwStep = 2;
    }

    private void ocw2(int v) {
        int level = v & 7;
        switch ((v >> 5) & 7) {
            case 0 -> rotateOnAutoEoi = false;
            case 1 -> clearHighestInService(false);
            case 2 -> { } // no operation
            case 3 -> isr &= ~(1 << level);
            case 4 -> rotateOnAutoEoi = true;
            case 5 -> clearHighestInService(true);
            case 6 -> lowestPriority = level;
            case 7 -> { isr &= ~(1 << level); lowestPriority = level; }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private void ocw3(int v) {
        if ((v & 0x40) != 0) specialMask = (v & 0x20) != 0;
        if ((v & 0x02) != 0) readIsr = (v & 0x01) != 0;
        poll = (v & 0x04) != 0;
    }

    private void clearHighestInService(boolean rotate) {
        if (isr == 0) return;
        int line = priorityToLine(highestPriority(isr));
        isr &= ~(1 << line);
        if (rotate) lowestPriority = line;
    }

    /** Priority 0 (highest) .. 7 of the most urgent bit set in {@code bits} (non-zero). */
    private int highestPriority(int bits) {
        for (int p = 0; p < 8; p++) {
            if ((bits & (1 << priorityToLine(p))) != 0) return p;
        }
        return 8;
    }

    private int priorityToLine(int priority) {
        return (priority + lowestPriority + 1) & 7;
    }

    private void update() {
        boolean out = pendingLine() >= 0;
        if (out != output) {
            output = out;
            outputChanged.run();
        }
    }

    // ---- monitor view -----------------------------------------------------------------------

    public int irr() { return irr; }

    public int isr() { return isr; }

    public int imr() { return imr; }

    public int vectorBase() { return vectorBase; }

    public boolean autoEoi() { return autoEoi; }

    public boolean specialMaskMode() { return specialMask; }

    public boolean levelTriggered() { return levelTriggered; }

    /** The edge/level control register: a set bit makes that line level-triggered whatever ICW1 says. */
    public int elcr() { return elcr; }

    /** Sets the edge/level control register (the caller masks off the lines the chipset keeps edge-triggered). */
    public void setElcr(int value) {
        elcr = value & 0xFF;
        update();
    }

    /** The IR line of highest priority now (QEMU's {@code hprio}): rotation moves it (OCW2). */
    public int highestPriorityLine() { return priorityToLine(0); }

    /** True when a read of the command port returns the ISR, false the IRR (OCW3 RR/RIS). */
    public boolean readsIsr() { return readIsr; }

    /** Special fully nested mode (ICW4 SFNM). */
    public boolean specialFullyNested() { return specialFullyNested; }

    /** True while an initialisation sequence (ICW2-ICW4) is incomplete. */
    public boolean initialising() { return icwStep != 0; }
}
