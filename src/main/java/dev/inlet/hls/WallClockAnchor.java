package dev.inlet.hls;

import dev.inlet.media.fmp4.Fragment;

import java.time.Instant;

/**
 * Ties one run of media time (from an init segment on) to the wall clock, for EXT-X-PROGRAM-DATE-TIME: the instant at
 * which a media time was live at the publisher's side of Inlet. A fragment arrives when its last sample has, so it
 * says "media up to my end was live by now"; the earliest such instant is the best estimate. That matters at the
 * start: a muxer that begins from the stream's cached GOP receives up to a GOP of older media at once, which alone
 * would date the whole first segment too late by up to a GOP and make players' latency look smaller than it is. The
 * first live fragment after the burst corrects it. The estimate is refined only while the run's first segment is
 * open, so dates a player has already used do not keep moving (a publisher sending faster than real time would
 * otherwise pull them back without end). Guarded by its window's lock.
 */
final class WallClockAnchor {

    private final long mediaMs;
    private Instant wall;
    private boolean settled;

    WallClockAnchor(Instant arrival, Fragment first) {
        this.mediaMs = first.startMs();
        this.wall = liveAt(arrival, first);
    }

    /** A later fragment of the same run arrived; before {@link #settle} an earlier estimate replaces the current one. */
    void observe(Instant arrival, Fragment fragment) {
        if (settled) {
            return;
        }
        Instant candidate = liveAt(arrival, fragment);
        if (candidate.isBefore(wall)) {
            wall = candidate;
        }
    }

    /** The run's first segment is complete: its date, and every later one, stays as it is now. */
    void settle() {
        settled = true;
    }

    /** The wall-clock instant of a media time of this run. */
    Instant dateOf(long atMediaMs) {
        return wall.plusMillis(atMediaMs - mediaMs);
    }

    /** When this run's media time {@link #mediaMs} was live, if the fragment's end was live at its arrival. */
    private Instant liveAt(Instant arrival, Fragment fragment) {
        double sinceAnchorMs = fragment.startMs() - mediaMs + fragment.durationMs();
        return arrival.minusNanos(Math.round(sinceAnchorMs * 1e6));
    }
}
