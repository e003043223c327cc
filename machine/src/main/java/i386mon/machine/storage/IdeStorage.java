package i386mon.machine.storage;

import i386mon.machine.board.Board;
import i386mon.machine.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * The PC's IDE storage as one piece: both legacy channels (always present, as on QEMU's {@code pc}
 * machine), the drives the configuration names with their images opened, and the bus-master DMA
 * block the PIIX IDE function maps at its BAR4. Closing it flushes and closes the images.
 */
public final class IdeStorage implements AutoCloseable {
    private final StorageConfig config;
    private final AtaChannel primary;
    private final AtaChannel secondary;
    private final BusMasterDma busMaster;
    private final List<DiskImage> images = new ArrayList<>();

    /**
     * Opens the configured images (a bad one is refused with a one-line {@link DiskImageException},
     * closing those already opened) and plugs the channels and the DMA block into {@code board}.
     */
    private final IdeViews views;

    public IdeStorage(Board board, PhysicalMemory memory, StorageConfig config) {
        this.config = config;
        DiskImage[] at = new DiskImage[DriveSpec.POSITIONS];
        boolean[] cd = new boolean[DriveSpec.POSITIONS];
        try {
            for (DriveSpec d : config.drives()) {
                cd[d.index()] = d.media() == DriveMedia.CDROM;
                if (d.file() == null) continue; // a CD-ROM drive with no disc
                DiskImage.Mode mode = config.snapshot() || d.readOnly() ? DiskImage.Mode.OVERLAY : DiskImage.Mode.WRITE_BACK;
                at[d.index()] = DiskImage.open(d.file(), mode, DiskImage.SECTOR);
                images.add(at[d.index()]);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        primary = board.add(new AtaChannel(0, at[0], cd[0], at[1], cd[1]));
        secondary = board.add(new AtaChannel(1, at[2], cd[2], at[3], cd[3]));
        busMaster = board.add(new BusMasterDma(memory, primary, secondary));
        views = new IdeViews(config, new AtaChannel[] { primary, secondary }, busMaster);
        views.busMasterPort = busMaster::base;
        board.view(IdeViews.BLOCK, views::block);
        board.view(IdeViews.IDE, views::ide);
    }

    /** Tells the views where a PCI function decodes the bus-master block ({@code info ide}). */
    public void busMasterPortFrom(java.util.function.IntSupplier port) {
        views.busMasterPort = () -> Math.max(busMaster.base(), port.getAsInt());
    }

    /**
     * Ties the engine's memory accesses to the PCI function's command register: {@code enabled}
     * answers whether its Bus Master Enable bit is set.
     */
    public void busMasteringFrom(java.util.function.BooleanSupplier enabled) { busMaster.busMasteringFrom(enabled); }

    /** Lists the board's other block devices (the floppy drives) after the IDE drives in {@code info block}. */
    public void alsoInBlockView(java.util.function.BiConsumer<i386mon.machine.board.Report, Boolean> others) { views.others = others; }

    /**
     * Leaves the drives as SeaBIOS's ATA probe leaves them under QEMU before a boot loader runs:
     * each disk identified (task file zeroed by the command, IDENTIFY's words cached) with
     * interrupts off (nIEN) during the commands and on again after; CD-ROM drives by IDENTIFY PACKET DEVICE.
     */
    public void biosState() {
        for (AtaChannel c : new AtaChannel[] { primary, secondary }) {
            int base = c.number() == 0 ? AtaChannel.PRIMARY_BASE : AtaChannel.SECONDARY_BASE;
            int control = c.number() == 0 ? AtaChannel.PRIMARY_CONTROL : AtaChannel.SECONDARY_CONTROL;
            c.out(control, 1, 0x08 | AtaStatus.CTRL_NIEN);
            for (int unit = 0; unit < 2; unit++) {
                AtaDrive d = c.drive(unit);
                if (!d.exists()) continue;
                c.out(base + 6, 1, 0xA0 | unit << 4);
                for (int reg = 1; reg <= 5; reg++) c.out(base + reg, 1, 0);
                c.out(base + 7, 1, d.cdrom() ? AtaDrive.IDENTIFY_PACKET : AtaDrive.IDENTIFY);
                for (int w = 0; w < IdentifyData.WORDS; w++) c.in(base, 2);
                c.in(base + 7, 1);
            }
            c.out(control, 1, 0x08); // SeaBIOS's ATA_CB_DC_HD15: interrupts on again
        }
    }

    /** Tells {@code l} of every sector transfer from now on (the history's disk marks). */
    public void setAccessListener(DiskAccessListener l) {
        primary.setAccessListener(l);
        secondary.setAccessListener(l);
    }

    public AtaChannel primary() { return primary; }

    public AtaChannel secondary() { return secondary; }

    /** The BMIDE block, for the PCI function to map at its BAR4. */
    public BusMasterDma busMaster() { return busMaster; }

    /** The configuration the drives were built from (the boot order included). */
    public StorageConfig config() { return config; }

    /** Forces every written sector to its file (the monitor quits, or before a host-side copy). */
    public void flush() {
        for (DiskImage i : images) i.flush();
    }

    @Override
    public void close() {
        for (DiskImage i : images) i.close();
    }
}
