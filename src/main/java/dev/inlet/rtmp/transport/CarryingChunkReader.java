package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.ReassemblyBudget;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One connection's chunk decoding across reads: every read is consumed whole, complete chunks are decoded straight
 * from it, and an incomplete trailing chunk is copied into this reader's carry until the rest arrives.
 *
 * <p>Why not hand the incomplete chunk back to Grizzly as a remainder: Grizzly appends the next read to it as a
 * composite buffer, which had to be copied whole into a new {@code ByteBuffer} on every read (the largest cost after
 * allocation in the ingest profile), and the read buffer could not be reused ({@link ReadBufferMemoryManager}). Here
 * at most one chunk is carried, and only bytes that have arrived; the read buffer is free once {@link #read} returns.
 * The carry is charged to the connection's {@link ReassemblyBudget.Account} along with its partial messages.
 */
final class CarryingChunkReader {

    /** The longest chunk header: 3-byte basic header, 11-byte message header, 4-byte extended timestamp. */
    private static final int MAX_HEADER_LENGTH = 18;
    /** A carry up to this size (a 4096-byte chunk and more) is kept for the next one; a larger one is dropped. */
    private static final int CARRY_KEPT_BYTES = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];

    private final ChunkDecoder decoder;
    private final ReassemblyBudget.Account memory;
    private byte[] carry = NO_BYTES;
    private int carryLength;

    CarryingChunkReader(ChunkLimits limits) {
        this(limits, ReassemblyBudget.unlimited().open(() -> { }));
    }

    CarryingChunkReader(ChunkLimits limits, ReassemblyBudget.Account memory) {
        this.memory = memory;
        decoder = new ChunkDecoder(limits, memory);
    }

    /**
     * Consumes all of {@code bytes}, handing every message it completes to {@code out}.
     *
     * @throws dev.inlet.rtmp.RtmpProtocolException as {@link ChunkDecoder#decode} does
     */
    void read(ByteBuffer bytes, Consumer<RtmpMessage> out) {
        if (carryLength > 0) {
            completeCarried(bytes, out);
        }
        if (bytes.hasRemaining()) {
            decoder.decode(bytes, out);
            if (bytes.hasRemaining()) {
                int length = bytes.remaining();
                ensureCarryRoom(length);
                bytes.get(carry, carryLength, length);
                carryLength += length;
            }
        }
    }

    /** Bytes of complete chunks decoded so far (what acknowledgements count). */
    long bytesConsumed() {
        return decoder.bytesConsumed();
    }

    /** Bytes waiting for the rest of their chunk. */
    int carried() {
        return carryLength;
    }

    /**
     * Appends to the carried bytes just enough of {@code bytes} to complete the carried chunk (a chunk is at most a
     * header and a chunk size of payload) and decodes them; whatever the decoder did not need goes back to
     * {@code bytes}. If the chunk is still incomplete, all of {@code bytes} is now carried.
     */
    private void completeCarried(ByteBuffer bytes, Consumer<RtmpMessage> out) {
        int carried = carryLength;
        long chunk = (long) MAX_HEADER_LENGTH + decoder.chunkSize();
        int take = (int) Math.min(bytes.remaining(), Math.max(1, chunk - carried));
        ensureCarryRoom(take);
        bytes.get(carry, carried, take);
        int total = carried + take;
        ByteBuffer joined = ByteBuffer.wrap(carry, 0, total);
        decoder.decode(joined, out);
        int consumed = joined.position();
        if (consumed >= carried) {
            // the carried chunk completed: the bytes it did not use are read again from the input
            bytes.position(bytes.position() - (total - consumed));
            carryLength = 0;
            if (carry.length > CARRY_KEPT_BYTES) {
                memory.release(carry.length);
                carry = NO_BYTES; // a large carry (a huge chunk size) is not kept between chunks
            }
        } else {
            // not expected (the carried bytes held no complete chunk), but stays correct
            System.arraycopy(carry, consumed, carry, 0, total - consumed);
            carryLength = total - consumed;
        }
    }

    /** Grows the carry as bytes arrive (doubling), so it never holds more than twice what is carried. */
    private void ensureCarryRoom(int more) {
        int needed = carryLength + more;
        if (needed > carry.length) {
            int grown = (int) Math.max(needed, Math.min(2L * carry.length, Integer.MAX_VALUE - 8));
            memory.reserve(grown - carry.length);
            carry = Arrays.copyOf(carry, grown);
        }
    }
}
