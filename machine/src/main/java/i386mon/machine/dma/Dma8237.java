package i386mon.machine.dma;

import i386mon.machine.board.Board;
import i386mon.machine.board.BoardDevice;
import i386mon.machine.board.Report;
import i386mon.machine.board.ViewTopic;
import i386mon.machine.io.IoDevice;
import i386mon.machine.memory.PhysicalMemory;

/**
 * The AT's two 8237A DMA controllers and their page registers. Controller 1 (ports 0x00-0x0F)
 * moves bytes on channels 0-3; controller 2 (even ports 0xC0-0xDE) moves words on channels 4-7,
 * channel 4 being the cascade from controller 1. Page registers 0x81-0x8F give address bits
 * 16-23 (port 0x80 is the POST-code port, decoded elsewhere; the spare page registers are scratch
 * bytes as on the AT's 74LS612). As on QEMU, a transfer happens as soon as its device requests an
 * unmasked channel, the bus is not shared with the CPU, so single, block and demand modes behave
 * alike; controller 1 runs whether or not channel 4 is unmasked.
 */
public final class Dma8237 implements BoardDevice {
    public static final ViewTopic VIEW = new ViewTopic("dma",
            "Show the 8237 DMA channels: mode, current and base address and count, page, mask, request and terminal count.");
    /** The floppy controller's channel. */
    public static final int FLOPPY_CHANNEL = 2;
    /** Page register (port) of each channel, 0-7. */
    private static final int[] PAGE_PORT = {0x87, 0x83, 0x81, 0x82, 0x8F, 0x8B, 0x89, 0x8A};
    /** Mode register bits 2-3: the transfer type. */
    static final int VERIFY = 0, WRITE = 1, READ = 2;

    private final PhysicalMemory memory;
    private final Controller[] controllers = {new Controller(), new Controller()};
    /** 0x80-0x8F by port - 0x80; index 0 is never used (port 0x80 is the POST port). */
    private final int[] pages = new int[16];
    private final boolean[] request = new boolean[8];
    /** The device on each channel: wiring, set once. */
    private final transient DmaRequester[] requesters = new DmaRequester[8];
    private final transient Port[] ports = new Port[8];
    private boolean servicing;

    public Dma8237(PhysicalMemory memory) {
        this.memory = memory;
        for (int ch = 0; ch < 8; ch++) ports[ch] = new Port(ch);
        masterClear(0);
        masterClear(1);
    }

    @Override
    public void attach(Board board) {
        board.ports(0x00, 16, new Registers(0));
        Registers second = new Registers(1);
        for (int reg = 0; reg < 16; reg++) board.ports(0xC0 + 2 * reg, 1, second);
        board.ports(0x81, 15, new IoDevice() {
            @Override public int in(int port, int size) { return pages[port - 0x80]; }

            @Override public void out(int port, int size, int value) { pages[port - 0x80] = value & 0xFF; }
        });
        board.view(VIEW, this::report);
    }

    /** Wires {@code device} to {@code channel}: its requests start transfers on that channel. */
    public void connect(int channel, DmaRequester device) { requesters[channel] = device; }

    /** {@code channel}'s device asserts DREQ: the transfer runs now if the channel is unmasked, else when it is unmasked. */
    public void hold(int channel) {
        request[channel] = true;
        service();
    }

    /** {@code channel}'s device drops DREQ (its transfer ended). */
    public void release(int channel) { request[channel] = false; }

    /** True if {@code channel} is masked (it will not transfer). */
    public boolean masked(int channel) { return (controllers[channel >> 2].mask & 1 << (channel & 3)) != 0; }

    /** The current address of {@code channel}, as a physical address with its page. */
    public long physicalAddress(int channel) {
        Channel c = channel(channel);
        return channel < 4 ? (long) pages[PAGE_PORT[channel] - 0x80] << 16 | c.address
                : (long) (pages[PAGE_PORT[channel] - 0x80] & 0xFE) << 16 | (long) c.address << 1;
    }

    /** The current count of {@code channel} (units left minus one; 0xFFFF after terminal count). */
    public int count(int channel) { return channel(channel).count; }

    private Channel channel(int ch) { return controllers[ch >> 2].channels[ch & 3]; }

