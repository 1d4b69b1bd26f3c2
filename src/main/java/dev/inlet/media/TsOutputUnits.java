package dev.inlet.media;

/**
 * Collects 188-byte TS packets into units of {@value #PACKETS_PER_UNIT} packets ({@value #UNIT_SIZE} bytes), the
 * payload of one SRT live message, and hands each full unit to the sink; {@link #flush()} hands on a shorter last
 * one. Holds one unit, so memory stays fixed whatever the stream does.
 */
final class TsOutputUnits {

    static final int PACKETS_PER_UNIT = 7;
    static final int UNIT_SIZE = PACKETS_PER_UNIT * TsPacket.SIZE;

    private final TsMuxer.Sink sink;
    private final byte[] unit = new byte[UNIT_SIZE];
    private int length;

    TsOutputUnits(TsMuxer.Sink sink) {
        this.sink = sink;
    }

    /** The buffer to write the next packet into, at {@link #nextPacketOffset()}; call {@link #packetWritten()} after. */
    byte[] buffer() {
        return unit;
    }

    int nextPacketOffset() {
        return length;
    }

    void packetWritten() {
        length += TsPacket.SIZE;
        if (length == UNIT_SIZE) {
            flush();
        }
    }

    void flush() {
        if (length > 0) {
            int full = length;
            length = 0; // before the call, so a sink that throws leaves a consistent, empty buffer
            sink.accept(unit, 0, full);
        }
    }
}
