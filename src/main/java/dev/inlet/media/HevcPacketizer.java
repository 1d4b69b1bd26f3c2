package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/**
 * H.265 access units in Annex-B form: VPS, SPS and PPS go into the {@code hvcC} record, never into frames; access
 * unit delimiters are dropped; slices and SEI become length-prefixed NAL units. An IRAP picture is a keyframe.
 */
final class HevcPacketizer implements VideoPacketizer {

    private static final int BLA_W_LP = 16;
    private static final int IRAP_MAX = 23;
    private static final int ACCESS_UNIT_DELIMITER = 35;

    private List<byte[]> knownVps = List.of();
    private List<byte[]> knownSps = List.of();
    private List<byte[]> knownPps = List.of();
    private HevcDecoderConfiguration config;

    @Override
    public Picture read(byte[] annexB) {
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        List<byte[]> frameNals = new ArrayList<>();
        boolean irap = false;
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            int type = type(nal);
            switch (type) {
                case HevcDecoderConfiguration.NAL_VPS -> vps.add(nal);
                case HevcDecoderConfiguration.NAL_SPS -> sps.add(nal);
                case HevcDecoderConfiguration.NAL_PPS -> pps.add(nal);
                case ACCESS_UNIT_DELIMITER -> { }
                default -> {
                    irap |= type >= BLA_W_LP && type <= IRAP_MAX;
                    frameNals.add(nal);
                }
            }
        }
        updateConfig(vps, sps, pps);
        if (frameNals.isEmpty()) {
            return null;
        }
        int lengthSize = config == null ? 4 : config.nalLengthSize();
        return new Picture(AnnexB.toAvcc(frameNals, lengthSize), irap);
    }

    private static int type(byte[] nal) {
        if (nal.length < 2) {
            throw new MediaFormatException("HEVC NAL unit of " + nal.length + " bytes is shorter than its header");
        }
        return (nal[0] >> 1) & 0x3F;
    }

    /** Parameter sets replace the known ones of their kind; a decoder needs a VPS, an SPS and a PPS. */
    private void updateConfig(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        if (!vps.isEmpty()) {
            knownVps = List.copyOf(vps);
        }
        if (!sps.isEmpty()) {
            knownSps = List.copyOf(sps);
        }
        if (!pps.isEmpty()) {
            knownPps = List.copyOf(pps);
        }
        boolean changed = !vps.isEmpty() || !sps.isEmpty() || !pps.isEmpty();
        if (changed && !knownVps.isEmpty() && !knownSps.isEmpty() && !knownPps.isEmpty()) {
            config = HevcDecoderConfiguration.fromParameterSets(knownVps, knownSps, knownPps);
        }
    }

    @Override
    public DecoderConfigurationRecord configuration() {
        return config;
    }

    @Override
    public int fourCc() {
        return FourCc.HVC1;
    }

    @Override
    public Dimensions dimensions() {
        try {
            HevcSps sps = config.firstSps();
            return new Dimensions(sps.width(), sps.height(), sps.frameRate());
        } catch (MediaFormatException unreadableSps) {
            return null;
        }
    }
}
