package dev.inlet.hls;

import dev.inlet.media.fmp4.Fragment;
import dev.inlet.media.fmp4.InitSegment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One media segment of the window: its parts so far, and whether it is complete. Guarded by its window's lock. */
final class HlsSegment {

    /** A part: its number in the stream and its fragment. */
    record Part(long number, Fragment fragment) {
    }

    final long msn;
    final InitSegment init;
    final boolean discontinuity;
    final long startMediaMs;
    private final WallClockAnchor anchor;
    final List<Part> parts = new ArrayList<>();
    double durationMs;
    long bytes;
    boolean complete;

    HlsSegment(long msn, InitSegment init, boolean discontinuity, WallClockAnchor anchor, long startMediaMs) {
        this.msn = msn;
        this.init = init;
        this.discontinuity = discontinuity;
        this.anchor = anchor;
        this.startMediaMs = startMediaMs;
    }

    /** EXT-X-PROGRAM-DATE-TIME: when its first sample was live. */
    Instant programDateTime() {
        return anchor.dateOf(startMediaMs);
    }

    void add(long number, Fragment fragment) {
        parts.add(new Part(number, fragment));
        durationMs += fragment.durationMs();
        bytes += fragment.bytes().length;
    }

    int lastPartIndex() {
        return parts.size() - 1;
    }

    HlsResource resource() {
        List<byte[]> chunks = new ArrayList<>(parts.size());
        for (Part part : parts) {
            chunks.add(part.fragment().bytes());
        }
        return new HlsResource(HlsResource.SEGMENT_TYPE, chunks);
    }
}
