package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.RtmpMessage;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Splits outgoing messages into chunks (RTMP 1.0, 5.3). Every message starts with a format 0 header, so each
 * encoded message stands alone and the same bytes can be written to any connection using the same chunk size and
 * chunk stream id. Not thread-safe: the chunk size is mutable state shared by every later call.
 */
public final class ChunkEncoder {

    private static final int MAX_MESSAGE_LENGTH = 0xFF_FFFF;
    private static final int FORMAT_0_HEADER_LENGTH = 11;
    private static final int EXTENDED_TIMESTAMP_LENGTH = 4;
    private static final int FORMAT_0 = 0;
    private static final int FORMAT_3 = 3;

    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;

    /** Outgoing chunk size 128 until {@link #setChunkSize}. */
    public ChunkEncoder() {
    }

    /**
     * Changes the outgoing chunk size. The caller must send the matching Set Chunk Size message (encoded with the
     * old size) before any message encoded with the new one.
     */
    public void setChunkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be 1 .. 0x7FFFFFFF: " + size);
        }
        chunkSize = size;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Encodes a whole message on chunk stream {@code csid} (2..65599): format 0 header on the first chunk, format
     * 3 on the rest. A timestamp of 0xFFFFFF or more goes into the extended timestamp field, which is repeated on
     * every format 3 chunk.
     */
    public byte[] encode(int csid, RtmpMessage message) {
        byte[] encoded = new byte[encodedLength(csid, message.length(), message.timestamp(), chunkSize)];
        encodeTo(csid, message, ByteBuffer.wrap(encoded));
        return encoded;
    }

    /**
     * Same as {@link #encode}, into {@code out} at its position.
     *
     * @return the number of bytes written
     * @throws BufferOverflowException if {@code out} lacks room; nothing is written then
     */
    public int encodeTo(int csid, RtmpMessage message, ByteBuffer out) {
        ChunkBasicHeader.requireValidCsid(csid);
        int length = message.length();
        requireEncodableLength(length);
        long timestamp = message.timestamp();
        int total = encodedLength(csid, length, timestamp, chunkSize);
        if (out.remaining() < total) {
            throw new BufferOverflowException();
        }
        boolean extended = timestamp >= ChunkDecoder.EXTENDED_TIMESTAMP_MARKER;

        ChunkBasicHeader.write(out, FORMAT_0, csid);
        putUnsigned24(out, extended ? ChunkDecoder.EXTENDED_TIMESTAMP_MARKER : (int) timestamp);
        putUnsigned24(out, length);
        out.put((byte) message.typeId());
        putInt32LittleEndian(out, message.streamId());
        if (extended) {
            putInt32(out, (int) timestamp);
        }
        byte[] payload = message.payload();
        int written = Math.min(chunkSize, length);
        out.put(payload, 0, written);
        while (written < length) {
            ChunkBasicHeader.write(out, FORMAT_3, csid);
            if (extended) {
                putInt32(out, (int) timestamp);
            }
            int piece = Math.min(chunkSize, length - written);
            out.put(payload, written, piece);
            written += piece;
        }
        return total;
    }

    /** The exact number of bytes {@link #encode} produces for such a message. */
    public static int encodedLength(int csid, int payloadLength, long timestamp, int chunkSize) {
        ChunkBasicHeader.requireValidCsid(csid);
        requireEncodableLength(payloadLength);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        int basicHeader = ChunkBasicHeader.length(csid);
        int extendedTimestamp = (timestamp & 0xFFFF_FFFFL) >= ChunkDecoder.EXTENDED_TIMESTAMP_MARKER
                ? EXTENDED_TIMESTAMP_LENGTH : 0;
        int chunks = payloadLength == 0 ? 1 : (payloadLength - 1) / chunkSize + 1;
        return basicHeader + FORMAT_0_HEADER_LENGTH + extendedTimestamp + payloadLength
                + (chunks - 1) * (basicHeader + extendedTimestamp);
    }

    private static void requireEncodableLength(int length) {
        if (length < 0 || length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message length does not fit in 24 bits: " + length);
        }
    }

    private static void putUnsigned24(ByteBuffer out, int value) {
        out.put((byte) (value >>> 16));
        out.put((byte) (value >>> 8));
        out.put((byte) value);
    }

    private static void putInt32(ByteBuffer out, int value) {
        out.put((byte) (value >>> 24));
        out.put((byte) (value >>> 16));
        out.put((byte) (value >>> 8));
        out.put((byte) value);
    }

    private static void putInt32LittleEndian(ByteBuffer out, int value) {
        out.put((byte) value);
        out.put((byte) (value >>> 8));
        out.put((byte) (value >>> 16));
        out.put((byte) (value >>> 24));
    }
}
