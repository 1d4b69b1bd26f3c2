package dev.inlet.media;

/**
 * Unwraps one program's 33-bit 90 kHz timestamps (PTS, DTS) into a 64-bit timeline that keeps rising across the
 * wrap at 2^33 ticks (26.5 hours). Each timestamp is read relative to the previous one as a signed 33-bit difference,
 * so B-frame reordering and audio/video interleaving (small steps back) keep their order, and a wrap is a small step
 * forward. Shared by all streams of a program, since they share its clock; not thread-safe.
 */
public final class TsTimestamps {

    public static final long WRAP = 1L << 33;
    private static final long MASK = WRAP - 1;
    private static final long TICKS_PER_MS = 90;

    private boolean started;
    private long last;

    /** The unwrapped position of a 33-bit timestamp, in 90 kHz ticks. */
    public long unwrap(long timestamp33) {
        long value = timestamp33 & MASK;
        if (!started) {
            started = true;
            last = value;
            return value;
        }
        long delta = ((value - last) & MASK) << (64 - 33) >> (64 - 33); // sign-extend the 33-bit difference
        last += delta;
        return last;
    }

    /** Milliseconds for 90 kHz ticks, rounded down (also below zero, so spacing stays even). */
    public static long toMillis(long ticks) {
        return Math.floorDiv(ticks, TICKS_PER_MS);
    }
}
