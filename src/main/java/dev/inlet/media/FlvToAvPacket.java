package dev.inlet.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the FLV audio/video message bodies of one publish into {@link AVPacket}s; keeps the sequence headers it
 * has seen. One per publish session; not thread-safe (a session delivers its messages in order on one thread).
 *
 * <p>Legacy and Enhanced RTMP tags are read (H.264, H.265, AV1, VP9, AAC, Opus, MP3; of a multitrack message, the
 * default track 0). Methods return {@code null} when a message yields no packet: sequence headers (state updated),
 * end-of-sequence, metadata and command tags, codecs this package cannot identify, and frames that arrive before their
 * codec's sequence header (without it an AVC or HEVC frame cannot even be split into NAL units). The ModEx
 * nanosecond offset is below the packets' millisecond resolution and is dropped.
 * Malformed bodies throw {@link MediaFormatException}.
 */
public final class FlvToAvPacket {

    private static final int HEVC_BLA_W_LP = 16;
    private static final int HEVC_IRAP_MAX = 23;
    private static final int HEVC_ACCESS_UNIT_DELIMITER = 35;

    private AvcDecoderConfiguration avcConfig;
    private HevcDecoderConfiguration hevcConfig;
    private Av1CodecConfiguration av1Config;
    private Vp9CodecConfiguration vp9Config;
    private OpusHead opusHead;
    private AudioSpecificConfig aacConfig;
    private byte[] aacConfigRecord;
    private boolean videoConfigChanged;
    private boolean audioConfigChanged;

    public FlvToAvPacket() {
    }

    /** The body of a video message (type 9) at {@code timestampMs} (its decoding time); multitrack: track 0 only. */
    public AVPacket video(byte[] body, long timestampMs) {
        return video(FlvVideoTag.parse(body), timestampMs);
    }

    /** A video tag read where it entered, at {@code timestampMs} (its decoding time); multitrack: track 0 only. */
    public AVPacket video(FlvVideoTag tag, long timestampMs) {
        if (tag.isCommandFrame()) {
            return null;
        }
        TagTrack track = tag.track(0).orElse(null);
        if (track == null) {
            return null;
        }
        FrameKind kind = tag.frameKind(track).orElse(null);
        if (kind == null) {
            return null; // a codec this package cannot identify: forwarded by the hub, never misread
        }
        byte[] body = tag.body();
        if (tag.isSequenceHeader()) {
            if (track.length() > 0) {
                acceptVideoConfig(kind, track.data(body));
            }
            return null;
        }
        if (!tag.isCodedFrame() || track.length() == 0) {
            return null;
        }
        return switch (kind) {
            case H264 -> avcFrame(tag, track, body, timestampMs);
            case H265 -> hevcFrame(tag, track, body, timestampMs);
            case AV1 -> av1Frame(tag, track, body, timestampMs);
            case VP9 -> vp9Config == null ? null : packet(FrameKind.VP9, track.data(body), timestampMs, 0, tag.isKeyframe(), true);
            default -> null;
        };
    }

    /** The body of an audio message (type 8) at {@code timestampMs}; multitrack: track 0 only. */
    public AVPacket audio(byte[] body, long timestampMs) {
        return audio(FlvAudioTag.parse(body), timestampMs);
    }

    /** An audio tag read where it entered, at {@code timestampMs}; multitrack: track 0 only. */
    public AVPacket audio(FlvAudioTag tag, long timestampMs) {
        TagTrack track = tag.track(0).orElse(null);
        if (track == null) {
            return null;
        }
        FrameKind kind = tag.frameKind(track).orElse(null);
        if (kind == null) {
            return null;
        }
        byte[] payload = track.data(tag.body());
        if (tag.isSequenceHeader() && kind != FrameKind.MP3) {
            if (kind == FrameKind.AAC) {
                acceptAacConfig(payload);
            } else if (kind == FrameKind.OPUS) {
                opusHead = OpusHead.parse(payload);
            }
            return null;
        }
        if (!tag.isCodedFrame() || payload.length == 0) {
            return null;
        }
        return switch (kind) {
            case MP3 -> new AVPacket(FrameKind.MP3, payload, timestampMs, timestampMs, true, false);
            case OPUS -> opusHead == null ? null : new AVPacket(FrameKind.OPUS, payload, timestampMs, timestampMs, true, false);
            case AAC -> {
                if (aacConfig == null) {
                    yield null;
                }
                boolean discontinuity = audioConfigChanged;
                audioConfigChanged = false;
                yield new AVPacket(FrameKind.AAC, payload, timestampMs, timestampMs, true, discontinuity);
            }
            default -> null;
        };
    }