    /** Grants every requesting, unmasked channel of an enabled controller. */
    private void service() {
        if (servicing) return; // a device that unmasks or requests from within its transfer is served by this loop
        servicing = true;
        try {
            for (int ch = 0; ch < 8; ch++) {
                Controller c = controllers[ch >> 2];
                if (request[ch] && !masked(ch) && (c.command & Controller.DISABLE) == 0 && requesters[ch] != null
                        && (c.channels[ch & 3].mode >> 6) != Channel.CASCADE) {
                    ports[ch].tc = false;
                    requesters[ch].dmaGranted(ports[ch]);
                }
            }
        } finally {
            servicing = false;
        }
    }

    private void masterClear(int which) {
        Controller c = controllers[which];
        c.command = 0;
        c.status = 0;
        c.mask = 0x0F;
        c.flipFlop = false;
        c.softwareRequest = 0;
    }

    private int read(int which, int reg) {
        Controller c = controllers[which];
        if (reg < 8) {
            Channel ch = c.channels[reg >> 1];
            int v = (reg & 1) == 0 ? ch.address : ch.count;
            int b = c.flipFlop ? v >> 8 : v;
            c.flipFlop = !c.flipFlop;
            return b & 0xFF;
        }
        switch (reg) {
            case 8: {
                int requests = c.softwareRequest;
                for (int i = 0; i < 4; i++) if (request[which * 4 + i]) requests |= 1 << i;
                int v = c.status & 0x0F | requests << 4;
                c.status &= 0xF0; // reading the status clears the terminal-count bits
                return v;
            }
            case 0xD: return 0; // temporary register: memory-to-memory transfers are not done
            case 0xF: return 0xF0 | c.mask;
            default: return 0xFF;
        }
    }

    private void write(int which, int reg, int v) {
        Controller c = controllers[which];
        if (reg < 8) {
            Channel ch = c.channels[reg >> 1];
            boolean high = c.flipFlop;
            c.flipFlop = !c.flipFlop;
            if ((reg & 1) == 0) {
                ch.baseAddress = high ? ch.baseAddress & 0xFF | v << 8 : ch.baseAddress & 0xFF00 | v;
                ch.address = ch.baseAddress;
            } else {
                ch.baseCount = high ? ch.baseCount & 0xFF | v << 8 : ch.baseCount & 0xFF00 | v;
                ch.count = ch.baseCount;
            }
            return;
        }
        switch (reg) {
            case 8 -> c.command = v;
            case 9 -> c.softwareRequest = (v & 4) != 0 ? c.softwareRequest | 1 << (v & 3) : c.softwareRequest & ~(1 << (v & 3));
            case 0xA -> c.mask = (v & 4) != 0 ? c.mask | 1 << (v & 3) : c.mask & ~(1 << (v & 3));
            case 0xB -> c.channels[v & 3].mode = v & 0xFC;
            case 0xC -> c.flipFlop = false;
            case 0xD -> masterClear(which);
            case 0xE -> c.mask = 0;
            case 0xF -> c.mask = v & 0x0F;
            default -> { }
        }
        service();
    }

    private void report(Report r) {
        for (int ch = 0; ch < 8; ch++) {
            Channel c = channel(ch);
            Controller k = controllers[ch >> 2];
            int type = c.mode >> 2 & 3;
            String mode = switch (c.mode >> 6) {
                case 0 -> "demand";
                case 1 -> "single";
                case 2 -> "block";
                default -> "cascade";
            };
            String dir = switch (type) {
                case WRITE -> "write";
                case READ -> "read";
                case VERIFY -> "verify";
                default -> "illegal";
            };
            boolean tc = (k.status & 1 << (ch & 3)) != 0;
            String text = String.format("dma%d: %-7s %-7s%s%s addr=%08x count=%04x base=%04x/%04x page=%02x%s%s%s%s", ch, mode, dir,
                    (c.mode & Channel.AUTO_INIT) != 0 ? " auto" : "", (c.mode & Channel.DECREMENT) != 0 ? " dec" : "",
                    physicalAddress(ch), c.count, c.baseAddress, c.baseCount, pages[PAGE_PORT[ch] - 0x80],
                    masked(ch) ? " masked" : "", request[ch] ? " dreq" : "", tc ? " tc" : "",
                    (k.command & Controller.DISABLE) != 0 ? " disabled" : "");
            r.line(text).field("channel", ch).field("mode", c.mode).field("address", physicalAddress(ch)).field("count", c.count)
                    .field("base_address", c.baseAddress).field("base_count", c.baseCount).field("masked", masked(ch))
                    .field("request", request[ch]).field("terminal_count", tc);
        }
    }

