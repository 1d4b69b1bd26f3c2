package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.Timeline;

import java.util.Objects;

/**
 * Multiplexes a stream's {@link AVPacket}s into fragmented MP4 for HLS (issue 14): {@link InitSegment}s and
 * {@link Fragment}s through a {@link Sink}. One video and one audio track, muxed into one init segment and one
 * fragment (a traf each), which hls.js, Safari and ffmpeg all play as one rendition; a caller that wants CMAF's one
 * track per stream uses a muxer per track and gives each only its own track.
 *
 * <p>Use: {@link #configure} each track with its decoder configuration (what a sequence header carries, as for
 * {@link dev.inlet.media.TsMuxer}), then {@link #write} per frame in decoding order, {@link #flush()} at the end.
 * Timestamps are the stream core's milliseconds; decode times must not go back (the {@link Timeline} sees to that).
 *
 * <p><b>Fragments.</b> The first fragment starts at the first video key frame (earlier frames, and audio before it,
 * cannot be decoded and are dropped and counted); a fragment ends before every video key frame, so a segment is a run
 * of fragments from one {@linkplain Fragment#independent() independent} fragment to the next, and before the frame
 * that would make it longer than {@link Settings#fragmentMs()} (an LL-HLS part) or its samples or bytes exceed their
 * limits. A video sample's duration is the distance to the next video frame's decode time, so the muxer keeps the
 * latest video frame back until the next one arrives and a fragment is handed on when the frame after it is written;
 * only {@link #flush()} has to guess, and gives the last frame the duration of the one before. Audio frames carry
 * their own duration (1024 samples for AAC, the TOC's for Opus); their decode times run on at that pace and follow
 * the packet timestamps again only when those drift away by more than one frame (a gap in the input).
 *
 * <p><b>Init segments.</b> An init segment is written when the first fragment that needs it is handed on, and just
 * before it, so it has every track configured by then (an SRT input often reports its audio a few frames after the
 * video). A new one (its {@linkplain InitSegment#version() version} one higher) follows when a video key frame carries
 * parameters its track's sample entry does not have (an in-band SPS or PPS, VPS, sequence header or VP9 frame size
 * that differs, or a new configuration from {@link #configure}), or when the audio configuration changes or a track
 * appears. A video change closes the fragment before the key frame; an audio change closes it only if it already holds
 * audio, since video samples decode the same under both. Parameter sets travel only in the sample entry
 * ({@code avc1}, {@code hvc1}).
 *
 * <p>Memory: one fragment, bounded by {@link Settings}, and one frame. Not thread-safe: one muxer per output, fed
 * from one thread.
 */
public final class Fmp4Muxer {

    /** Receives what the muxer writes, in order; the byte arrays are handed over and never modified afterwards. */
    public interface Sink {

        /** A new init segment; every fragment from now on until the next one is decoded with it. */
        void onInitSegment(InitSegment init);

        void onFragment(Fragment fragment);
    }

    /**
     * @param fragmentMs the longest a fragment should be (video: from its first to the next frame), 50..60,000 ms
     * @param maxSamples at most this many samples (both tracks) in a fragment
     * @param maxBytes   at most this much sample data in a fragment; a single larger frame is refused
     */
    public record Settings(long fragmentMs, int maxSamples, int maxBytes) {

        public static final Settings DEFAULT = new Settings(1_000, 2_000, 16 << 20);

        public Settings {
            if (fragmentMs < 50 || fragmentMs > 60_000) {
                throw new IllegalArgumentException("fragment duration " + fragmentMs + " ms, expected 50..60000");
            }
            if (maxSamples < 2 || maxBytes < 1024) {
                throw new IllegalArgumentException("fragment limits too small: " + maxSamples + " samples, " + maxBytes + " bytes");
            }
        }
    }

    /** What the muxer did, for logs and metrics. */
    public record Stats(long initSegments, long fragments, long droppedFrames) {
    }

    private static final long TICKS_PER_MS = TrackFormat.VIDEO_TIMESCALE / 1000;
    /** A video frame's duration before any is known: 1/30 s. */
    private static final long DEFAULT_VIDEO_DURATION = TrackFormat.VIDEO_TIMESCALE / 30;
    /** How much audio waits for an announced video track's configuration before the stream is taken as audio-only. */
    static final long ANNOUNCED_VIDEO_WAIT_MS = 2_000;

