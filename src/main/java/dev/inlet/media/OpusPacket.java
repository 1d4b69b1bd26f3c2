package dev.inlet.media;

/** Facts about one Opus packet (RFC 6716 section 3.1) that containers need: how many samples it decodes to. */
public final class OpusPacket {

    private OpusPacket() {
    }

    /** The samples (at 48 kHz) of one Opus packet from its TOC byte and frame count, or -1 when it is malformed. */
    public static int samples(byte[] packet) {
        if (packet.length == 0) {
            return -1;
        }
        int toc = packet[0] & 0xFF;
        int config = toc >> 3;
        int frameSamples;
        if (config < 12) {
            frameSamples = new int[] {480, 960, 1920, 2880}[config & 0x03]; // SILK: 10, 20, 40, 60 ms
        } else if (config < 16) {
            frameSamples = (config & 0x01) == 0 ? 480 : 960; // hybrid: 10, 20 ms
        } else {
            frameSamples = new int[] {120, 240, 480, 960}[config & 0x03]; // CELT: 2.5, 5, 10, 20 ms
        }
        int frames = switch (toc & 0x03) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? -1 : packet[1] & 0x3F;
        };
        return frames <= 0 ? -1 : frames * frameSamples;
    }
}
