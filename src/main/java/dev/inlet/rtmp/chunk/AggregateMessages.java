package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aggregate messages (type 22, RTMP 1.0, 7.1.6): a body of sub-messages, each an 11-byte header, its payload and a
 * 4-byte back pointer holding the size of that header plus payload.
 *
 * <p>Sub-message header: type (1 byte), payload length (3), timestamp (3 low bytes then 1 high byte), stream id (3).
 * The timestamp layout is the FLV tag's, which is what servers that send aggregates (FMS, Wowza) write and what
 * ffmpeg and nginx-rtmp read; it equals the spec's 4-byte big-endian field for timestamps below 2^24.
 */
public final class AggregateMessages {

    private static final int SUB_HEADER_LENGTH = 11;
    private static final int BACK_POINTER_LENGTH = 4;

    private AggregateMessages() {
    }

    /**
     * Splits an aggregate message into its sub-messages. Timestamps are rebased so that the first sub-message gets
     * the aggregate's own timestamp and the others keep their offsets from it (modulo 2^32); every sub-message takes
     * the aggregate's message stream id.
     *
     * @throws RtmpProtocolException MALFORMED for truncated headers, payloads or back pointers, a back pointer that
     *                               does not match, or a nested aggregate; LIMIT_EXCEEDED for a sub-message longer
     *                               than {@code maxMessageSize}
     */
    public static List<RtmpMessage> split(RtmpMessage aggregate, int maxMessageSize) {
        if (aggregate.typeId() != MessageTypes.AGGREGATE) {
            throw new IllegalArgumentException("not an aggregate message: " + aggregate);
        }
        byte[] body = aggregate.payload();
        List<RtmpMessage> messages = new ArrayList<>();
        long firstTimestamp = 0;
        int p = 0;
        while (p < body.length) {
            if (body.length - p < SUB_HEADER_LENGTH) {
                throw malformed("truncated sub-message header at offset " + p);
            }
            int typeId = body[p] & 0xFF;
            int length = readUnsigned24(body, p + 1);
            long timestamp = (readUnsigned24(body, p + 4) | ((long) (body[p + 7] & 0xFF) << 24));
            if (typeId == MessageTypes.AGGREGATE) {
                // Nesting would let one message expand recursively; nothing legitimate sends it.
                throw malformed("aggregate nested inside an aggregate at offset " + p);
            }
            if (length > maxMessageSize) {
                throw new RtmpProtocolException(Reason.LIMIT_EXCEEDED,
                        "sub-message length " + length + " above limit " + maxMessageSize);
            }
            int payloadStart = p + SUB_HEADER_LENGTH;
            if (body.length - payloadStart < length + BACK_POINTER_LENGTH) {
                throw malformed("sub-message at offset " + p + " declares " + length
                        + " bytes plus back pointer, only " + (body.length - payloadStart) + " remain");
            }
            long backPointer = readUnsigned24(body, payloadStart + length) * 256L
                    + (body[payloadStart + length + 3] & 0xFF);
            if (backPointer != SUB_HEADER_LENGTH + length) {
                throw malformed("back pointer " + backPointer + " at offset " + (payloadStart + length)
                        + " does not match sub-message size " + (SUB_HEADER_LENGTH + length));
            }
            if (messages.isEmpty()) {
                firstTimestamp = timestamp;
            }
            long rebased = aggregate.timestamp() + timestamp - firstTimestamp;
            messages.add(new RtmpMessage(typeId, aggregate.streamId(), rebased,
                    Arrays.copyOfRange(body, payloadStart, payloadStart + length)));
            p = payloadStart + length + BACK_POINTER_LENGTH;
        }
        return messages;
    }

    private static int readUnsigned24(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 16) | ((b[offset + 1] & 0xFF) << 8) | (b[offset + 2] & 0xFF);
    }

    private static RtmpProtocolException malformed(String message) {
        return new RtmpProtocolException(Reason.MALFORMED, message);
    }
}
