package dev.inlet.media;

/**
 * Turns one stream's RTMP timestamps into one continuous 64-bit millisecond timeline. One per stream, shared by its
 * audio, video and data messages (and kept across encoder reconnects); not thread-safe.
 *
 * <ul>
 *   <li>Input is the 32-bit wire timestamp (extended timestamps already resolved by the chunk layer). Each one is read
 *       relative to the previous as a signed 32-bit difference, so the wrap after 2^32 ms (49.7 days) continues
 *       upwards instead of falling back to 0.</li>
 *   <li>Small steps backwards (B-frame encoders such as OBS NVENC sending non-monotonic DTS, audio and video
 *       interleaving) are passed through unchanged; they never end the publish. Output is never negative.</li>
 *   <li>A step larger than the jump threshold in either direction (an encoder that restarts its clock, a gap) re-anchors
 *       the timeline: the jumping message continues one step after the latest output, and later messages follow it.</li>
 *   <li>{@link #reconnect()} does the same for the first message of a new publish, so players that stayed connected
 *       see timestamps continue rather than restart at 0.</li>
 * </ul>
 */
public final class Timeline {

    public static final long DEFAULT_JUMP_THRESHOLD_MS = 2000;
    private static final long WIRE_MASK = 0xFFFF_FFFFL;

    private final long jumpThresholdMs;
    private boolean started;
    private boolean reanchorNext;
    private long lastWire;
    private long lastUnwrapped;
    private long offset;
    private long latestOutput;
    private long lastStep = 1;
    private long reanchors;

    public Timeline() {
        this(DEFAULT_JUMP_THRESHOLD_MS);
    }

    public Timeline(long jumpThresholdMs) {
        if (jumpThresholdMs <= 0) {
            throw new IllegalArgumentException("jump threshold must be positive: " + jumpThresholdMs);
        }
        this.jumpThresholdMs = jumpThresholdMs;
    }

    /** The position on the timeline of a message with this wire timestamp (taken as unsigned 32 bits). */
    public long map(long wireTimestamp) {
        long wire = wireTimestamp & WIRE_MASK;
        if (!started) {
            started = true;
            lastWire = wire;
            lastUnwrapped = wire;
            latestOutput = wire;
            return wire;
        }
        long unwrapped;
        if (reanchorNext) {
            reanchorNext = false;
            unwrapped = wire;
            anchorAt(unwrapped);
        } else {
            long delta = (int) (wire - lastWire); // signed 32-bit difference: the wrap is a small forward step
            unwrapped = lastUnwrapped + delta;
            if (Math.abs(delta) > jumpThresholdMs) {
                anchorAt(unwrapped);
            } else if (delta > 0) {
                lastStep = delta;
            }
        }
        lastWire = wire;
        lastUnwrapped = unwrapped;
        long output = Math.max(0, unwrapped + offset);
        latestOutput = Math.max(latestOutput, output);
        return output;
    }

    /** The next message comes from a new publish of the same stream: continue after the latest output. */
    public void reconnect() {
        if (started) {
            reanchorNext = true;
        }
    }

    /** How often the timeline was re-anchored by a jump or a reconnect. */
    public long reanchors() {
        return reanchors;
    }

    public long latestOutput() {
        return latestOutput;
    }

    public long jumpThresholdMs() {
        return jumpThresholdMs;
    }

    private void anchorAt(long unwrapped) {
        offset = latestOutput + lastStep - unwrapped;
        reanchors++;
    }
}
