package dev.inlet.media;

import java.util.Optional;

/**
 * VP9 frames (or superframes) pass through unchanged. The {@code vpcC} record is built from the header of a key frame
 * (profile, bit depth, chroma subsampling); a key frame that changes them brings a new one. Frames before the first
 * key frame have no configuration and cannot be sent.
 */
final class Vp9Packetizer implements VideoPacketizer {

    private Vp9CodecConfiguration config;
    private Vp9FrameHeader keyframeHeader;

    @Override
    public Picture read(byte[] frame) {
        if (frame.length == 0) {
            throw new MediaFormatException("empty VP9 frame");
        }
        Optional<Vp9FrameHeader> header = Vp9FrameHeader.parse(frame);
        boolean keyframe = header.isPresent() && header.get().keyframe();
        if (keyframe) {
            keyframeHeader = header.get();
            config = Vp9CodecConfiguration.fromFrameHeader(keyframeHeader);
        }
        return new Picture(frame.clone(), keyframe);
    }

    @Override
    public DecoderConfigurationRecord configuration() {
        return config;
    }

    @Override
    public int fourCc() {
        return FourCc.VP09;
    }

    /** The size of the latest key frame. */
    @Override
    public Dimensions dimensions() {
        return keyframeHeader == null ? null : new Dimensions(keyframeHeader.width(), keyframeHeader.height(), 0);
    }
}
