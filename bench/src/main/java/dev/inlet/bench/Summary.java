package dev.inlet.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, in a fixed order: printed as one {@code key=value} line and as a table. */
final class Summary {

    private final Map<String, String> values = new LinkedHashMap<>();

    Summary put(String key, String value) {
        values.put(key, value.replace(' ', '_'));
        return this;
    }

    Summary put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    Summary put(String key, double value) {
        String text = Double.isNaN(value) ? "NaN"
                : Double.isInfinite(value) ? ">" + (long) LatencyHistogram.RESOLVED_MILLIS // beyond what was resolved
                : String.format(Locale.ROOT, "%.3f", value);
        values.put(key, text);
        return this;
    }

    Map<String, String> values() {
        return values;
    }

    String line() {
        StringBuilder line = new StringBuilder();
        values.forEach((key, value) -> line.append(line.isEmpty() ? "" : " ").append(key).append('=').append(value));
        return line.toString();
    }

    static Summary parse(String line) {
        Summary summary = new Summary();
        for (String pair : line.trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                summary.values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return summary;
    }

    String table() {
        StringBuilder table = new StringBuilder();
        values.forEach((key, value) -> table.append(String.format(Locale.ROOT, "  %-30s %s%n", key, value)));
        return table.toString();
    }
}
