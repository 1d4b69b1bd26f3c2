package dev.inlet.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the node records.
 *
 * @param directory                  where recordings are written, a directory per stream
 * @param recordByDefault            record streams whose administrators never set a policy
 * @param fragmentMs                 the longest fragment (also ended at every key frame): what a crash may lose
 * @param maxQueuedBytesPerRecording bytes waiting for the disk per recording before the recording fails as too slow
 * @param maxQueuedBytesTotal        the same for all recordings of the node together
 * @param defaultRetention           for streams without their own
 * @param retentionPeriod            how often retention runs
 * @param nodeId                     this node's id, kept with each recording
 */
public record RecordingSettings(Path directory, boolean recordByDefault, long fragmentMs,
                                long maxQueuedBytesPerRecording, long maxQueuedBytesTotal, Retention defaultRetention,
                                Duration retentionPeriod, String nodeId) {

    public static final long DEFAULT_FRAGMENT_MS = 1_000;
    public static final long DEFAULT_QUEUE_PER_RECORDING = 32L << 20;
    public static final long DEFAULT_QUEUE_TOTAL = 256L << 20;
    public static final Duration DEFAULT_RETENTION_PERIOD = Duration.ofMinutes(1);

    public RecordingSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(defaultRetention, "defaultRetention");
        Objects.requireNonNull(nodeId, "nodeId");
        if (fragmentMs < 100 || fragmentMs > 10_000) {
            throw new IllegalArgumentException("inlet.recording.fragment-ms is " + fragmentMs + ", expected 100..10000");
        }
        if (maxQueuedBytesPerRecording < (1 << 20) || maxQueuedBytesTotal < maxQueuedBytesPerRecording) {
            throw new IllegalArgumentException("recording queues of " + maxQueuedBytesPerRecording + " bytes per recording and "
                    + maxQueuedBytesTotal + " in total: at least 1 MiB, and the total at least one recording's");
        }
        if (retentionPeriod.isNegative() || retentionPeriod.isZero()) {
            throw new IllegalArgumentException("retention period " + retentionPeriod);
        }
    }

    public static RecordingSettings defaults(Path directory, String nodeId) {
        return new RecordingSettings(directory, false, DEFAULT_FRAGMENT_MS, DEFAULT_QUEUE_PER_RECORDING,
                DEFAULT_QUEUE_TOTAL, Retention.FOREVER, DEFAULT_RETENTION_PERIOD, nodeId);
    }

    public RecordingSettings withRecordByDefault(boolean on) {
        return new RecordingSettings(directory, on, fragmentMs, maxQueuedBytesPerRecording, maxQueuedBytesTotal,
                defaultRetention, retentionPeriod, nodeId);
    }

    public RecordingSettings withDefaultRetention(Retention retention) {
        return new RecordingSettings(directory, recordByDefault, fragmentMs, maxQueuedBytesPerRecording,
                maxQueuedBytesTotal, retention, retentionPeriod, nodeId);
    }

    public RecordingSettings withQueues(long perRecording, long total) {
        return new RecordingSettings(directory, recordByDefault, fragmentMs, perRecording, total, defaultRetention,
                retentionPeriod, nodeId);
    }
}
