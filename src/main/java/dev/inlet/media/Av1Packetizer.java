package dev.inlet.media;

import java.util.Arrays;

/**
 * AV1 temporal units in the low-overhead OBU format: the sequence header OBU becomes the {@code av1C} record (and a
 * new one when it changes); the OBUs themselves pass through unchanged, so a keyframe keeps its sequence header and
 * can start a decoder on its own. A temporal unit whose first frame is a shown key frame is a keyframe.
 */
final class Av1Packetizer implements VideoPacketizer {

    private static final int TILE_GROUP = 4;
    private static final int REDUNDANT_FRAME_HEADER = 7;
    private static final int TILE_LIST = 8;
    private static final int KEY_FRAME = 0;

    private byte[] sequenceHeaderObu;
    private boolean reducedStillPictureHeader;
    private Av1CodecConfiguration config;

    @Override
    public Picture read(byte[] temporalUnit) {
        if (temporalUnit.length == 0) {
            throw new MediaFormatException("empty AV1 temporal unit");
        }
        Boolean keyframe = null;
        boolean picture = false;
        for (Av1Obus.Obu obu : Av1Obus.split(temporalUnit)) {
            switch (obu.type()) {
                case Av1Obus.SEQUENCE_HEADER -> acceptSequenceHeader(
                        Arrays.copyOfRange(temporalUnit, obu.offset(), obu.offset() + obu.length()));
                case Av1Obus.FRAME, Av1Obus.FRAME_HEADER -> {
                    picture = true;
                    if (keyframe == null) {
                        keyframe = isShownKeyFrame(temporalUnit, obu);
                    }
                }
                case TILE_GROUP, REDUNDANT_FRAME_HEADER, TILE_LIST -> picture = true;
                default -> { } // temporal delimiter, metadata, padding
            }
        }
        return picture ? new Picture(temporalUnit.clone(), Boolean.TRUE.equals(keyframe)) : null;
    }

    private void acceptSequenceHeader(byte[] obu) {
        if (Arrays.equals(obu, sequenceHeaderObu)) {
            return;
        }
        config = Av1CodecConfiguration.fromSequenceHeaderObu(obu);
        sequenceHeaderObu = obu;
        // seq_profile (3 bits), still_picture (1), reduced_still_picture_header (1): AV1 section 5.5.1
        Av1Obus.Obu header = Av1Obus.split(obu).get(0);
        reducedStillPictureHeader = (Bytes.u8(obu, header.headerLength(), "AV1 sequence header") & 0x08) != 0;
    }

    /** Reads the start of uncompressed_header (AV1 section 5.9.2): show_existing_frame, frame_type, show_frame. */
    private boolean isShownKeyFrame(byte[] data, Av1Obus.Obu obu) {
        if (config == null) {
            return false;
        }
        if (reducedStillPictureHeader) {
            return true; // a reduced header means a single shown key frame
        }
        if (obu.length() == obu.headerLength()) {
            throw new MediaFormatException("AV1 frame header OBU without a payload");
        }
        int first = Bytes.u8(data, obu.offset() + obu.headerLength(), "AV1 frame header");
        boolean showExistingFrame = (first & 0x80) != 0;
        int frameType = (first >> 5) & 0x03;
        boolean showFrame = (first & 0x10) != 0;
        return !showExistingFrame && frameType == KEY_FRAME && showFrame;
    }

    @Override
    public DecoderConfigurationRecord configuration() {
        return config;
    }

    @Override
    public int fourCc() {
        return FourCc.AV01;
    }

    @Override
    public Dimensions dimensions() {
        try {
            return config.sequenceHeader()
                    .map(header -> new Dimensions(header.width(), header.height(), header.frameRate()))
                    .orElse(null);
        } catch (MediaFormatException unreadableHeader) {
            return null;
        }
    }
}
