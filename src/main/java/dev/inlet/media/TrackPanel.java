package dev.inlet.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The live description of one stream's tracks, fed with the FLV tags the publisher sends as they were read once where
 * they entered (legacy, Enhanced RTMP and multitrack), and read by anyone at any time ({@link #snapshot()}). Codec
 * details come from the sequence headers (and, for VP9, from key frames); frame rate is measured from the frame timestamps when the configuration does not
 * signal it; bitrate is counted over a sliding window of wall-clock time, so it decays to 0 when input stops.
 * Malformed bodies are ignored here: the panel describes, it never rejects. Thread-safe.
 */
public final class TrackPanel {

    public static final long DEFAULT_WINDOW_NANOS = 5_000_000_000L;
    private static final int MAX_FRAME_TIMES = 64;
    private static final int MAX_TRACKS = 32;
    /** Slices of the bitrate window: the window moves in steps of a twentieth of it. */
    private static final int SLICES = 20;

    private final LongSupplier clock;
    private final long windowNanos;
    /** At most {@link #MAX_TRACKS}, usually two: a scan is cheaper than hashing a boxed key for every message. */
    private final List<TrackState> tracks = new ArrayList<>(2);

    public TrackPanel() {
        this(System::nanoTime, DEFAULT_WINDOW_NANOS);
    }

    /** With a clock in nanoseconds and a bitrate window, for tests. */
    public TrackPanel(LongSupplier clock, long windowNanos) {
        this.clock = clock;
        this.windowNanos = windowNanos;
    }

    /** A video tag, read where it entered, at {@code dtsMs} on the stream's timeline. */
    public synchronized void onVideo(FlvVideoTag tag, long dtsMs) {
        if (tag.isCommandFrame()) {
            return;
        }
        for (TagTrack track : tag.tracks()) {
            TrackState state = state(TrackInfo.Type.VIDEO, track.trackId());
            if (state == null) {
                continue;
            }
            state.count(track.length(), clock.getAsLong(), windowNanos);
            nameCodec(state, tag.isExHeader(), track.fourCc(), tag.codecId(), TrackPanel::legacyVideoName);
            try {
                describeVideo(tag, track, state, dtsMs);
            } catch (MediaFormatException unreadable) {
                // The codec is known; its details are not readable from this message.
            }
        }
    }

    /** An audio tag, read where it entered. */
    public synchronized void onAudio(FlvAudioTag tag, long dtsMs) {
        for (TagTrack track : tag.tracks()) {
            TrackState state = state(TrackInfo.Type.AUDIO, track.trackId());
            if (state == null) {
                continue;
            }
            state.count(track.length(), clock.getAsLong(), windowNanos);
            nameCodec(state, tag.isExHeader(), track.fourCc(), tag.soundFormat(), FlvAudioTag::formatName);
            try {
                describeAudio(tag, track, state);
            } catch (MediaFormatException unreadable) {
                // as for video
            }
        }
    }

    /** A message whose tag header could not be read: it still counts towards the default track's bitrate. */
    public synchronized void onUnreadable(TrackInfo.Type type, int bytes) {
        TrackState state = state(type, 0);
        if (state != null) {
            state.count(bytes, clock.getAsLong(), windowNanos);
        }
    }

    /** The tracks as of now, video first, then by track id. */
    public synchronized List<TrackInfo> snapshot() {
        long now = clock.getAsLong();
        List<TrackInfo> infos = new ArrayList<>(tracks.size());
        for (TrackState state : tracks) {
            infos.add(state.info(now, windowNanos));
        }
        infos.sort(Comparator.comparing(TrackInfo::type).thenComparingInt(TrackInfo::trackId));
        return List.copyOf(infos);
    }

    private TrackState state(TrackInfo.Type type, int trackId) {
        for (int i = 0; i < tracks.size(); i++) {
            TrackState state = tracks.get(i);
            if (state.trackId == trackId && state.type == type) {
                return state;
            }
        }
        if (tracks.size() >= MAX_TRACKS) {
            return null;
        }
        TrackState state = new TrackState(trackId, type);
        tracks.add(state);
        return state;
    }

    private static void describeVideo(FlvVideoTag tag, TagTrack track, TrackState state, long dtsMs) {
        byte[] body = tag.body();
        FrameKind kind = tag.frameKind(track).orElse(null);
        if (tag.isSequenceHeader() && kind != null && track.length() > 0) {
            byte[] config = track.data(body);
            switch (kind) {
                case H264 -> {
                    AvcDecoderConfiguration avcc = AvcDecoderConfiguration.parse(config);
                    state.nalLengthSize = avcc.nalLengthSize();
                    AvcSps sps = avcc.firstSps();
                    state.picture(sps.width(), sps.height(), sps.bitDepth(), sps.frameRate(), avcProfile(sps.profile()));
                }
                case H265 -> {
                    HevcDecoderConfiguration hvcc = HevcDecoderConfiguration.parse(config);
                    state.nalLengthSize = hvcc.nalLengthSize();
                    HevcSps sps = hvcc.firstSps();
                    double rate = sps.frameRate() > 0 ? sps.frameRate() : hvcc.avgFrameRate() / 256.0;
                    state.picture(sps.width(), sps.height(), sps.bitDepthLuma(), rate, hevcProfile(sps.profile()));
                }
                case AV1 -> {
                    Av1CodecConfiguration av1c = Av1CodecConfiguration.parse(config);
                    String profile = av1Profile(av1c.profile());
                    av1c.sequenceHeader().ifPresentOrElse(
                            header -> state.picture(header.width(), header.height(), av1c.bitDepth(), header.frameRate(), profile),
                            () -> state.picture(state.width, state.height, av1c.bitDepth(), 0, profile));
                }
                case VP9 -> {
                    Vp9CodecConfiguration vpcc = Vp9CodecConfiguration.parse(config);
                    state.picture(state.width, state.height, vpcc.bitDepth(), 0, "Profile " + vpcc.profile());
                }
                default -> { }
            }
            return;
        }
        if (!tag.isCodedFrame()) {
            return;
        }
        state.frameAt(dtsMs);
        if ((kind == FrameKind.H264 || kind == FrameKind.H265) && tag.isKeyframe() && state.nalLengthSize > 0) {
            inBandSps(kind, track, body, state); // a new SPS in band (no new sequence header) changes the size too
        } else if (kind == FrameKind.VP9 && tag.isKeyframe() && track.length() > 0) {
            Vp9FrameHeader.parse(track.data(body)).filter(Vp9FrameHeader::keyframe).ifPresent(header ->
                    state.picture(header.width(), header.height(), header.bitDepth(), state.signalledRate, state.profile));
        } else if (kind == FrameKind.AV1 && tag.isKeyframe() && track.length() > 0) {
            Av1Obus.find(track.data(body), Av1Obus.SEQUENCE_HEADER).map(Av1SequenceHeader::parseObu).ifPresent(header ->
                    state.picture(header.width(), header.height(), header.bitDepth(),
                            header.frameRate() > 0 ? header.frameRate() : state.signalledRate, state.profile));
        }
    }

    private static void inBandSps(FrameKind kind, TagTrack track, byte[] body, TrackState state) {
        for (byte[] nal : AnnexB.fromAvcc(track.data(body), 0, state.nalLengthSize)) {
            if (kind == FrameKind.H264 && AvcNalUnit.type(nal) == AvcNalUnit.SPS) {
                AvcSps sps = AvcSps.parse(nal);
                state.picture(sps.width(), sps.height(), sps.bitDepth(),
                        sps.frameRate() > 0 ? sps.frameRate() : state.signalledRate, avcProfile(sps.profile()));
                return;
            }
            if (kind == FrameKind.H265 && ((nal[0] >> 1) & 0x3F) == HevcDecoderConfiguration.NAL_SPS) {
                HevcSps sps = HevcSps.parse(nal);
                state.picture(sps.width(), sps.height(), sps.bitDepthLuma(),
                        sps.frameRate() > 0 ? sps.frameRate() : state.signalledRate, hevcProfile(sps.profile()));
                return;
            }
        }
    }

    private static void describeAudio(FlvAudioTag tag, TagTrack track, TrackState state) {
        byte[] body = tag.body();
        FrameKind kind = tag.frameKind(track).orElse(null);
        if (kind == FrameKind.AAC && tag.isSequenceHeader() && track.length() > 0) {
            AacConfigDetails details = AacConfigDetails.parse(track.data(body));
            state.sound(details.outputSampleRate(), details.channels(), details.profileName());
        } else if (kind == FrameKind.OPUS && tag.isSequenceHeader() && track.length() > 0) {
            OpusHead head = OpusHead.parse(track.data(body));
            state.sound(OpusHead.OUTPUT_SAMPLE_RATE, head.channels(), "");
        } else if (kind == FrameKind.MP3 && tag.isCodedFrame() && track.length() >= 4 && state.sampleRate == 0) {
            Mp3FrameHeader header = Mp3FrameHeader.parse(body, track.offset());
            state.sound(header.sampleRate(), header.channels(), "Layer " + header.layer());
        } else if (kind == null && !tag.isExHeader() && state.sampleRate == 0) {
            state.sound(tag.soundRateHz(), tag.isStereo() ? 2 : 1, "");
        }
    }

    /**
     * Names a track's codec once per codec, not for every frame: from the FourCC of an Enhanced RTMP tag, otherwise
     * from the legacy codec id (video codec id, audio sound format).
     */
    private static void nameCodec(TrackState state, boolean exHeader, int fourCc, int legacyId,
                                  IntFunction<String> legacyName) {
        long codecKey = exHeader ? 1L << 32 | (fourCc & 0xFFFF_FFFFL) : legacyId;
        if (codecKey != state.codecKey) {
            state.codecKey = codecKey;
            state.codec = exHeader ? FourCc.frameKind(fourCc).map(TrackPanel::name).orElse(FourCc.toString(fourCc))
                    : legacyName.apply(legacyId);
        }
    }

    private static String name(FrameKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String legacyVideoName(int codecId) {
        return switch (codecId) {
            case 2 -> "h263";
            case 3 -> "screen";
            case 4 -> "vp6";
            case 5 -> "vp6a";
            case 6 -> "screen2";
            case FlvVideoTag.CODEC_AVC -> "h264";
            default -> "unknown";
        };
    }

    private static String avcProfile(int profileIdc) {
        return switch (profileIdc) {
            case 66 -> "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> "High";
            case 110 -> "High 10";
            case 122 -> "High 4:2:2";
            case 244 -> "High 4:4:4";
            default -> "profile " + profileIdc;
        };
    }

    private static String hevcProfile(int profileIdc) {
        return switch (profileIdc) {
            case 1 -> "Main";
            case 2 -> "Main 10";
            case 3 -> "Main Still Picture";
            case 4 -> "Range Extensions";
            default -> "profile " + profileIdc;
        };
    }

    private static String av1Profile(int profile) {
        return switch (profile) {
            case 0 -> "Main";
            case 1 -> "High";
            case 2 -> "Professional";
            default -> "profile " + profile;
        };
    }

    /** What is known of one track. */
    private static final class TrackState {
        final int trackId;
        final TrackInfo.Type type;
        String codec = "unknown";
        String profile = "";
        int width;
        int height;
        int bitDepth;
        int nalLengthSize;
        double signalledRate;
        int sampleRate;
        int channels;
        /** What {@link #codec} was named from (FourCC or legacy codec id); -1 before the first message. */
        long codecKey = -1;
        /**
         * Bytes per slice of the bitrate window, a ring of {@link #SLICES}: fixed memory and no allocation per
         * message, however long nobody asks.
         */
        final long[] sliceBytes = new long[SLICES];
        long currentSlice = Long.MIN_VALUE;
        /** The last {@link #MAX_FRAME_TIMES} frame timestamps (ms), a ring. */
        final long[] frameTimes = new long[MAX_FRAME_TIMES];
        int frameCount;

        TrackState(int trackId, TrackInfo.Type type) {
            this.trackId = trackId;
            this.type = type;
        }

        void picture(int width, int height, int bitDepth, double frameRate, String profile) {
            this.width = width;
            this.height = height;
            this.bitDepth = bitDepth;
            this.signalledRate = frameRate;
            this.profile = profile;
        }

        void sound(int sampleRate, int channels, String profile) {
            this.sampleRate = sampleRate;
            this.channels = channels;
            this.profile = profile;
        }

        void count(int bytes, long now, long windowNanos) {
            long slice = advanceTo(now, windowNanos);
            sliceBytes[(int) Math.floorMod(slice, (long) SLICES)] += bytes;
        }

        /** Moves the ring to the slice of {@code now}, clearing the slices passed; returns that slice. */
        private long advanceTo(long now, long windowNanos) {
            long slice = Math.floorDiv(now, Math.max(1, windowNanos / SLICES));
            if (currentSlice == Long.MIN_VALUE) {
                currentSlice = slice;
            } else if (slice > currentSlice) {
                long passed = Math.min(slice - currentSlice, SLICES);
                for (long i = 1; i <= passed; i++) {
                    sliceBytes[(int) Math.floorMod(currentSlice + i, (long) SLICES)] = 0;
                }
                currentSlice = slice;
            }
            return currentSlice;
        }

        void frameAt(long dtsMs) {
            frameTimes[frameCount % MAX_FRAME_TIMES] = dtsMs;
            frameCount++;
        }

        TrackInfo info(long now, long windowNanos) {
            long windowBytes = 0;
            double coveredNanos = windowNanos;
            if (currentSlice != Long.MIN_VALUE) {
                long sliceNanos = Math.max(1, windowNanos / SLICES);
                advanceTo(now, windowNanos);
                for (long bytes : sliceBytes) {
                    windowBytes += bytes;
                }
                // The ring holds the slices before this one whole, and this one up to now.
                coveredNanos = (SLICES - 1) * (double) sliceNanos + Math.max(1, now - currentSlice * sliceNanos);
            }
            long kbps = Math.round(windowBytes * 8.0 / (coveredNanos / 1e9) / 1000.0);
            return new TrackInfo(trackId, type, codec, profile, width, height, frameRate(), bitDepth, sampleRate,
                    channels, kbps);
        }

        private double frameRate() {
            if (signalledRate > 0) {
                return Math.round(signalledRate * 1000) / 1000.0;
            }
            int held = Math.min(frameCount, MAX_FRAME_TIMES);
            if (held < 2) {
                return 0;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < held; i++) {
                min = Math.min(min, frameTimes[i]);
                max = Math.max(max, frameTimes[i]);
            }
            if (max <= min) {
                return 0;
            }
            return Math.round((held - 1) * 1000.0 / (max - min) * 100) / 100.0;
        }
    }
}