    private final Sink sink;
    private final Settings settings;
    private final FragmentBuilder fragment;

    /** What {@link #configure} said last, to tell a repeat from a change. */
    private TrackFormat configuredVideo;
    /** A configured video format waiting for its first key frame. */
    private TrackFormat nextVideo;
    private TrackFormat video;
    private TrackFormat audio;
    /** The first audio time while a video track is announced but not configured; -1 when there is no such wait. */
    private long announcedVideoSinceMs = -1;
    private boolean videoAnnounced;
    private InitSegment init;
    private int initVersion;
    private long sequenceNumber;
    private Sample pendingVideo;
    private long lastVideoDuration = DEFAULT_VIDEO_DURATION;
    private long nextAudioTime = -1;
    private long initSegments;
    private long fragments;
    private long droppedFrames;

    public Fmp4Muxer(Sink sink) {
        this(sink, Settings.DEFAULT);
    }

    public Fmp4Muxer(Sink sink, Settings settings) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fragment = new FragmentBuilder(settings.maxSamples(), settings.maxBytes());
    }

    /** True if this muxer can carry frames of {@code kind}. */
    public static boolean canCarry(FrameKind kind) {
        return TrackFormat.canCarry(kind);
    }

    /**
     * Sets (or replaces) the video or audio track from its decoder configuration: the avcC, hvcC or av1C record, the
     * vpcC body, the AudioSpecificConfig or the OpusHead. Repeating the current configuration changes nothing. A new
     * video configuration takes effect at the next key frame; a new audio one at once.
     *
     * @throws MediaFormatException if the codec cannot be carried or the configuration is malformed
     */
    public void configure(FrameKind kind, byte[] configuration) {
        TrackFormat format = TrackFormat.of(kind, configuration);
        if (format.isVideo()) {
            if (!format.equals(configuredVideo)) {
                configuredVideo = format;
                nextVideo = format;
            }
            return;
        }
        if (format.equals(audio)) {
            return;
        }
        if (fragment.hasAudio()) {
            emitFragment(); // its audio belongs to the old init segment; a kept-back video frame is valid in both
        }
        audio = format;
        init = null;
        nextAudioTime = -1;
    }

    /**
     * Says a video track is coming whose configuration is not known yet (ffmpeg 7.1 sends an empty AV1 SequenceStart
     * before the real one): audio waits for the first video key frame, as it does once video is configured, so the
     * stream does not start with an audio-only init segment and a discontinuity right after it. After
     * {@value #ANNOUNCED_VIDEO_WAIT_MS} ms of audio without video the stream is taken as audio-only.
     */
    public void announceVideo() {
        if (configuredVideo == null && video == null) {
            videoAnnounced = true;
        }
    }

    /**
     * Writes one frame (in decoding order) of a configured track. {@code DATA} packets are ignored.
     *
     * @throws MediaFormatException  if the codec cannot be carried, the frame does not fit its format, or a frame is
     *                               larger than {@link Settings#maxBytes()}
     * @throws IllegalStateException if the frame's track was not configured
     */
    public void write(AVPacket packet) {
        FrameKind kind = packet.kind();
        if (kind == FrameKind.DATA) {
            return;
        }
        if (!canCarry(kind)) {
            throw new MediaFormatException(kind + " cannot be carried in fragmented MP4 by this muxer");
        }
        if (packet.data().length == 0) {
            return;
        }
        if (kind.isVideo()) {
            writeVideo(packet);
        } else {
            writeAudio(packet);
        }
    }

    /**
     * Hands on everything written so far as a fragment (the end of the stream, or a part that must close now); the
     * kept-back video frame gets the duration of the frame before it.
     */
    public void flush() {
        if (pendingVideo != null) {
            addSample(true, pendingVideo.withDuration(lastVideoDuration));
            pendingVideo = null;
        }
        emitFragment();
    }

    /** The init segment of the last fragment handed on, or null before the first (or when the next needs a new one). */
    public InitSegment currentInit() {
        return init;
    }

    public Stats stats() {
        return new Stats(initSegments, fragments, droppedFrames);
    }

    private void writeVideo(AVPacket packet) {
        // A newly configured codec starts at its key frame; until then the current one's frames still arrive.
        TrackFormat configured = nextVideo != null && nextVideo.kind() == packet.kind() ? nextVideo
                : video != null && video.kind() == packet.kind() ? video : null;
        if (configured == null) {
            throw new IllegalStateException(packet.kind() + " frame before its track was configured");
        }
        long decodeTime = packet.dts() * TICKS_PER_MS;
        if (pendingVideo != null && decodeTime <= pendingVideo.decodeTime()) {
            // decode times always rise, by a tick at least: two frames in one millisecond (an input switch) would
            // otherwise make a zero-length sample that players read as a repeated timestamp; the presentation stays
            decodeTime = pendingVideo.decodeTime() + 1;
        }
        if (packet.keyframe()) {
            TrackFormat implied = configured.atKeyframe(packet);
            if (!implied.complete()) {
                droppedFrames++; // a VP9 key frame whose header gives no size cannot start the track
                return;
            }
            if (!implied.equals(video)) {
                completePendingVideo(decodeTime);
                emitFragment();
                video = implied;
                init = null;
            }
            if (configured == nextVideo) {
                nextVideo = null;
            }
        } else if (video == null) {
            droppedFrames++; // nothing to decode it from
            return;
        }
        completePendingVideo(decodeTime);
        if (fragment.hasVideo() && (packet.keyframe()
                || decodeTime - fragment.firstVideoDecodeTime() >= settings.fragmentMs() * TICKS_PER_MS)) {
            emitFragment();
        }
        long compositionOffset = packet.pts() * TICKS_PER_MS - decodeTime;
        if (compositionOffset != (int) compositionOffset) {
            throw new MediaFormatException("composition offset of " + packet.compositionTime() + " ms");
        }
        pendingVideo = new Sample(video.sampleData(packet), decodeTime, 0, (int) compositionOffset, packet.keyframe());
    }

    /** The kept-back video frame ends where the next one starts: it joins the fragment with that duration. */
    private void completePendingVideo(long nextDecodeTime) {
        if (pendingVideo == null) {
            return;
        }
        long duration = nextDecodeTime - pendingVideo.decodeTime();
        if (duration > 0) {
            lastVideoDuration = duration;
        }
        addSample(true, pendingVideo.withDuration(duration));
        pendingVideo = null;
    }

    private void writeAudio(AVPacket packet) {
        if (audio == null || audio.kind() != packet.kind()) {
            throw new IllegalStateException(packet.kind() + " frame before its track was configured");
        }
        if (configuredVideo != null && video == null || waitsForAnnouncedVideo(packet.dts())) {
            droppedFrames++; // the stream's first fragment starts at its first video key frame
            return;
        }
        long ticks = Math.multiplyExact(packet.dts(), (long) audio.timescale()) / 1000;
        long duration = audio.nominalDuration(packet);
        if (nextAudioTime < 0 || Math.abs(ticks - nextAudioTime) > duration) {
            nextAudioTime = ticks;
        }
        if (video == null && !fragment.isEmpty()
                && nextAudioTime - fragment.firstAudioDecodeTime() >= settings.fragmentMs() * audio.timescale() / 1000) {
            emitFragment();
        }
        addSample(false, new Sample(audio.sampleData(packet), nextAudioTime, duration, 0, true));
        nextAudioTime += duration;
    }

    private boolean waitsForAnnouncedVideo(long audioMs) {
        if (!videoAnnounced || configuredVideo != null) {
            return false;
        }
        if (announcedVideoSinceMs < 0) {
            announcedVideoSinceMs = audioMs;
        }
        if (audioMs - announcedVideoSinceMs < ANNOUNCED_VIDEO_WAIT_MS) {
            return true;
        }
        videoAnnounced = false;
        return false;
    }

    private void addSample(boolean videoTrack, Sample sample) {
        int size = sample.data().length;
        if (!fragment.fits(size)) {
            if (fragment.isEmpty()) {
                throw new MediaFormatException("a frame of " + size + " bytes is larger than a fragment may be ("
                        + settings.maxBytes() + " bytes)");
            }
            emitFragment();
        }
        fragment.add(videoTrack, sample);
    }

    private void emitFragment() {
        if (fragment.isEmpty()) {
            return;
        }
        if (init == null) {
            // written only now, so that a track configured while the first fragment filled is in it
            init = InitSegment.of(initVersion++, video, audio);
            initSegments++;
            sink.onInitSegment(init);
        }
        fragments++;
        sink.onFragment(fragment.build(++sequenceNumber, init));
    }
}
