package dev.inlet.media.fmp4;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.OpusPacket;
import dev.inlet.media.OpusHead;

/**
 * An Opus track: sample entry {@code Opus} with its {@code dOps} (Encapsulation of Opus in ISO Base Media File
 * Format, section 4.3.2: the OpusHead fields big-endian, version 0, the channel mapping table for families other
 * than 0). Timescale 48 kHz, Opus's decoding rate; a sample's duration comes from its TOC byte (RFC 6716 section 3.1).
 */
public final class OpusTrackFormat extends TrackFormat {

    private static final int MAPPING_TABLE_OFFSET = 19;
    /** 20 ms, the common Opus packet, for a packet whose TOC cannot be read. */
    private static final int DEFAULT_PACKET_SAMPLES = 960;

    private final OpusHead head;
    /** Stream count, coupled count and channel mapping, for mapping families other than 0. */
    private final byte[] mappingTable;

    private OpusTrackFormat(OpusHead head, byte[] mappingTable) {
        this.head = head;
        this.mappingTable = mappingTable;
    }

    static OpusTrackFormat of(byte[] opusHead) {
        OpusHead head = OpusHead.parse(opusHead);
        byte[] table = new byte[0];
        if (head.mappingFamily() != 0) {
            int length = 2 + head.channels();
            if (opusHead.length < MAPPING_TABLE_OFFSET + length) {
                throw new MediaFormatException("OpusHead of mapping family " + head.mappingFamily()
                        + " without its channel mapping table (" + opusHead.length + " bytes)");
            }
            table = java.util.Arrays.copyOfRange(opusHead, MAPPING_TABLE_OFFSET, MAPPING_TABLE_OFFSET + length);
        }
        return new OpusTrackFormat(head, table);
    }

    public OpusHead head() {
        return head;
    }

    @Override
    public FrameKind kind() {
        return FrameKind.OPUS;
    }

    @Override
    public int timescale() {
        return OpusHead.OUTPUT_SAMPLE_RATE;
    }

    @Override
    public String codecs() {
        return "Opus";
    }

    @Override
    public int channels() {
        return head.channels();
    }

    @Override
    void writeSampleEntry(BoxWriter out) {
        out.begin("Opus");
        audioSampleEntryFields(out, head.channels(), OpusHead.OUTPUT_SAMPLE_RATE);
        out.begin("dOps");
        out.u8(0); // Version
        out.u8(head.channels()).u16(head.preSkip()).u32(head.inputSampleRate()).u16(head.outputGain());
        out.u8(head.mappingFamily());
        out.bytes(mappingTable);
        out.end();
        out.end();
    }

    @Override
    byte[] sampleData(AVPacket packet) {
        return packet.data();
    }

    /** The packet's samples at 48 kHz from its TOC byte; a packet whose TOC cannot be read counts as 20 ms. */
    @Override
    long nominalDuration(AVPacket packet) {
        int samples = OpusPacket.samples(packet.data());
        return samples > 0 ? samples : DEFAULT_PACKET_SAMPLES;
    }
}
