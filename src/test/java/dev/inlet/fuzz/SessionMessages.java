package dev.inlet.fuzz;

import dev.inlet.rtmp.RtmpMessage;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact framing of a message sequence in fuzz inputs: per message its type (1 byte), message stream id
 * (1 byte), timestamp (1 byte) and payload length (2 bytes, big-endian), then the payload. A truncated last message
 * keeps the bytes that are there, so every input means something.
 */
final class SessionMessages {

    private static final int HEADER_LENGTH = 5;

    private SessionMessages() {
    }

    static List<RtmpMessage> parse(byte[] input, int from) {
        List<RtmpMessage> messages = new ArrayList<>();
        int p = from;
        while (input.length - p >= HEADER_LENGTH) {
            int typeId = input[p] & 0xFF;
            int streamId = input[p + 1] & 0xFF;
            long timestamp = input[p + 2] & 0xFF;
            int length = ((input[p + 3] & 0xFF) << 8) | (input[p + 4] & 0xFF);
            int start = p + HEADER_LENGTH;
            int end = Math.min(input.length, start + length);
            byte[] payload = new byte[end - start];
            System.arraycopy(input, start, payload, 0, payload.length);
            messages.add(new RtmpMessage(typeId, streamId, timestamp, payload));
            p = end;
        }
        return messages;
    }

    /** The inverse of {@link #parse}, for writing seeds; payloads longer than 65535 bytes are cut. */
    static byte[] format(List<RtmpMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RtmpMessage m : messages) {
            int length = Math.min(m.length(), 0xFFFF);
            out.write(m.typeId());
            out.write(m.streamId());
            out.write((int) m.timestamp());
            out.write(length >>> 8);
            out.write(length);
            out.write(m.payload(), 0, length);
        }
        return out.toByteArray();
    }
}
