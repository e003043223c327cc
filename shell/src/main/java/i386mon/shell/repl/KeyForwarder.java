package i386mon.shell.repl;

import i386mon.shell.session.Session;
import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * While the guest runs, keys typed on the terminal go to its keyboard (or, in serial-input mode, as
 * bytes to COM1 or COM2): the terminal is put in raw
 * mode (signals stay on, so Ctrl-C still stops the guest and gives the prompt back) and a thread
 * turns characters into key presses that the session delivers between run slices.
 */
final class KeyForwarder implements Session.RunObserver {
    private final Terminal terminal;
    private final Session session;
    private volatile boolean running;
    private Thread thread;
    private Attributes saved;

    KeyForwarder(Terminal terminal, Session session) {
        this.terminal = terminal;
        this.session = session;
    }

    @Override
    public void runStarting() {
        terminal.writer().flush();
        saved = terminal.enterRawMode();
        running = true;
        thread = new Thread(this::forward, "i386mon-keys");
        thread.setDaemon(true);
        thread.start();
    }

    private void forward() {
        NonBlockingReader reader = terminal.reader();
        try {
            while (running) {
                int c = reader.read(50);
                if (c < 0) {
                    if (c == NonBlockingReader.EOF) return;
                    continue;
                }
                if (session.serialInputPort() != 0) {
                    session.queueSerial(new byte[] {(byte) c}); // a serial console gets the byte as typed
                    continue;
                }
                String key = KeyNames.forChar(c);
                if (key != null) session.queueKey(key);
            }
        } catch (IOException e) {
            // the terminal is gone: nothing more to forward
        }
    }

    @Override
    public void runEnded() {
        running = false;
        try {
            if (thread != null) thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (saved != null) terminal.setAttributes(saved);
    }
}
