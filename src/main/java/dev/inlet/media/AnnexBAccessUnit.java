package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares an H.264 or H.265 {@link AVPacket}'s access unit for a TS: Annex-B with 4-byte start codes (the form
 * {@link AVPacket} already has, from {@link FlvToAvPacket} and {@link TsDemuxer} alike), an access unit delimiter
 * first (H.222.0 asks for one in every H.264 and H.265 access unit it carries), and the configuration's parameter sets
 * after it on a keyframe that lacks them (VPS, SPS, PPS for H.265), so a reader can start at any keyframe. An access
 * unit that already follows these rules is passed on unchanged.
 */
final class AnnexBAccessUnit {

    private static final int HEVC_AUD = 35;
    // H.264 7.3.2.4: primary_pic_type 7 (any slice type), then the RBSP stop bit.
    private static final byte[] AVC_AUD = {0x09, (byte) 0xF0};
    // H.265 7.3.2.5: NAL header (type 35, layer 0, temporal id 1), pic_type 2 (I, P, B), then the stop bit.
    private static final byte[] HEVC_AUD_NAL = {(byte) (HEVC_AUD << 1), 0x01, 0x50};

    private final boolean hevc;
    private final List<byte[]> parameterSets;

    private AnnexBAccessUnit(boolean hevc, List<byte[]> parameterSets) {
        this.hevc = hevc;
        this.parameterSets = List.copyOf(parameterSets);
    }

    static AnnexBAccessUnit avc(AvcDecoderConfiguration config) {
        List<byte[]> sets = new ArrayList<>(config.sps());
        sets.addAll(config.pps());
        return new AnnexBAccessUnit(false, sets);
    }

    static AnnexBAccessUnit hevc(HevcDecoderConfiguration config) {
        return new AnnexBAccessUnit(true, config.parameterSets());
    }

    /** The access unit as the TS carries it; throws {@link MediaFormatException} if it is not Annex-B. */
    byte[] prepare(AVPacket packet) {
        List<byte[]> nals = AnnexB.splitNalUnits(packet.data());
        if (nals.isEmpty()) {
            throw new MediaFormatException("empty " + packet.kind() + " access unit");
        }
        boolean startsWithDelimiter = isDelimiter(nals.get(0));
        boolean needsParameterSets = packet.keyframe() && !hasSequenceParameterSet(nals);
        if (startsWithDelimiter && !needsParameterSets) {
            return packet.data();
        }
        List<byte[]> unit = new ArrayList<>(nals.size() + parameterSets.size() + 1);
        unit.add(startsWithDelimiter ? nals.get(0) : (hevc ? HEVC_AUD_NAL : AVC_AUD));
        if (needsParameterSets) {
            unit.addAll(parameterSets);
        }
        unit.addAll(startsWithDelimiter ? nals.subList(1, nals.size()) : nals);
        return AnnexB.toAnnexB(unit);
    }

    private boolean isDelimiter(byte[] nal) {
        return hevc ? hevcType(nal) == HEVC_AUD : AvcNalUnit.type(nal) == AvcNalUnit.ACCESS_UNIT_DELIMITER;
    }

    private boolean hasSequenceParameterSet(List<byte[]> nals) {
        for (byte[] nal : nals) {
            if (hevc ? hevcType(nal) == HevcDecoderConfiguration.NAL_SPS : AvcNalUnit.type(nal) == AvcNalUnit.SPS) {
                return true;
            }
        }
        return false;
    }

    private static int hevcType(byte[] nal) {
        return (nal[0] >> 1) & 0x3F;
    }
}
