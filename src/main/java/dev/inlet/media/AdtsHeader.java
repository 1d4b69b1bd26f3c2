package dev.inlet.media;

/**
 * One ADTS frame header (ISO/IEC 14496-3 section 1.A.2.2): 7 bytes, or 9 when a CRC follows.
 *
 * @param config       object type (profile + 1), sampling frequency and channel configuration
 * @param headerLength 7, or 9 with CRC
 * @param frameLength  the whole frame, header included
 * @param rawBlocks    number of raw data blocks in the frame (number_of_raw_data_blocks_in_frame + 1)
 */
public record AdtsHeader(AudioSpecificConfig config, int headerLength, int frameLength, int rawBlocks) {

    public static final int MIN_HEADER_LENGTH = 7;
    private static final int MAX_FRAME_LENGTH = (1 << 13) - 1;

    /** True if the bytes at {@code offset} begin with the ADTS sync word (12 bits set) and layer 0. */
    public static boolean startsWithSyncWord(byte[] data, int offset) {
        return offset >= 0 && offset + 1 < data.length
                && (data[offset] & 0xFF) == 0xFF && (data[offset + 1] & 0xF6) == 0xF0;
    }

    /** Parses the header at {@code offset}; throws {@link MediaFormatException} if it is truncated or invalid. */
    public static AdtsHeader parse(byte[] data, int offset) {
        Bytes.require(data, offset, MIN_HEADER_LENGTH, "ADTS header");
        if (!startsWithSyncWord(data, offset)) {
            throw new MediaFormatException("no ADTS sync word at offset " + offset);
        }
        BitReader bits = new BitReader(data, offset, MIN_HEADER_LENGTH);
        bits.skipBits(12 + 1 + 2); // syncword, ID, layer
        boolean protectionAbsent = bits.readFlag();
        int profile = bits.readInt(2);
        int rateIndex = bits.readInt(4);
        bits.skipBits(1); // private bit
        int channels = bits.readInt(3);
        bits.skipBits(4); // original/copy, home, copyright id bit and start
        int frameLength = bits.readInt(13);
        bits.skipBits(11); // buffer fullness
        int rawBlocks = bits.readInt(2) + 1;
        int headerLength = protectionAbsent ? MIN_HEADER_LENGTH : MIN_HEADER_LENGTH + 2;
        if (frameLength < headerLength) {
            throw new MediaFormatException("ADTS frame length " + frameLength + " shorter than its header");
        }
        AudioSpecificConfig config = new AudioSpecificConfig(profile + 1, AudioSpecificConfig.rateFromIndex(rateIndex), channels);
        return new AdtsHeader(config, headerLength, frameLength, rawBlocks);
    }

    public int payloadLength() {
        return frameLength - headerLength;
    }

    static byte[] build(AudioSpecificConfig config, int rawFrameLength) {
        if (config.objectType() < 1 || config.objectType() > 4) {
            throw new IllegalArgumentException("ADTS cannot carry audio object type " + config.objectType());
        }
        int rateIndex = AudioSpecificConfig.indexOf(config.sampleRate());
        if (rateIndex < 0) {
            throw new IllegalArgumentException("ADTS cannot carry sampling frequency " + config.sampleRate());
        }
        if (config.channels() > 7) {
            throw new IllegalArgumentException("ADTS cannot carry channel configuration " + config.channels());
        }
        int frameLength = rawFrameLength + MIN_HEADER_LENGTH;
        if (rawFrameLength < 0 || frameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("raw AAC frame of " + rawFrameLength + " bytes does not fit ADTS");
        }
        int profile = config.objectType() - 1;
        int fullness = 0x7FF; // variable bit rate
        return new byte[] {
                (byte) 0xFF,
                (byte) 0xF1, // MPEG-4, layer 0, no CRC
                (byte) (profile << 6 | rateIndex << 2 | config.channels() >> 2),
                (byte) ((config.channels() & 0x03) << 6 | frameLength >> 11),
                (byte) (frameLength >> 3),
                (byte) ((frameLength & 0x07) << 5 | fullness >> 6),
                (byte) ((fullness & 0x3F) << 2)};
    }
}
