package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/**
 * H.264 or H.265 in a TS: each PES carries one Annex-B access unit (as every encoder aligns them, and as the HLS and
 * SRT encoders Inlet takes do). The decoder configuration is built from the in-band parameter sets (SPS/PPS, plus
 * VPS for H.265) and reported again when they change; frames before the first configuration are dropped, since no
 * decoder could use them. A keyframe (IDR, or any IRAP picture for H.265) that lacks its parameter sets gets the
 * known ones inserted, as {@link AVPacket} requires.
 */
final class AnnexBVideoStream implements TsElementaryStream {

    private static final int HEVC_BLA_W_LP = 16;
    private static final int HEVC_IRAP_MAX = 23;
    private static final int HEVC_ACCESS_UNIT_DELIMITER = 35;

    private final boolean hevc;
    private List<byte[]> vps = List.of();
    private List<byte[]> sps = List.of();
    private List<byte[]> pps = List.of();
    private DecoderConfigurationRecord config;
    private boolean configChanged;

    AnnexBVideoStream(FrameKind kind) {
        if (kind != FrameKind.H264 && kind != FrameKind.H265) {
            throw new IllegalArgumentException("not an Annex-B video codec: " + kind);
        }
        this.hevc = kind == FrameKind.H265;
    }

    @Override
    public void accept(PesPacket pes, long pts90k, long dts90k, Output output) {
        byte[] payload = new byte[pes.payloadLength()];
        System.arraycopy(pes.data(), pes.payloadOffset(), payload, 0, payload.length);
        List<byte[]> nals = AnnexB.splitNalUnits(payload);
        List<byte[]> newVps = new ArrayList<>();
        List<byte[]> newSps = new ArrayList<>();
        List<byte[]> newPps = new ArrayList<>();
        boolean keyframe = false;
        boolean hasPicture = false;
        for (byte[] nal : nals) {
            int type = nalType(nal);
            switch (parameterSetKind(type)) {
                case 'V' -> newVps.add(nal);
                case 'S' -> newSps.add(nal);
                case 'P' -> newPps.add(nal);
                default -> {
                    hasPicture |= !isDelimiter(type);
                    keyframe |= isKeyframe(type);
                }
            }
        }
        updateConfiguration(newVps, newSps, newPps, output);
        if (!hasPicture) {
            return; // parameter sets alone
        }
        if (config == null || pts90k == PesPacket.NO_TIMESTAMP) {
            output.droppedFrame();
            return;
        }
        if (keyframe && newSps.isEmpty()) {
            nals = withParameterSets(nals);
        }
        long dts = dts90k == PesPacket.NO_TIMESTAMP ? pts90k : dts90k;
        boolean discontinuity = configChanged;
        configChanged = false;
        FrameKind kind = hevc ? FrameKind.H265 : FrameKind.H264;
        output.frame(new AVPacket(kind, AnnexB.toAnnexB(nals), TsTimestamps.toMillis(pts90k), TsTimestamps.toMillis(dts),
                keyframe, discontinuity));
    }

    private void updateConfiguration(List<byte[]> newVps, List<byte[]> newSps, List<byte[]> newPps, Output output) {
        if (newVps.isEmpty() && newSps.isEmpty() && newPps.isEmpty()) {
            return;
        }
        List<byte[]> nextVps = newVps.isEmpty() ? vps : List.copyOf(newVps);
        List<byte[]> nextSps = newSps.isEmpty() ? sps : List.copyOf(newSps);
        List<byte[]> nextPps = newPps.isEmpty() ? pps : List.copyOf(newPps);
        if (nextSps.isEmpty() || nextPps.isEmpty() || (hevc && nextVps.isEmpty())) {
            vps = nextVps;
            sps = nextSps;
            pps = nextPps;
            return;
        }
        DecoderConfigurationRecord next = hevc
                ? HevcDecoderConfiguration.fromParameterSets(nextVps, nextSps, nextPps)
                : AvcDecoderConfiguration.fromParameterSets(nextSps, nextPps);
        vps = nextVps;
        sps = nextSps;
        pps = nextPps;
        if (!next.equals(config)) {
            configChanged = config != null;
            config = next;
            output.configuration(hevc ? FrameKind.H265 : FrameKind.H264, next.toBytes());
        }
    }

    /** Parameter sets after a leading access unit delimiter (H.264 7.4.1.2.3, H.265 7.4.2.4.4). */
    private List<byte[]> withParameterSets(List<byte[]> nals) {
        int insertAt = !nals.isEmpty() && isDelimiter(nalType(nals.get(0))) ? 1 : 0;
        List<byte[]> result = new ArrayList<>(nals.subList(0, insertAt));
        if (hevc) {
            result.addAll(vps);
        }
        result.addAll(sps);
        result.addAll(pps);
        for (byte[] nal : nals.subList(insertAt, nals.size())) {
            if (parameterSetKind(nalType(nal)) == '-') {
                result.add(nal); // a PPS alone in the unit is replaced by the full set above
            }
        }
        return result;
    }

    private int nalType(byte[] nal) {
        if (hevc) {
            if (nal.length < 2) {
                throw new MediaFormatException("HEVC NAL unit of " + nal.length + " bytes is shorter than its header");
            }
            return (nal[0] >> 1) & 0x3F;
        }
        return AvcNalUnit.type(nal);
    }

    /** 'V', 'S', 'P' for VPS, SPS, PPS; '-' for everything else. */
    private char parameterSetKind(int type) {
        if (hevc) {
            return switch (type) {
                case HevcDecoderConfiguration.NAL_VPS -> 'V';
                case HevcDecoderConfiguration.NAL_SPS -> 'S';
                case HevcDecoderConfiguration.NAL_PPS -> 'P';
                default -> '-';
            };
        }
        return switch (type) {
            case AvcNalUnit.SPS -> 'S';
            case AvcNalUnit.PPS -> 'P';
            default -> '-';
        };
    }

    private boolean isDelimiter(int type) {
        return hevc ? type == HEVC_ACCESS_UNIT_DELIMITER : type == AvcNalUnit.ACCESS_UNIT_DELIMITER;
    }

    private boolean isKeyframe(int type) {
        return hevc ? type >= HEVC_BLA_W_LP && type <= HEVC_IRAP_MAX : type == AvcNalUnit.IDR_SLICE;
    }
}
