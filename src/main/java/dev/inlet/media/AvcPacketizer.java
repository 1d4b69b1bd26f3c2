package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/**
 * H.264 access units in Annex-B form: SPS and PPS go into the AVC decoder configuration, never into frames; access
 * unit delimiters are dropped; slices and SEI become length-prefixed NAL units.
 */
final class AvcPacketizer implements VideoPacketizer {

    private List<byte[]> knownSps = List.of();
    private List<byte[]> knownPps = List.of();
    private AvcDecoderConfiguration config;

    @Override
    public Picture read(byte[] annexB) {
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        List<byte[]> frameNals = new ArrayList<>();
        boolean idr = false;
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            switch (AvcNalUnit.type(nal)) {
                case AvcNalUnit.SPS -> sps.add(nal);
                case AvcNalUnit.PPS -> pps.add(nal);
                case AvcNalUnit.ACCESS_UNIT_DELIMITER -> { }
                case AvcNalUnit.IDR_SLICE -> {
                    idr = true;
                    frameNals.add(nal);
                }
                default -> frameNals.add(nal);
            }
        }
        updateConfig(sps, pps);
        if (frameNals.isEmpty()) {
            return null; // parameter sets alone: they go out in the sequence header before the next frame
        }
        int lengthSize = config == null ? 4 : config.nalLengthSize();
        return new Picture(AnnexB.toAvcc(frameNals, lengthSize), idr);
    }

    /** Parameter sets of an access unit replace the known ones of their kind; a configuration needs both. */
    private void updateConfig(List<byte[]> sps, List<byte[]> pps) {
        if (!sps.isEmpty()) {
            knownSps = List.copyOf(sps);
        }
        if (!pps.isEmpty()) {
            knownPps = List.copyOf(pps);
        }
        if ((sps.isEmpty() && pps.isEmpty()) || knownSps.isEmpty() || knownPps.isEmpty()) {
            return;
        }
        config = AvcDecoderConfiguration.fromParameterSets(knownSps, knownPps);
    }

    @Override
    public DecoderConfigurationRecord configuration() {
        return config;
    }

    @Override
    public int fourCc() {
        return FourCc.AVC1;
    }

    @Override
    public Dimensions dimensions() {
        try {
            AvcSps sps = config.firstSps();
            return new Dimensions(sps.width(), sps.height(), sps.frameRate());
        } catch (MediaFormatException unreadableSps) {
            return null; // the decoder reads the size from the SPS itself; metadata just goes without it
        }
    }
}
