package dev.inlet.hls;

import java.time.Duration;
import java.util.Objects;

/**
 * How Inlet serves HLS.
 *
 * @param partMs            the LL-HLS part target ({@code inlet.hls.part-ms})
 * @param segmentMs         a segment is cut at the first key frame once it is this long ({@code inlet.hls.segment-ms})
 * @param segments          segments kept per stream ({@code inlet.hls.segments})
 * @param maxBytesPerStream the most media bytes one stream's window holds ({@code inlet.hls.max-bytes-per-stream})
 * @param maxWaiters        the most blocked requests held per stream
 * @param always            mux every live stream from its start, not only from its first request ({@code inlet.hls.always})
 * @param idleTimeout       a muxer without viewers or requests this long stops ({@code inlet.hls.idle-seconds})
 * @param viewerTimeout     a viewer that has not reloaded its playlist this long has left
 */
public record HlsSettings(long partMs, long segmentMs, int segments, long maxBytesPerStream, int maxWaiters,
                          boolean always, Duration idleTimeout, Duration viewerTimeout) {

    public static final HlsSettings DEFAULT = new HlsSettings(200, 2_000, 7, 64L << 20, 2_000, false,
            Duration.ofSeconds(30), Duration.ofSeconds(15));

    public HlsSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(viewerTimeout, "viewerTimeout");
        if (partMs < 50 || partMs > segmentMs) {
            throw new IllegalArgumentException("inlet.hls.part-ms " + partMs
                    + " must be at least 50 and at most inlet.hls.segment-ms " + segmentMs);
        }
        if (segments < 3) {
            throw new IllegalArgumentException("inlet.hls.segments " + segments + " < 3: the RFC wants three at least");
        }
        if (maxBytesPerStream < 1 << 20 || maxWaiters < 1) {
            throw new IllegalArgumentException("inlet.hls.max-bytes-per-stream " + maxBytesPerStream
                    + " must be at least 1 MiB, max waiters " + maxWaiters + " at least 1");
        }
        if (idleTimeout.isNegative() || viewerTimeout.isNegative() || viewerTimeout.isZero()) {
            throw new IllegalArgumentException("HLS time-outs must be positive");
        }
    }

    HlsWindow.Settings windowSettings() {
        return new HlsWindow.Settings(segments, segmentMs, partMs, maxBytesPerStream, maxWaiters);
    }
}
