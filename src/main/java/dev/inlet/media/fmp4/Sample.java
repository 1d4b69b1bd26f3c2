package dev.inlet.media.fmp4;

import java.util.Objects;

/**
 * One sample of a track run, in the track's timescale.
 *
 * @param data              the sample data (length-prefixed NAL units, OBUs, a VP9 frame, a raw audio frame)
 * @param decodeTime        decode time in timescale ticks
 * @param duration          ticks until the next sample's decode time
 * @param compositionOffset presentation minus decode time in ticks; negative values are legal (trun version 1)
 * @param sync              a decoder can start here (sample_depends_on 2, not a non-sync sample)
 */
record Sample(byte[] data, long decodeTime, long duration, int compositionOffset, boolean sync) {

    Sample {
        Objects.requireNonNull(data, "data");
        if (duration < 0 || duration > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sample duration " + duration + " ticks does not fit a trun entry");
        }
    }

    Sample withDuration(long ticks) {
        return new Sample(data, decodeTime, ticks, compositionOffset, sync);
    }
}
