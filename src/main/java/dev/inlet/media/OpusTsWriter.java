package dev.inlet.media;

/**
 * Opus in a TS as ffmpeg, GStreamer and {@link OpusAudioStream} read it (the ETSI TS 102 366-style mapping): PMT
 * stream_type 0x06 with the registration descriptor {@code Opus} and the extension descriptor 0x7F/0x80 giving the
 * channel_config_code (the tags {@link ElementaryStreamInfo} reads), and each packet behind a control header (prefix 0x3FF, no trims or extension, au_size as a
 * run of 0xFF bytes and a last byte below 0xFF).
 */
final class OpusTsWriter {

    private static final int MAX_CODED_CHANNELS = 8;

    private final int channelConfigCode;

    OpusTsWriter(OpusHead head) {
        // Codes 1..8 mean that many channels in the Vorbis order (family 0 for mono and stereo, family 1 above);
        // other layouts need the extended descriptor form, which this writer does not produce.
        boolean standardLayout = head.mappingFamily() == 0 ? head.channels() <= 2
                : head.mappingFamily() == 1 && head.channels() <= MAX_CODED_CHANNELS;
        if (!standardLayout) {
            throw new MediaFormatException("Opus with " + head.channels() + " channels in mapping family "
                    + head.mappingFamily() + " has no TS channel_config_code");
        }
        this.channelConfigCode = head.channels();
    }

    byte[] descriptors() {
        return new byte[] {
                ElementaryStreamInfo.REGISTRATION_DESCRIPTOR, 4, 'O', 'p', 'u', 's',
                ElementaryStreamInfo.EXTENSION_DESCRIPTOR, 2, (byte) ElementaryStreamInfo.OPUS_EXTENSION_TAG,
                (byte) channelConfigCode};
    }

    /** One access unit: control header 0x7F 0xE0, au_size, then the Opus packet. */
    byte[] accessUnit(byte[] opusPacket) {
        int sizeBytes = opusPacket.length / 0xFF + 1;
        byte[] unit = new byte[2 + sizeBytes + opusPacket.length];
        unit[0] = 0x7F;
        unit[1] = (byte) 0xE0;
        for (int i = 0; i < sizeBytes - 1; i++) {
            unit[2 + i] = (byte) 0xFF;
        }
        unit[2 + sizeBytes - 1] = (byte) (opusPacket.length % 0xFF);
        System.arraycopy(opusPacket, 0, unit, 2 + sizeBytes, opusPacket.length);
        return unit;
    }
}
