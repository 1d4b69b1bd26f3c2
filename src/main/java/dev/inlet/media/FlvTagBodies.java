package dev.inlet.media;

import java.nio.charset.StandardCharsets;

/**
 * Builds the audio and video tag bodies {@link RtmpFrameWriter} sends: the legacy layouts of FLV v10.1 annex E.4 and
 * the single-track Enhanced RTMP layouts (ex header bit, packet type, FourCC).
 */
final class FlvTagBodies {

    private static final int VIDEO_EX_HEADER = 0x80;
    private static final int AAC_FLAGS = 0xAF; // AAC, "44 kHz", 16-bit, stereo: FLV requires these fixed values for AAC
    private static final int SOUND_SIZE_16_BIT = 0x02;
    private static final byte[] OPUS_MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);

    private FlvTagBodies() {
    }

    /** A legacy AVC video tag: frame type and codec 7, AVC packet type, signed 24-bit composition time, payload. */
    static byte[] avcVideo(int frameType, int avcPacketType, int compositionTime, byte[] payload) {
        byte[] body = new byte[5 + payload.length];
        body[0] = (byte) (frameType << 4 | FlvVideoTag.CODEC_AVC);
        body[1] = (byte) avcPacketType;
        Bytes.putU24(body, 2, compositionTime);
        System.arraycopy(payload, 0, body, 5, payload.length);
        return body;
    }

    /** An Enhanced RTMP video tag without a composition time (SequenceStart, CodedFramesX, AV1/VP9 CodedFrames). */
    static byte[] enhancedVideo(int frameType, int packetType, int fourCc, byte[] payload) {
        byte[] body = new byte[5 + payload.length];
        body[0] = (byte) (VIDEO_EX_HEADER | frameType << 4 | packetType);
        FlvVideoTag.putFourCc(body, 1, fourCc);
        System.arraycopy(payload, 0, body, 5, payload.length);
        return body;
    }

    /** An Enhanced RTMP CodedFrames video tag of AVC or HEVC: the signed 24-bit composition time follows the FourCC. */
    static byte[] enhancedVideoWithCompositionTime(int frameType, int fourCc, int compositionTime, byte[] payload) {
        byte[] body = new byte[8 + payload.length];
        body[0] = (byte) (VIDEO_EX_HEADER | frameType << 4 | FlvVideoTag.PACKET_CODED_FRAMES);
        FlvVideoTag.putFourCc(body, 1, fourCc);
        Bytes.putU24(body, 5, compositionTime);
        System.arraycopy(payload, 0, body, 8, payload.length);
        return body;
    }

    /** A legacy AAC audio tag: the fixed flags byte, the AAC packet type, payload. */
    static byte[] aacAudio(int aacPacketType, byte[] payload) {
        byte[] body = new byte[2 + payload.length];
        body[0] = (byte) AAC_FLAGS;
        body[1] = (byte) aacPacketType;
        System.arraycopy(payload, 0, body, 2, payload.length);
        return body;
    }

    /** An Enhanced RTMP audio tag: sound format 9 with the packet type in the low nibble, the FourCC, payload. */
    static byte[] enhancedAudio(int packetType, int fourCc, byte[] payload) {
        byte[] body = new byte[5 + payload.length];
        body[0] = (byte) (FlvAudioTag.FORMAT_EX_HEADER << 4 | packetType);
        FlvVideoTag.putFourCc(body, 1, fourCc);
        System.arraycopy(payload, 0, body, 5, payload.length);
        return body;
    }

    /**
     * A legacy MP3 audio tag. FLV's rate field knows only 5.5, 11, 22 and 44 kHz; other rates take the nearest lower
     * one (decoders read the rate from the MP3 frame header), and 8 kHz MP3 has its own sound format.
     */
    static byte[] mp3Audio(Mp3FrameHeader header, byte[] frame) {
        int format = header.sampleRate() == 8000 ? FlvAudioTag.FORMAT_MP3_8KHZ : FlvAudioTag.FORMAT_MP3;
        int rate = header.sampleRate() >= 44100 ? 3 : header.sampleRate() >= 22050 ? 2 : header.sampleRate() >= 11025 ? 1 : 0;
        byte[] body = new byte[1 + frame.length];
        body[0] = (byte) (format << 4 | rate << 2 | SOUND_SIZE_16_BIT | (header.channels() >= 2 ? 1 : 0));
        System.arraycopy(frame, 0, body, 1, frame.length);
        return body;
    }

    /** The 19-byte identification header of RFC 7845 section 5.1 (channel mapping family 0: no mapping table). */
    static byte[] opusHead(OpusHead head) {
        byte[] out = new byte[19];
        System.arraycopy(OPUS_MAGIC, 0, out, 0, OPUS_MAGIC.length);
        out[8] = (byte) head.version();
        out[9] = (byte) head.channels();
        putLittleEndian(out, 10, head.preSkip(), 2);
        putLittleEndian(out, 12, head.inputSampleRate(), 4);
        putLittleEndian(out, 16, head.outputGain(), 2);
        out[18] = (byte) head.mappingFamily();
        return out;
    }

    private static void putLittleEndian(byte[] out, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
