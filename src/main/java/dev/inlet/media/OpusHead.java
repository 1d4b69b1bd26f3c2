package dev.inlet.media;

import java.nio.charset.StandardCharsets;

/**
 * The Opus identification header ({@code OpusHead}, RFC 7845 section 5.1): the body of an Enhanced RTMP {@code Opus}
 * SequenceStart. Opus always decodes at 48 kHz; {@link #inputSampleRate()} is what the encoder was fed.
 */
public record OpusHead(int version, int channels, int preSkip, long inputSampleRate, int outputGain, int mappingFamily) {

    public static final int OUTPUT_SAMPLE_RATE = 48_000;
    private static final byte[] MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_SIZE = 19;

    public static OpusHead parse(byte[] head) {
        Bytes.require(head, 0, MIN_SIZE, "OpusHead");
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                throw new MediaFormatException("no OpusHead magic");
            }
        }
        int channels = head[9] & 0xFF;
        if (channels == 0) {
            throw new MediaFormatException("OpusHead with 0 channels");
        }
        int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
        long rate = (head[12] & 0xFFL) | (head[13] & 0xFFL) << 8 | (head[14] & 0xFFL) << 16 | (head[15] & 0xFFL) << 24;
        int gain = (short) ((head[16] & 0xFF) | (head[17] & 0xFF) << 8);
        return new OpusHead(head[8] & 0xFF, channels, preSkip, rate, gain, head[18] & 0xFF);
    }
}
