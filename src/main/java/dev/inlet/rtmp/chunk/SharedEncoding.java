package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.RtmpMessage;

import java.nio.ByteBuffer;

/**
 * The chunked bytes of one message, computed once and handed to every connection that sends the
 * same message with the same chunk stream, message stream and chunk size — in practice every
 * player of a stream. Callers send {@link ByteBuffer#duplicate() duplicates} and never change the contents.
 *
 * <p>The bytes live on the heap. A direct buffer per message cost a native allocation, zeroing and fresh pages per
 * message: with 50 streams of two players that was a sixth of the server's CPU, and the direct memory waited for a
 * garbage collection to be freed. A heap buffer costs one copy per write into the JDK's cached direct buffer of the
 * writing thread, which only a large audience of one stream notices (300 players: within the run-to-run spread).
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
        ByteBuffer encoded = ByteBuffer.wrap(encoder.encode(csid, message));
        if (used < SLOTS) {
            keys[used * 3] = csid;
            keys[used * 3 + 1] = message.streamId();
            keys[used * 3 + 2] = chunkSize;
            encodings[used++] = encoded;
        }
        return encoded.duplicate();
    }
}
