package dev.inlet.media.fmp4;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the samples of one fragment and writes it (ISO/IEC 14496-12 section 8.8): {@code moof} with {@code mfhd}
 * and, per track that has samples (video first), a {@code traf} of {@code tfhd} (default-base-is-moof, so offsets are
 * from the moof's first byte), {@code tfdt} (version 1, 64-bit baseMediaDecodeTime) and {@code trun} (data offset,
 * then per sample duration, size, flags and, for video, a signed composition time offset in version 1); then one
 * {@code mdat} with the video samples followed by the audio samples.
 *
 * <p>Bounded: at most {@code maxSamples} samples and {@code maxBytes} bytes of sample data. {@link #fits} tells before
 * an {@link #add} whether a sample still fits, so the caller can close the fragment first; an add that does not fit is
 * refused with an {@link IllegalStateException}.
 */
final class FragmentBuilder {

    static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
    static final int TRUN_DATA_OFFSET = 0x000001;
    static final int TRUN_SAMPLE_DURATION = 0x000100;
    static final int TRUN_SAMPLE_SIZE = 0x000200;
    static final int TRUN_SAMPLE_FLAGS = 0x000400;
    static final int TRUN_COMPOSITION_OFFSETS = 0x000800;
    /** sample_depends_on 2: depends on no other sample. */
    static final int SYNC_SAMPLE_FLAGS = 0x0200_0000;
    /** sample_depends_on 1 and sample_is_non_sync_sample. */
    static final int NON_SYNC_SAMPLE_FLAGS = 0x0101_0000;
    private static final int MOOF_HEADER_ESTIMATE = 256;

    private final int maxSamples;
    private final long maxBytes;
    private final List<Sample> video = new ArrayList<>();
    private final List<Sample> audio = new ArrayList<>();
    private long dataBytes;

    FragmentBuilder(int maxSamples, long maxBytes) {
        if (maxSamples < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("fragment limits must be positive: " + maxSamples + " samples, " + maxBytes + " bytes");
        }
        this.maxSamples = maxSamples;
        this.maxBytes = maxBytes;
    }

    /** True if one more sample of {@code size} bytes stays within the limits. */
    boolean fits(int size) {
        return video.size() + audio.size() < maxSamples && dataBytes + size <= maxBytes;
    }

    void add(boolean videoTrack, Sample sample) {
        if (!fits(sample.data().length)) {
            throw new IllegalStateException("a sample of " + sample.data().length + " bytes does not fit the fragment ("
                    + (video.size() + audio.size()) + " of " + maxSamples + " samples, " + dataBytes + " of "
                    + maxBytes + " bytes)");
        }
        (videoTrack ? video : audio).add(sample);
        dataBytes += sample.data().length;
    }

    boolean isEmpty() {
        return video.isEmpty() && audio.isEmpty();
    }

    boolean hasAudio() {
        return !audio.isEmpty();
    }

    boolean hasVideo() {
        return !video.isEmpty();
    }

    /** Decode time of the first video sample, in ticks; only when {@link #hasVideo()}. */
    long firstVideoDecodeTime() {
        return video.get(0).decodeTime();
    }

    /** Decode time of the first audio sample, in ticks, or -1 without audio samples. */
    long firstAudioDecodeTime() {
        return audio.isEmpty() ? -1 : audio.get(0).decodeTime();
    }

    /** Writes the fragment and empties the builder. */
    Fragment build(long sequenceNumber, InitSegment init) {
        if (isEmpty()) {
            throw new IllegalStateException("no samples in the fragment");
        }
        BoxWriter out = new BoxWriter((int) Math.min(Integer.MAX_VALUE - 8L, dataBytes + MOOF_HEADER_ESTIMATE
                + 16L * (video.size() + audio.size())));
        int moofStart = out.position();
        out.begin("moof");
        out.beginFull("mfhd", 0, 0).u32(sequenceNumber).end();
        int videoOffsetField = video.isEmpty() ? -1 : writeTrackFragment(out, InitSegment.VIDEO_TRACK_ID, video, true);
        int audioOffsetField = audio.isEmpty() ? -1 : writeTrackFragment(out, InitSegment.AUDIO_TRACK_ID, audio, false);
        out.end();
        int mdatHeader = 8;
        long videoBytes = 0;
        for (Sample sample : video) {
            videoBytes += sample.data().length;
        }
        long moofSize = out.position() - moofStart;
        if (videoOffsetField >= 0) {
            out.patchU32(videoOffsetField, moofSize + mdatHeader);
        }
        if (audioOffsetField >= 0) {
            out.patchU32(audioOffsetField, moofSize + mdatHeader + videoBytes);
        }
        out.begin("mdat");
        for (Sample sample : video) {
            out.bytes(sample.data());
        }
        for (Sample sample : audio) {
            out.bytes(sample.data());
        }
        out.end();

        boolean hasVideo = !video.isEmpty();
        List<Sample> leading = hasVideo ? video : audio;
        int timescale = hasVideo ? TrackFormat.VIDEO_TIMESCALE : init.audio().timescale();
        long ticks = 0;
        for (Sample sample : leading) {
            ticks += sample.duration();
        }
        Fragment fragment = new Fragment(sequenceNumber, init, out.toByteArray(),
                leading.get(0).decodeTime() * 1000 / timescale, ticks * 1000.0 / timescale,
                !hasVideo || video.get(0).sync(), video.size(), audio.size());
        video.clear();
        audio.clear();
        dataBytes = 0;
        return fragment;
    }

    /** Writes a traf; returns where its trun's data_offset is, to be filled in once the moof's size is known. */
    private static int writeTrackFragment(BoxWriter out, int trackId, List<Sample> samples, boolean video) {
        out.begin("traf");
        out.beginFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF).u32(trackId).end();
        out.beginFull("tfdt", 1, 0).u64(samples.get(0).decodeTime()).end();
        int flags = TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS
                | (video ? TRUN_COMPOSITION_OFFSETS : 0);
        out.beginFull("trun", video ? 1 : 0, flags).u32(samples.size());
        int offsetField = out.position();
        out.u32(0);
        for (Sample sample : samples) {
            out.u32(sample.duration()).u32(sample.data().length);
            out.u32(sample.sync() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
            if (video) {
                out.u32(sample.compositionOffset());
            }
        }
        out.end();
        out.end();
        return offsetField;
    }
}
