package dev.inlet.api.metrics;

import java.util.OptionalDouble;

/** Reads one sample out of Prometheus text exposition, the way a scraper would. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of the sample named exactly {@code series} (name plus label set as written), if present. */
    static OptionalDouble sample(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space > 0 && line.substring(0, space).equals(series)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(space + 1)));
            }
        }
        return OptionalDouble.empty();
    }
}
