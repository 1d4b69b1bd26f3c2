package dev.inlet.media;

/**
 * Frames raw AAC frames (the {@link AVPacket} form) as ADTS (ISO/IEC 14496-3 section 1.A.2), which stream_type 0x0F
 * requires: a 7-byte header without CRC, built from the stream's {@link AudioSpecificConfig}. A configuration ADTS
 * cannot express (object type above 4, a sampling frequency outside the index table, more than 7 channels) is
 * refused when the track is configured, not frame by frame.
 */
final class AdtsWriter {

    private final AudioSpecificConfig config;

    AdtsWriter(AudioSpecificConfig config) {
        try {
            config.adtsHeader(0);
        } catch (IllegalArgumentException unsupported) {
            throw new MediaFormatException("AAC configuration " + config + " cannot be carried in ADTS: "
                    + unsupported.getMessage(), unsupported);
        }
        this.config = config;
    }

    /** One ADTS frame: header, then the raw frame. */
    byte[] frame(byte[] rawFrame) {
        byte[] header;
        try {
            header = config.adtsHeader(rawFrame.length);
        } catch (IllegalArgumentException tooLong) {
            throw new MediaFormatException(tooLong.getMessage(), tooLong);
        }
        byte[] frame = new byte[header.length + rawFrame.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(rawFrame, 0, frame, header.length, rawFrame.length);
        return frame;
    }
}
