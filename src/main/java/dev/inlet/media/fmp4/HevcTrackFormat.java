package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.HevcDecoderConfiguration;
import dev.inlet.media.HevcSps;

import java.util.List;

/**
 * An H.265 track: sample entry {@code hvc1} with its {@code hvcC} (ISO/IEC 14496-15 section 8.4.1), parameter sets
 * out of band ({@code hvc1} rather than {@code hev1} because Apple's players require it), 4-byte NAL lengths.
 */
public final class HevcTrackFormat extends TrackFormat {

    private static final int ACCESS_UNIT_DELIMITER = 35;

    private final HevcDecoderConfiguration configuration;
    private final HevcSps sps;

    private HevcTrackFormat(HevcDecoderConfiguration c) {
        this.configuration = new HevcDecoderConfiguration(c.profileSpace(), c.highTier(), c.profile(),
                c.compatibilityFlags(), c.constraintFlags(), c.level(), c.chromaFormat(), c.bitDepthLuma(),
                c.bitDepthChroma(), c.avgFrameRate(), NalSamples.LENGTH_SIZE, c.vps(), c.sps(), c.pps());
        this.sps = c.firstSps();
    }

    static HevcTrackFormat of(byte[] hvcC) {
        return new HevcTrackFormat(HevcDecoderConfiguration.parse(hvcC));
    }

    /** The configuration this track's hvcC carries (with 4-byte NAL lengths). */
    public HevcDecoderConfiguration configuration() {
        return configuration;
    }

    @Override
    public FrameKind kind() {
        return FrameKind.H265;
    }

    @Override
    public int timescale() {
        return VIDEO_TIMESCALE;
    }

    /**
     * ISO/IEC 14496-15 annex E.3: {@code hvc1.} profile space letter and profile, the compatibility flags in reverse
     * bit order in hex, tier letter and level, then the constraint bytes with trailing zero bytes left out.
     */
    @Override
    public String codecs() {
        StringBuilder codecs = new StringBuilder("hvc1.");
        if (configuration.profileSpace() > 0) {
            codecs.append((char) ('A' + configuration.profileSpace() - 1));
        }
        codecs.append(configuration.profile()).append('.');
        codecs.append(Long.toHexString(Long.reverse(configuration.compatibilityFlags()) >>> 32).toUpperCase());
        codecs.append('.').append(configuration.highTier() ? 'H' : 'L').append(configuration.level());
        long constraints = configuration.constraintFlags();
        int last = 5;
        while (last >= 0 && ((constraints >>> (8 * (5 - last))) & 0xFF) == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            codecs.append('.').append(Integer.toHexString((int) (constraints >>> (8 * (5 - i))) & 0xFF).toUpperCase());
        }
        return codecs.toString();
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
        out.begin("hvc1");
        visualSampleEntryFields(out, width(), height());
        out.begin("hvcC").bytes(configuration.toBytes()).end();
        out.end();
    }

    @Override
    byte[] sampleData(AVPacket packet) {
        return NalSamples.lengthPrefixed(packet.data(), type -> type == HevcDecoderConfiguration.NAL_VPS
                || type == HevcDecoderConfiguration.NAL_SPS || type == HevcDecoderConfiguration.NAL_PPS
                || type == ACCESS_UNIT_DELIMITER, NalSamples.NalTypes.HEVC);
    }

    @Override
    TrackFormat atKeyframe(AVPacket keyframe) {
        byte[] data = keyframe.data();
        List<byte[]> vps = NalSamples.ofType(data, HevcDecoderConfiguration.NAL_VPS, NalSamples.NalTypes.HEVC);
        List<byte[]> sps = NalSamples.ofType(data, HevcDecoderConfiguration.NAL_SPS, NalSamples.NalTypes.HEVC);
        List<byte[]> pps = NalSamples.ofType(data, HevcDecoderConfiguration.NAL_PPS, NalSamples.NalTypes.HEVC);
        vps = vps.isEmpty() ? configuration.vps() : vps;
        sps = sps.isEmpty() ? configuration.sps() : sps;
        pps = pps.isEmpty() ? configuration.pps() : pps;
        if (NalSamples.sameUnits(vps, configuration.vps()) && NalSamples.sameUnits(sps, configuration.sps())
                && NalSamples.sameUnits(pps, configuration.pps())) {
            return this;
        }
        return new HevcTrackFormat(HevcDecoderConfiguration.fromParameterSets(vps, sps, pps));
    }
}
