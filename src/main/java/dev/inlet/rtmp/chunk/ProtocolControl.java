package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;

/**
 * Builders and parsers for the protocol control messages, types 1 to 6 (RTMP 1.0, 5.4). They travel on message
 * stream 0 with timestamp 0; the caller sends them on chunk stream 2.
 */
public final class ProtocolControl {

    /** Set Peer Bandwidth limit types (5.4.5). */
    public static final int LIMIT_HARD = 0;
    public static final int LIMIT_SOFT = 1;
    public static final int LIMIT_DYNAMIC = 2;

    /** The chunk stream reserved for protocol control messages. */
    public static final int CONTROL_CHUNK_STREAM = 2;

    private static final int CONTROL_MESSAGE_STREAM = 0;

    private ProtocolControl() {
    }

    /** Set Chunk Size: the top bit of the 32-bit field must be zero, so valid sizes are 1 .. 0x7FFFFFFF. */
    public static RtmpMessage setChunkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be 1 .. 0x7FFFFFFF: " + size);
        }
        return control(MessageTypes.SET_CHUNK_SIZE, int32(size));
    }

    /** Abort Message: the peer discards the partly received message on chunk stream {@code csid}. */
    public static RtmpMessage abort(int csid) {
        return control(MessageTypes.ABORT, int32(csid));
    }

    public static RtmpMessage acknowledgement(long sequenceNumber) {
        return control(MessageTypes.ACKNOWLEDGEMENT, int32((int) requireUnsigned32(sequenceNumber)));
    }

    public static RtmpMessage windowAckSize(long size) {
        return control(MessageTypes.WINDOW_ACK_SIZE, int32((int) requireUnsigned32(size)));
    }

    public static RtmpMessage setPeerBandwidth(long size, int limitType) {
        if (limitType < LIMIT_HARD || limitType > LIMIT_DYNAMIC) {
            throw new IllegalArgumentException("limit type must be 0, 1 or 2: " + limitType);
        }
        byte[] payload = new byte[5];
        writeInt32(payload, 0, (int) requireUnsigned32(size));
        payload[4] = (byte) limitType;
        return control(MessageTypes.SET_PEER_BANDWIDTH, payload);
    }

    /** The payload's first four bytes, big-endian. */
    public static int readInt32(RtmpMessage m) {
        byte[] p = m.payload();
        if (p.length < 4) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED,
                    "message type " + m.typeId() + " needs 4 payload bytes, has " + p.length);
        }
        return ((p[0] & 0xFF) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
    }

    /** The payload's first four bytes as an unsigned number (sequence numbers, window sizes). */
    public static long readUnsigned32(RtmpMessage m) {
        return readInt32(m) & 0xFFFF_FFFFL;
    }

    /** The limit type byte of a Set Peer Bandwidth message. */
    public static int readLimitType(RtmpMessage m) {
        byte[] p = m.payload();
        if (p.length < 5) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED,
                    "Set Peer Bandwidth needs 5 payload bytes, has " + p.length);
        }
        return p[4] & 0xFF;
    }

    /**
     * The chunk size announced by a Set Chunk Size message, checked against the largest size this side accepts.
     *
     * @throws RtmpProtocolException MALFORMED for 0 or a set top bit, LIMIT_EXCEEDED above {@code maxChunkSize}
     */
    public static int readChunkSize(RtmpMessage m, int maxChunkSize) {
        int size = readInt32(m);
        if (size <= 0) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED,
                    "invalid chunk size " + Integer.toUnsignedString(size));
        }
        if (size > maxChunkSize) {
            throw new dev.inlet.rtmp.LimitExceededException("chunk_size_too_large",
                    "chunk size " + size + " above limit " + maxChunkSize);
        }
        return size;
    }

    static void writeInt32(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    private static byte[] int32(int value) {
        byte[] payload = new byte[4];
        writeInt32(payload, 0, value);
        return payload;
    }

    static long requireUnsigned32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("value does not fit in an unsigned 32-bit field: " + value);
        }
        return value;
    }

    private static RtmpMessage control(int typeId, byte[] payload) {
        return new RtmpMessage(typeId, CONTROL_MESSAGE_STREAM, 0, payload);
    }
}
