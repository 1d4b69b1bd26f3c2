package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.AvcSps;
import dev.inlet.media.FrameKind;

import java.util.List;

/**
 * An H.264 track: sample entry {@code avc1} with its {@code avcC} (ISO/IEC 14496-15 section 5.4.2), parameter sets
 * out of band. The record is rewritten with 4-byte NAL lengths and, for the high profiles, with the chroma format and
 * bit depth extension section 5.3.3.1 requires for them.
 */
public final class AvcTrackFormat extends TrackFormat {

    private static final int SPS = 7;
    private static final int PPS = 8;
    private static final int ACCESS_UNIT_DELIMITER = 9;
    private static final int SPS_EXTENSION = 13;

    private final AvcDecoderConfiguration configuration;
    private final AvcSps sps;

    private AvcTrackFormat(AvcDecoderConfiguration configuration) {
        this.configuration = new AvcDecoderConfiguration(configuration.profile(), configuration.compatibility(),
                configuration.level(), NalSamples.LENGTH_SIZE, configuration.sps(), configuration.pps());
        this.sps = configuration.firstSps();
    }

    static AvcTrackFormat of(byte[] avcC) {
        return new AvcTrackFormat(AvcDecoderConfiguration.parse(avcC));
    }

    /** The configuration this track's avcC carries (with 4-byte NAL lengths). */
    public AvcDecoderConfiguration configuration() {
        return configuration;
    }

    @Override
    public FrameKind kind() {
        return FrameKind.H264;
    }

    @Override
    public int timescale() {
        return VIDEO_TIMESCALE;
    }

    @Override
    public String codecs() {
        return "avc1." + hex2(configuration.profile()) + hex2(configuration.compatibility()) + hex2(configuration.level());
    }

    @Override
    public int width() {
        return sps.width();
    }

    @Override
    public int height() {
        return sps.height();
    }

    @Override
    void writeSampleEntry(BoxWriter out) {
        out.begin("avc1");
        visualSampleEntryFields(out, width(), height());
        out.begin("avcC").bytes(configuration.toBytes());
        if (hasHighProfileExtension(configuration.profile())) {
            out.u8(0xFC | sps.chromaFormat());
            out.u8(0xF8 | (sps.bitDepth() - 8)); // bit_depth_luma_minus8
            out.u8(0xF8 | (sps.bitDepth() - 8)); // chroma: the SPS reader keeps the luma depth; encoders use one depth
            out.u8(0); // numOfSequenceParameterSetExt
        }
        out.end();
        out.end();
    }

    @Override
    byte[] sampleData(AVPacket packet) {
        return NalSamples.lengthPrefixed(packet.data(),
                type -> type == SPS || type == PPS || type == ACCESS_UNIT_DELIMITER || type == SPS_EXTENSION,
                NalSamples.NalTypes.AVC);
    }

    @Override
    TrackFormat atKeyframe(AVPacket keyframe) {
        List<byte[]> inBandSps = NalSamples.ofType(keyframe.data(), SPS, NalSamples.NalTypes.AVC);
        List<byte[]> inBandPps = NalSamples.ofType(keyframe.data(), PPS, NalSamples.NalTypes.AVC);
        if (inBandSps.isEmpty() && inBandPps.isEmpty()) {
            return this;
        }
        List<byte[]> sps = inBandSps.isEmpty() ? configuration.sps() : inBandSps;
        List<byte[]> pps = inBandPps.isEmpty() ? configuration.pps() : inBandPps;
        if (NalSamples.sameUnits(sps, configuration.sps()) && NalSamples.sameUnits(pps, configuration.pps())) {
            return this;
        }
        return new AvcTrackFormat(AvcDecoderConfiguration.fromParameterSets(sps, pps));
    }

    /** ISO/IEC 14496-15 section 5.3.3.1.2: the profiles whose record carries chroma format and bit depths. */
    private static boolean hasHighProfileExtension(int profile) {
        return profile == 100 || profile == 110 || profile == 122 || profile == 144;
    }
}
