package dev.inlet.media.fmp4;

import java.util.Objects;

/**
 * One CMAF fragment (a {@code moof} and its {@code mdat}): an LL-HLS partial segment, and the run of them from one
 * {@linkplain #independent() independent} fragment to the next is a segment.
 *
 * @param sequenceNumber  the mfhd sequence_number: 1 for the stream's first fragment, then rising by one
 * @param init            the init segment the fragment is decoded with (EXT-X-MAP)
 * @param bytes           moof and mdat; shared, never modify it
 * @param startMs         decode time of its first sample (of the video track when there is one), in milliseconds
 * @param durationMs      the sum of that track's sample durations, in milliseconds (fractional for audio)
 * @param independent     it starts with a video key frame (always true without video): EXT-X-PART INDEPENDENT=YES
 * @param videoSamples    samples in the video track run
 * @param audioSamples    samples in the audio track run
 */
public record Fragment(long sequenceNumber, InitSegment init, byte[] bytes, long startMs, double durationMs,
                       boolean independent, int videoSamples, int audioSamples) {

    public Fragment {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public String toString() {
        return "Fragment[#" + sequenceNumber + ", init " + init.version() + ", " + bytes.length + " bytes, start "
                + startMs + " ms, " + durationMs + " ms, " + videoSamples + " video + " + audioSamples + " audio"
                + (independent ? ", independent" : "") + "]";
    }
}
