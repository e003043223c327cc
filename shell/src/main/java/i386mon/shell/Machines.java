package i386mon.shell;

import i386mon.shell.session.MachineLoader;

/** The machine the launcher boots. */
final class Machines {
    private Machines() { }

    static MachineLoader loader() {
        return i386mon.shell.session.EmulatorLoader.LOADER;
    }
}
