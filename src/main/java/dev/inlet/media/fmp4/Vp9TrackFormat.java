package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.Vp9CodecConfiguration;
import dev.inlet.media.Vp9FrameHeader;

/**
 * A VP9 track: sample entry {@code vp09} with its {@code vpcC} (VP Codec ISO Media File Format Binding section 2.2,
 * version 1, no codec initialisation data). The configuration record has no picture size, so the format is
 * {@linkplain #complete() complete} only once a key frame gave it ({@link #atKeyframe}); a key frame of another size
 * makes a new format. Samples are frames or superframes exactly as the encoder made them.
 */
public final class Vp9TrackFormat extends TrackFormat {

    private final Vp9CodecConfiguration configuration;
    private final int width;
    private final int height;

    private Vp9TrackFormat(Vp9CodecConfiguration configuration, int width, int height) {
        this.configuration = configuration;
        this.width = width;
        this.height = height;
    }

    static Vp9TrackFormat of(byte[] vpcC) {
        return new Vp9TrackFormat(Vp9CodecConfiguration.parse(vpcC), 0, 0);
    }

    public Vp9CodecConfiguration configuration() {
        return configuration;
    }

    @Override
    public FrameKind kind() {
        return FrameKind.VP9;
    }

    @Override
    public int timescale() {
        return VIDEO_TIMESCALE;
    }

    /**
     * VP codec binding section 4: {@code vp09.PP.LL.DD}. A record that leaves the level unsignalled (0, what
     * Enhanced RTMP encoders send) is named level 1 ({@code 10}), the lowest defined, since the field is required.
     */
    @Override
    public String codecs() {
        int level = configuration.level() == 0 ? 10 : configuration.level();
        return String.format("vp09.%02d.%02d.%02d", configuration.profile(), level, configuration.bitDepth());
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    boolean complete() {
        return width > 0 && height > 0;
    }

    @Override
    void writeSampleEntry(BoxWriter out) {
        out.begin("vp09");
        visualSampleEntryFields(out, width, height);
        byte[] record = configuration.toBytes(); // version 1 and flags first: the full box header's last 4 bytes
        out.begin("vpcC").bytes(record).end();
        out.end();
    }

    @Override
    byte[] sampleData(AVPacket packet) {
        return packet.data();
    }

    @Override
    TrackFormat atKeyframe(AVPacket keyframe) {
        Vp9FrameHeader header = Vp9FrameHeader.parse(keyframe.data()).orElse(null);
        if (header == null || !header.keyframe() || (header.width() == width && header.height() == height)) {
            return this;
        }
        return new Vp9TrackFormat(configuration, header.width(), header.height());
    }
}