    /** The body of an AMF0 data message (type 18), passed through as a {@code DATA} packet. */
    public AVPacket data(byte[] body, long timestampMs) {
        return new AVPacket(FrameKind.DATA, body.clone(), timestampMs, timestampMs, true, false);
    }

    /** The last AVC sequence header seen, or null. */
    public AvcDecoderConfiguration avcConfig() {
        return avcConfig;
    }

    /** The last AAC sequence header seen, or null. */
    public AudioSpecificConfig aacConfig() {
        return aacConfig;
    }

    /** The bytes of the last AAC sequence header as received (may hold extensions {@link #aacConfig()} drops), or null. */
    public byte[] aacConfigRecord() {
        return aacConfigRecord == null ? null : aacConfigRecord.clone();
    }

    /** The last HEVC configuration seen, or null. */
    public HevcDecoderConfiguration hevcConfig() {
        return hevcConfig;
    }

    /** The last AV1 configuration seen, or null. */
    public Av1CodecConfiguration av1Config() {
        return av1Config;
    }

    /** The last VP9 configuration seen, or null. */
    public Vp9CodecConfiguration vp9Config() {
        return vp9Config;
    }

    /** The last Opus identification header seen, or null. */
    public OpusHead opusHead() {
        return opusHead;
    }

    private void acceptVideoConfig(FrameKind kind, byte[] record) {
        switch (kind) {
            case H264 -> acceptAvcConfig(AvcDecoderConfiguration.parse(record));
            case H265 -> {
                HevcDecoderConfiguration config = HevcDecoderConfiguration.parse(record);
                videoConfigChanged |= hevcConfig != null && !hevcConfig.equals(config);
                hevcConfig = config;
            }
            case AV1 -> {
                Av1CodecConfiguration config = Av1CodecConfiguration.parse(record);
                videoConfigChanged |= av1Config != null && !av1Config.equals(config);
                av1Config = config;
            }
            case VP9 -> {
                Vp9CodecConfiguration config = Vp9CodecConfiguration.parse(record);
                videoConfigChanged |= vp9Config != null && !vp9Config.equals(config);
                vp9Config = config;
            }
            default -> { }
        }
    }

    private AVPacket packet(FrameKind kind, byte[] data, long dts, int compositionTime, boolean keyframe, boolean video) {
        boolean discontinuity = videoConfigChanged;
        videoConfigChanged = false;
        return new AVPacket(kind, data, dts + compositionTime, dts, keyframe, discontinuity);
    }

    private AVPacket hevcFrame(FlvVideoTag tag, TagTrack track, byte[] body, long dts) {
        if (hevcConfig == null) {
            return null;
        }
        List<byte[]> nals = AnnexB.fromAvcc(track.data(body), 0, hevcConfig.nalLengthSize());
        if (nals.isEmpty()) {
            return null;
        }
        boolean irap = false;
        boolean hasParameterSets = false;
        for (byte[] nal : nals) {
            int type = (nal[0] >> 1) & 0x3F;
            irap |= type >= HEVC_BLA_W_LP && type <= HEVC_IRAP_MAX;
            hasParameterSets |= type == HevcDecoderConfiguration.NAL_SPS;
        }
        boolean keyframe = tag.isKeyframe() || irap;
        if (keyframe && !hasParameterSets) {
            int insertAt = ((nals.get(0)[0] >> 1) & 0x3F) == HEVC_ACCESS_UNIT_DELIMITER ? 1 : 0;
            List<byte[]> withSets = new ArrayList<>(nals.subList(0, insertAt));
            withSets.addAll(hevcConfig.parameterSets());
            withSets.addAll(nals.subList(insertAt, nals.size()));
            nals = withSets;
        }
        return packet(FrameKind.H265, AnnexB.toAnnexB(nals), dts, track.compositionTime(), keyframe, true);
    }

