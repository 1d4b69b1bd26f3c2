package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.Av1CodecConfiguration;
import dev.inlet.media.Av1Obus;
import dev.inlet.media.Av1SequenceHeader;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * An AV1 track: sample entry {@code av01} with its {@code av1C} (AV1 Codec ISO Media File Format Binding section 2.3),
 * picture size from the sequence header. Samples are temporal units in the low-overhead format without their
 * temporal delimiter OBUs (section 2.4); key frames keep the sequence header the stream core puts in front of them.
 */
public final class Av1TrackFormat extends TrackFormat {

    private static final int PADDING = 15;

    private final Av1CodecConfiguration configuration;
    private final Av1SequenceHeader sequenceHeader;

    private Av1TrackFormat(Av1CodecConfiguration configuration) {
        this.configuration = configuration;
        this.sequenceHeader = configuration.sequenceHeader().orElseThrow(() ->
                new MediaFormatException("AV1 configuration without a sequence header OBU: no picture size"));
    }

    static Av1TrackFormat of(byte[] av1C) {
        return new Av1TrackFormat(Av1CodecConfiguration.parse(av1C));
    }

    public Av1CodecConfiguration configuration() {
        return configuration;
    }

    @Override
    public FrameKind kind() {
        return FrameKind.AV1;
    }

    @Override
    public int timescale() {
        return VIDEO_TIMESCALE;
    }

    /** AV1 binding section 5: {@code av01.P.LLT.DD}. */
    @Override
    public String codecs() {
        return String.format("av01.%d.%02d%c.%02d", configuration.profile(), configuration.level(),
                configuration.highTier() ? 'H' : 'M', configuration.bitDepth());
    }

    @Override
    public int width() {
        return sequenceHeader.width();
    }

    @Override
    public int height() {
        return sequenceHeader.height();
    }

    @Override
    void writeSampleEntry(BoxWriter out) {
        out.begin("av01");
        visualSampleEntryFields(out, width(), height());
        out.begin("av1C").bytes(configuration.toBytes()).end();
        out.end();
    }

    @Override
    byte[] sampleData(AVPacket packet) {
        byte[] data = packet.data();
        List<Av1Obus.Obu> obus = Av1Obus.split(data);
        if (obus.stream().noneMatch(obu -> obu.type() == Av1Obus.TEMPORAL_DELIMITER || obu.type() == PADDING)) {
            return data;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(data.length);
        for (Av1Obus.Obu obu : obus) {
            if (obu.type() != Av1Obus.TEMPORAL_DELIMITER && obu.type() != PADDING) {
                kept.write(data, obu.offset(), obu.length());
            }
        }
        return kept.toByteArray();
    }

    @Override
    TrackFormat atKeyframe(AVPacket keyframe) {
        byte[] inBand = Av1Obus.find(keyframe.data(), Av1Obus.SEQUENCE_HEADER).orElse(null);
        byte[] current = Av1Obus.find(configuration.configObus(), Av1Obus.SEQUENCE_HEADER).orElse(null);
        // compared without the OBU headers: one copy may carry a size field the other lacks
        if (inBand == null || Arrays.equals(payload(inBand), payload(current))) {
            return this;
        }
        return new Av1TrackFormat(Av1CodecConfiguration.fromSequenceHeaderObu(inBand));
    }

    private static byte[] payload(byte[] obu) {
        if (obu == null) {
            return null;
        }
        Av1Obus.Obu parsed = Av1Obus.split(obu).get(0);
        return Arrays.copyOfRange(obu, parsed.headerLength(), parsed.length());
    }
}
