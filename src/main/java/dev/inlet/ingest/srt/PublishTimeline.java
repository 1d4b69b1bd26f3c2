package dev.inlet.ingest.srt;

import dev.inlet.media.Timeline;

/**
 * One SRT publish's timeline: MPEG-TS timestamps (milliseconds, unwrapped by the demuxer but starting wherever the
 * encoder's clock was, often hours in) moved so that the first frame is at 0, then through the same {@link Timeline}
 * an RTMP publish uses, so a clock jump re-anchors instead of reaching players. Not thread-safe.
 */
final class PublishTimeline {

    private final Timeline timeline = new Timeline();
    private boolean started;
    private long base;

    /** The decoding time on this publish's timeline of a frame with the demuxer's {@code dts}. */
    long map(long dts) {
        if (!started) {
            started = true;
            base = dts;
        }
        // A frame slightly before the first (audio muxed behind video) is a small step back, which Timeline keeps
        // as such and never takes below 0.
        return timeline.map(dts - base);
    }
}
