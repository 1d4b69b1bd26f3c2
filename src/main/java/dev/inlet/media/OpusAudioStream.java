package dev.inlet.media;

import java.util.Arrays;

/**
 * Opus in a TS (ETSI TS 102 366 style mapping, as ffmpeg and GStreamer write it): each PES holds access units, each
 * behind a control header: the 11-bit prefix 0x3FF, start/end trim and control-extension flags, au_size as a run of
 * 0xFF bytes plus a final byte, then the optional trims and extension. Every access unit is one Opus packet; the first
 * takes the PES PTS, each next one the duration its TOC byte says (RFC 6716 section 3.1) later. The configuration is
 * an OpusHead with the channel count of the PMT's extension descriptor (codes 1..8; stereo when absent), pre-skip 0
 * (TS signals trimming per packet instead, which is read past and not applied).
 */
final class OpusAudioStream implements TsElementaryStream {

    private static final int SAMPLES_PER_SECOND = 48_000;
    private static final long TICKS_PER_SECOND = 90_000;
    private static final int START_TRIM = 0x10;
    private static final int END_TRIM = 0x08;
    private static final int CONTROL_EXTENSION = 0x04;

    private final int channels;
    private boolean configured;
    private long next90k = PesPacket.NO_TIMESTAMP;

    OpusAudioStream(int channelConfigCode) {
        this.channels = channelConfigCode >= 1 && channelConfigCode <= 8 ? channelConfigCode : 2;
    }

    @Override
    public void accept(PesPacket pes, long pts90k, long dts90k, Output output) {
        if (!configured) {
            configured = true;
            output.configuration(FrameKind.OPUS, opusHead());
        }
        byte[] data = pes.data();
        int position = pes.payloadOffset();
        long start = pts90k != PesPacket.NO_TIMESTAMP ? pts90k : next90k;
        long samples = 0;
        while (position < data.length) {
            if (data.length - position < 3 || (data[position] & 0xFF) != 0x7F || (data[position + 1] & 0xE0) != 0xE0) {
                output.droppedFrame();
                return;
            }
            int flags = data[position + 1] & 0xFF;
            position += 2;
            int size = 0;
            int b;
            do {
                if (position >= data.length) {
                    output.droppedFrame();
                    return;
                }
                b = data[position++] & 0xFF;
                size += b;
            } while (b == 0xFF);
            position += ((flags & START_TRIM) != 0 ? 2 : 0) + ((flags & END_TRIM) != 0 ? 2 : 0);
            if ((flags & CONTROL_EXTENSION) != 0) {
                if (position >= data.length) {
                    output.droppedFrame();
                    return;
                }
                position += 1 + (data[position] & 0xFF);
            }
            if (size == 0 || position > data.length - size) {
                output.droppedFrame();
                return;
            }
            byte[] packet = Arrays.copyOfRange(data, position, position + size);
            position += size;
            int duration = packetSamples(packet);
            if (start != PesPacket.NO_TIMESTAMP && duration > 0) {
                long ms = TsTimestamps.toMillis(start + samples * TICKS_PER_SECOND / SAMPLES_PER_SECOND);
                output.frame(new AVPacket(FrameKind.OPUS, packet, ms, ms, true, false));
            } else {
                output.droppedFrame();
            }
            samples += Math.max(duration, 0);
        }
        if (start != PesPacket.NO_TIMESTAMP) {
            next90k = start + samples * TICKS_PER_SECOND / SAMPLES_PER_SECOND;
        }
    }

    /** The samples (at 48 kHz) of one Opus packet from its TOC byte and frame count, or -1 when it is malformed. */
    static int packetSamples(byte[] packet) {
        return OpusPacket.samples(packet);
    }

    /** RFC 7845 section 5.1: channel mapping family 0 covers mono and stereo, family 1 the Vorbis layouts up to 8. */
    private byte[] opusHead() {
        byte[] head = new byte[19 + (channels > 2 ? 2 + channels : 0)];
        System.arraycopy("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1;
        head[9] = (byte) channels;
        head[12] = (byte) SAMPLES_PER_SECOND;
        head[13] = (byte) (SAMPLES_PER_SECOND >> 8);
        head[14] = (byte) (SAMPLES_PER_SECOND >> 16);
        if (channels > 2) {
            head[18] = 1;
            // One mono stream per channel: a valid mapping, but not the coupled layouts of the TS channel_config_code
            // table, which this demuxer does not carry over (multichannel Opus over SRT is not seen in practice).
            head[19] = (byte) channels;
            head[20] = 0;
            for (int i = 0; i < channels; i++) {
                head[21 + i] = (byte) i;
            }
        }
        return head;
    }
}
