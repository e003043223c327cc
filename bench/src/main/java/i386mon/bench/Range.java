package i386mon.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The median of some measurements and their range; measurements that are not numbers (NaN) are left out. */
record Range(double median, double min, double max, int count) {
    static final Range NONE = new Range(Double.NaN, Double.NaN, Double.NaN, 0);

    static Range of(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return NONE;
        return new Range(median(v), v[0], v[v.length - 1], v.length);
    }

    /** The median of sorted values (the mean of the middle pair for an even count). */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    boolean present() {
        return count > 0;
    }

    /** e.g. {@code 0.52 [0.48-0.57]}, or {@code -} without measurements. */
    String text(String format) {
        if (!present()) return "-";
        return String.format(format, median) + " [" + String.format(format, min) + "-" + String.format(format, max) + "]";
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", present() ? median : null);
        m.put("min", present() ? min : null);
        m.put("max", present() ? max : null);
        return m;
    }
}
