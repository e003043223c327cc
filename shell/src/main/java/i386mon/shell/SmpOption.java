package i386mon.shell;

import i386mon.machine.MachineConfig;
import i386mon.machine.firmware.Processors;
import i386mon.shell.session.CommandException;

/**
 * The {@code -smp} value: {@code N} or QEMU's {@code N,sockets=S,cores=C,threads=T,maxcpus=M}.
 * The board has one core per socket (the MP table lists one processor per socket), so the
 * topology must come to N sockets of one core and one thread each; a bad value is one line.
 */
final class SmpOption {
    private SmpOption() { }

    static int cpus(String value) {
        String[] parts = value.trim().split(",");
        int cpus = -1, sockets = -1, cores = 1, threads = 1;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim();
            int eq = p.indexOf('=');
            String key = eq < 0 ? (k == 0 ? "cpus" : p) : p.substring(0, eq);
            String v = eq < 0 ? p : p.substring(eq + 1);
            switch (key) {
                case "cpus": cpus = number(v, value); break;
                case "sockets": sockets = number(v, value); break;
                case "cores": cores = number(v, value); break;
                case "threads": threads = number(v, value); break;
                case "maxcpus": number(v, value); break; // no CPU hotplug: the limit changes nothing
                default: throw new CommandException("-smp " + value + ": unknown property " + key + " (use -smp N or -smp N,sockets=N)");
            }
        }
        if (cpus < 0) cpus = sockets < 0 ? 1 : sockets * cores * threads;
        if (cpus < 1 || cpus > Processors.MAX) {
            throw new CommandException("-smp " + value + ": the number of CPUs must be between 1 and " + Processors.MAX + ", not " + cpus);
        }
        if (cores != 1 || threads != 1 || sockets >= 0 && sockets != cpus) {
            throw new CommandException("-smp " + value + ": i386mon's board has one core per socket: use -smp " + cpus + ",sockets=" + cpus);
        }
        return cpus;
    }

    static void checkQuantum(long quantum) {
        if (quantum < 1 || quantum > MachineConfig.MAX_SMP_QUANTUM) {
            throw new CommandException("--smp-quantum " + quantum + ": must be between 1 and " + MachineConfig.MAX_SMP_QUANTUM + " instructions");
        }
    }

    private static int number(String v, String whole) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new CommandException("-smp " + whole + ": not a number: " + v);
        }
    }
}
