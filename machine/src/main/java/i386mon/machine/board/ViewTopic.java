package i386mon.machine.board;

/**
 * A monitor view that devices contribute to, e.g. {@code serial} (every UART adds its lines).
 * {@code name} is one lower-case word (the front end's {@code info NAME}); {@code summary} one
 * sentence saying what it shows.
 */
public record ViewTopic(String name, String summary) {
    public ViewTopic {
        if (!name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("view name must be one lower-case word: " + name);
    }
}