    private AVPacket av1Frame(FlvVideoTag tag, TagTrack track, byte[] body, long dts) {
        if (av1Config == null) {
            return null;
        }
        byte[] obus = track.data(body);
        if (tag.isKeyframe() && av1Config.configObus().length > 0 && !Av1Obus.containsSequenceHeader(obus)) {
            byte[] sequenceHeader = Av1Obus.find(av1Config.configObus(), Av1Obus.SEQUENCE_HEADER).orElse(new byte[0]);
            List<Av1Obus.Obu> split = Av1Obus.split(obus);
            // The sequence header goes after a leading temporal delimiter (AV1 section 7.5).
            int at = !split.isEmpty() && split.get(0).type() == Av1Obus.TEMPORAL_DELIMITER ? split.get(0).length() : 0;
            byte[] joined = new byte[obus.length + sequenceHeader.length];
            System.arraycopy(obus, 0, joined, 0, at);
            System.arraycopy(sequenceHeader, 0, joined, at, sequenceHeader.length);
            System.arraycopy(obus, at, joined, at + sequenceHeader.length, obus.length - at);
            obus = joined;
        }
        return packet(FrameKind.AV1, obus, dts, 0, tag.isKeyframe(), true);
    }

    private void acceptAvcConfig(AvcDecoderConfiguration config) {
        if (avcConfig != null && !avcConfig.equals(config)) {
            videoConfigChanged = true;
        }
        avcConfig = config;
    }

    private void acceptAacConfig(byte[] record) {
        AudioSpecificConfig config = AudioSpecificConfig.parse(record);
        if (aacConfigRecord != null && !Arrays.equals(aacConfigRecord, record)) {
            audioConfigChanged = true;
        }
        aacConfig = config;
        aacConfigRecord = record;
    }

    private AVPacket avcFrame(FlvVideoTag tag, TagTrack track, byte[] body, long dts) {
        if (avcConfig == null) {
            return null;
        }
        List<byte[]> nals = AnnexB.fromAvcc(track.data(body), 0, avcConfig.nalLengthSize());
        if (nals.isEmpty()) {
            return null;
        }
        boolean hasIdr = false;
        boolean hasSps = false;
        boolean hasPps = false;
        for (byte[] nal : nals) {
            switch (AvcNalUnit.type(nal)) {
                case AvcNalUnit.IDR_SLICE -> hasIdr = true;
                case AvcNalUnit.SPS -> hasSps = true;
                case AvcNalUnit.PPS -> hasPps = true;
                default -> { }
            }
        }
        boolean keyframe = tag.isKeyframe() || hasIdr;
        if (keyframe && !(hasSps && hasPps)) {
            nals = withParameterSets(nals, hasSps ? List.of() : avcConfig.sps(), hasPps ? List.of() : avcConfig.pps());
        }
        boolean discontinuity = videoConfigChanged;
        videoConfigChanged = false;
        return new AVPacket(FrameKind.H264, AnnexB.toAnnexB(nals), dts + track.compositionTime(), dts, keyframe, discontinuity);
    }

    /** Inserts parameter sets at the front of the access unit, after an access unit delimiter (H.264 7.4.1.2.3). */
    private static List<byte[]> withParameterSets(List<byte[]> nals, List<byte[]> sps, List<byte[]> pps) {
        List<byte[]> result = new ArrayList<>(nals.size() + sps.size() + pps.size());
        int insertAt = AvcNalUnit.type(nals.get(0)) == AvcNalUnit.ACCESS_UNIT_DELIMITER ? 1 : 0;
        result.addAll(nals.subList(0, insertAt));
        result.addAll(sps);
        result.addAll(pps);
        result.addAll(nals.subList(insertAt, nals.size()));
        return result;
    }
}