    /** One 8237A: its command, status, mask and flip-flop, and its four channels. */
    static final class Controller {
        static final int DISABLE = 0x04;
        int command;
        int status;
        int mask;
        int softwareRequest;
        boolean flipFlop;
        final Channel[] channels = {new Channel(), new Channel(), new Channel(), new Channel()};
    }

    /** One channel's registers: 16-bit base and current address and count, and the mode byte. */
    static final class Channel {
        static final int AUTO_INIT = 0x10, DECREMENT = 0x20, CASCADE = 3;
        int baseAddress;
        int baseCount;
        int address;
        int count;
        int mode;
    }

    /** A granted channel: moves bytes between its device and guest memory, unit by unit. */
    private final class Port implements DmaPort {
        private final int ch;
        /** Set when a move ends at terminal count; cleared when the channel is granted again. */
        private boolean tc;

        Port(int ch) { this.ch = ch; }

        @Override
        public boolean terminalCount() { return tc; }

        private int unit() { return ch < 4 ? 1 : 2; }

        @Override
        public int remaining() {
            return masked(ch) ? 0 : (channel(ch).count + 1) * unit();
        }

        @Override
        public int toMemory(byte[] data, int offset, int length) {
            return move(data, offset, length, true);
        }

        @Override
        public int fromMemory(byte[] data, int offset, int length) {
            return move(data, offset, length, false);
        }

        private int move(byte[] data, int offset, int length, boolean toMemory) {
            Channel c = channel(ch);
            int type = c.mode >> 2 & 3;
            int unit = unit();
            int moved = 0;
            while (length - moved >= unit && !masked(ch)) {
                long at = physicalAddress(ch);
                for (int i = 0; i < unit; i++) {
                    // A write transfer writes memory, a read transfer reads it; the other direction and
                    // verify move nothing (the device's data are lost, or it reads all ones).
                    if (toMemory && type == WRITE) memory.write8(at + i, data[offset + moved + i]);
                    else if (!toMemory) data[offset + moved + i] = type == READ ? (byte) memory.read8(at + i) : (byte) 0xFF;
                }
                moved += unit;
                if (step(c)) {
                    tc = true;
                    break;
                }
            }
            return moved;
        }

        /** Advances the address and counts down; true at terminal count, which ends the device's transfer. */
        private boolean step(Channel c) {
            c.address = (c.address + ((c.mode & Channel.DECREMENT) != 0 ? -1 : 1)) & 0xFFFF;
            c.count = (c.count - 1) & 0xFFFF;
            if (c.count != 0xFFFF) return false;
            Controller k = controllers[ch >> 2];
            k.status |= 1 << (ch & 3);
            if ((c.mode & Channel.AUTO_INIT) != 0) {
                c.address = c.baseAddress;
                c.count = c.baseCount;
            } else {
                k.mask |= 1 << (ch & 3); // without auto-initialize, terminal count masks the channel
            }
            return true;
        }
    }

    /** One controller's sixteen registers (controller 2 decodes them at every other port). */
    private final class Registers implements IoDevice {
        private final int which;

        Registers(int which) { this.which = which; }

        private int reg(int port) { return which == 0 ? port & 0xF : (port - 0xC0) >> 1; }

        @Override
        public int in(int port, int size) {
            int v = 0;
            for (int i = 0; i < size; i++) v |= (which == 0 && port + i <= 0xF || which == 1 && i == 0 ? read(which, reg(port + i)) : 0xFF) << (8 * i);
            return v;
        }

        @Override
        public void out(int port, int size, int value) {
            for (int i = 0; i < size; i++) {
                if (which == 0 && port + i <= 0xF || which == 1 && i == 0) write(which, reg(port + i), value >>> (8 * i) & 0xFF);
            }
        }
    }
}
