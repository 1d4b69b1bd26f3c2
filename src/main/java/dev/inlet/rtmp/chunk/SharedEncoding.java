package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.RtmpMessage;

import java.nio.ByteBuffer;

/**
 * The chunked bytes of one message, computed once and handed to every connection that sends the
 * same message with the same chunk stream, message stream and chunk size — in practice every
 * player of a stream. The bytes live in a direct buffer, so the socket writes them without the
 * JDK first copying them into a temporary direct buffer per player; callers send
 * {@link ByteBuffer#duplicate() duplicates} and never change the contents.
 */
public final class SharedEncoding {

    private static final int SLOTS = 4;

    private final int[] keys = new int[SLOTS * 3];
    private final ByteBuffer[] encodings = new ByteBuffer[SLOTS];
    private int used;

    /** The chunks of {@code message} for these parameters, encoding them only the first time. */
    public synchronized ByteBuffer encode(int csid, RtmpMessage message, int chunkSize) {
        for (int i = 0; i < used; i++) {
            if (keys[i * 3] == csid && keys[i * 3 + 1] == message.streamId() && keys[i * 3 + 2] == chunkSize) {
                return encodings[i].duplicate();
            }
        }
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.setChunkSize(chunkSize);
        byte[] bytes = encoder.encode(csid, message);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        if (used < SLOTS) {
            keys[used * 3] = csid;
            keys[used * 3 + 1] = message.streamId();
            keys[used * 3 + 2] = chunkSize;
            encodings[used++] = direct;
        }
        return direct.duplicate();
    }
}
