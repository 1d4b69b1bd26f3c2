package dev.inlet.rtmp;

import java.util.Objects;

/**
 * One complete RTMP message, as reassembled from chunks or about to be split into them.
 *
 * @param typeId    the message type id (see {@link MessageTypes})
 * @param streamId  the message stream id (little-endian on the wire; 0 for the control stream)
 * @param timestamp milliseconds, the absolute 32-bit wire value as an unsigned number (0 .. 2^32-1)
 * @param payload   the message body; treated as read-only once the message is built
 */
public record RtmpMessage(int typeId, int streamId, long timestamp, byte[] payload) {

    public RtmpMessage {
        Objects.requireNonNull(payload, "payload");
        if (typeId < 0 || typeId > 0xFF) {
            throw new IllegalArgumentException("type id out of range: " + typeId);
        }
        timestamp &= 0xFFFF_FFFFL;
    }

    public int length() {
        return payload.length;
    }

    public boolean isMedia() {
        return typeId == MessageTypes.AUDIO || typeId == MessageTypes.VIDEO;
    }

    @Override
    public String toString() {
        return "RtmpMessage[type=" + typeId + ", stream=" + streamId + ", ts=" + timestamp + ", len=" + payload.length + "]";
    }
}
