package dev.inlet.bench;

/**
 * What one measured window of an ingest benchmark saw, and the figures derived from it.
 *
 * @param seconds the window's length
 * @param cpuSeconds the server's user plus system CPU in the window
 * @param bytes payload bytes ingested in the window
 * @param messages messages ingested in the window
 * @param streams streams that took part
 */
record IngestWindow(double seconds, double cpuSeconds, long bytes, long messages, int streams) {

    double cpuSecondsPerGigabit() {
        return bytes <= 0 ? Double.NaN : cpuSeconds / (bytes * 8 / 1e9);
    }

    /**
     * CPU per Gbit without what the server burns when idle ({@code idlePercent} of one CPU, measured before the
     * streams came): separates the cost of moving bytes from fixed costs such as timers, which depend on how many
     * processes or threads a server runs rather than on the bytes.
     */
    double cpuSecondsPerGigabitAboveIdle(double idlePercent) {
        return bytes <= 0 ? Double.NaN : (cpuSeconds - idlePercent / 100 * seconds) / (bytes * 8 / 1e9);
    }

    double cpuMicrosPerMessage() {
        return messages <= 0 ? Double.NaN : cpuSeconds * 1e6 / messages;
    }

    double megabitsPerSecond() {
        return bytes * 8 / seconds / 1e6;
    }

    double cpuPercent() {
        return 100 * cpuSeconds / seconds;
    }

    /** A total (kilobytes of memory, say) shared out over the streams. */
    double perStream(long total) {
        return total / (double) streams;
    }
}
