package i386mon.bench;

/** A run that cannot be measured (a wrong result, a failed process, a missing tool): one line for the user. */
final class BenchmarkException extends RuntimeException {
    BenchmarkException(String message) {
        super(message);
    }
}
