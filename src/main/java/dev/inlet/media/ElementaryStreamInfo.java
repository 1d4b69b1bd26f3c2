package dev.inlet.media;

/**
 * One elementary stream of a PMT and the codec it carries, if this package can read it: stream_type 0x1B (H.264),
 * 0x24 (H.265), 0x0F (AAC in ADTS), and 0x06 (private data) with the registration descriptor {@code Opus}
 * (ETSI TS 102 366-style Opus mapping; channels from its extension descriptor 0x7F/0x80).
 *
 * @param streamType    the PMT's stream_type
 * @param pid           the elementary PID
 * @param codec         the codec, or null when the stream is not one this package reads
 * @param opusChannelConfig the Opus channel_config_code (0 when absent or not Opus)
 */
record ElementaryStreamInfo(int streamType, int pid, FrameKind codec, int opusChannelConfig) {

    static final int TYPE_AAC_ADTS = 0x0F;
    static final int TYPE_H264 = 0x1B;
    static final int TYPE_H265 = 0x24;
    static final int TYPE_PRIVATE_PES = 0x06;
    static final int REGISTRATION_DESCRIPTOR = 0x05;
    static final int EXTENSION_DESCRIPTOR = 0x7F;
    static final int OPUS_EXTENSION_TAG = 0x80;
    private static final int OPUS_FORMAT_IDENTIFIER = 0x4F70_7573; // "Opus"

    static ElementaryStreamInfo of(int streamType, int pid, byte[] section, int descriptors, int length) {
        FrameKind codec = switch (streamType) {
            case TYPE_H264 -> FrameKind.H264;
            case TYPE_H265 -> FrameKind.H265;
            case TYPE_AAC_ADTS -> FrameKind.AAC;
            default -> null;
        };
        boolean opus = false;
        int channelConfig = 0;
        int end = descriptors + length;
        for (int i = descriptors; i + 2 <= end; ) {
            int tag = section[i] & 0xFF;
            int size = section[i + 1] & 0xFF;
            int body = i + 2;
            if (body + size > end) {
                break;
            }
            if (tag == REGISTRATION_DESCRIPTOR && size >= 4 && Bytes.u32AsInt(section, body, "registration") == OPUS_FORMAT_IDENTIFIER) {
                opus = true;
            } else if (tag == EXTENSION_DESCRIPTOR && size >= 2 && (section[body] & 0xFF) == OPUS_EXTENSION_TAG) {
                channelConfig = section[body + 1] & 0xFF;
            }
            i = body + size;
        }
        if (streamType == TYPE_PRIVATE_PES && opus) {
            codec = FrameKind.OPUS;
        } else {
            channelConfig = 0;
        }
        return new ElementaryStreamInfo(streamType, pid, codec, channelConfig);
    }
}
