package dev.inlet.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the FLV audio/video message bodies of one publish into {@link AVPacket}s; keeps the sequence headers it
 * has seen. One per publish session; not thread-safe (a session delivers its messages in order on one thread).
 *
 * <p>Methods return {@code null} when a message yields no packet: sequence headers (state updated), end-of-sequence
 * and command tags, codecs this package does not decode yet (including every Enhanced RTMP tag), and frames that
 * arrive before their codec's sequence header (without it an AVC frame cannot even be split into NAL units).
 * Malformed bodies throw {@link MediaFormatException}.
 */
public final class FlvToAvPacket {

    private AvcDecoderConfiguration avcConfig;
    private AudioSpecificConfig aacConfig;
    private byte[] aacConfigRecord;
    private boolean videoConfigChanged;
    private boolean audioConfigChanged;

    public FlvToAvPacket() {
    }

    /** The body of a video message (type 9) at {@code timestampMs} (its decoding time). */
    public AVPacket video(byte[] body, long timestampMs) {
        FlvVideoTag tag = FlvVideoTag.parse(body);
        if (!tag.isAvc() || tag.isCommandFrame()) {
            return null;
        }
        return switch (tag.avcPacketType()) {
            case FlvVideoTag.AVC_SEQUENCE_HEADER -> {
                acceptAvcConfig(AvcDecoderConfiguration.parse(Arrays.copyOfRange(body, tag.payloadOffset(), body.length)));
                yield null;
            }
            case FlvVideoTag.AVC_NALU -> avcFrame(tag, body, timestampMs);
            default -> null;
        };
    }

    /** The body of an audio message (type 8) at {@code timestampMs}. */
    public AVPacket audio(byte[] body, long timestampMs) {
        FlvAudioTag tag = FlvAudioTag.parse(body);
        byte[] payload = Arrays.copyOfRange(body, tag.payloadOffset(), body.length);
        if (tag.isMp3()) {
            return payload.length == 0 ? null : new AVPacket(FrameKind.MP3, payload, timestampMs, timestampMs, true, false);
        }
        if (!tag.isAac()) {
            return null;
        }
        if (tag.isSequenceHeader()) {
            acceptAacConfig(payload);
            return null;
        }
        if (tag.aacPacketType() != FlvAudioTag.AAC_RAW || aacConfig == null || payload.length == 0) {
            return null;
        }
        boolean discontinuity = audioConfigChanged;
        audioConfigChanged = false;
        return new AVPacket(FrameKind.AAC, payload, timestampMs, timestampMs, true, discontinuity);
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

    private AVPacket avcFrame(FlvVideoTag tag, byte[] body, long dts) {
        if (avcConfig == null) {
            return null;
        }
        List<byte[]> nals = AnnexB.fromAvcc(body, tag.payloadOffset(), avcConfig.nalLengthSize());
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
        return new AVPacket(FrameKind.H264, AnnexB.toAnnexB(nals), dts + tag.compositionTime(), dts, keyframe, discontinuity);
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
