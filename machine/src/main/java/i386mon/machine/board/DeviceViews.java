package i386mon.machine.board;

import java.util.List;

/** The views a board's devices offer, read without side effects on the devices. */
public interface DeviceViews {
    /** The topics in the order the devices registered them. */
    List<ViewTopic> topics();

    /** The current report of {@code topic}: the lines of every device contributing to it, in registration order. */
    Report report(String topic);
}
