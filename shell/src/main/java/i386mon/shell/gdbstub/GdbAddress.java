package i386mon.shell.gdbstub;

import i386mon.shell.session.CommandException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where the stub listens, in QEMU's spelling: {@code tcp::PORT} (loopback), {@code tcp:HOST:PORT}
 * (another address, on purpose), {@code unix:PATH}, or a bare {@code PORT} (the monitor's
 * gdbserver command). Port 0 takes any free port.
 */
record GdbAddress(StandardProtocolFamily family, String host, int port, Path path) {
    static GdbAddress parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("unix:")) {
            String p = s.substring(5);
            if (p.isEmpty()) throw bad(spec);
            return new GdbAddress(StandardProtocolFamily.UNIX, null, 0, Path.of(p));
        }
        String hostPort = s.startsWith("tcp:") ? s.substring(4) : s;
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? "" : hostPort.substring(0, colon);
        String port = colon < 0 ? hostPort : hostPort.substring(colon + 1);
        if (!s.startsWith("tcp:") && colon >= 0) throw bad(spec);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(spec);
        }
        if (p < 0 || p > 65535) throw bad(spec);
        return new GdbAddress(StandardProtocolFamily.INET, host.isEmpty() ? "127.0.0.1" : host, p, null);
    }

    private static CommandException bad(String spec) {
        return new CommandException("bad gdb address: " + spec + " (tcp::PORT, tcp:HOST:PORT, unix:PATH or PORT)");
    }

    SocketAddress socketAddress() {
        return family == StandardProtocolFamily.UNIX ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
    }

    /** As the user would write it, with the port actually bound. */
    String describe(SocketAddress bound) {
        if (family == StandardProtocolFamily.UNIX) return "unix:" + path;
        return "tcp:" + host + ":" + ((InetSocketAddress) bound).getPort();
    }
}
