package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes ⇄ RTMP messages. Reading: every complete chunk in the buffer is decoded, the completed messages go up the
 * chain. Writing: messages arrive already chunked ({@link EncodedChunks}, from {@link ConnectionOutput}, the one
 * owner of the outgoing chunk size) and are only wrapped for the transport.
 *
 * <p>An incomplete trailing chunk is copied into the connection's own carry buffer instead of being handed back to
 * Grizzly as a remainder: Grizzly would append the next read to it as a composite buffer, which then has to be
 * copied whole to be read as one {@code ByteBuffer} on every read (the ingest profile's largest cost), and the read
 * buffer itself could not be reused (see {@link ReadBufferMemoryManager}). At most one chunk is carried, and only
 * bytes that have arrived.
 */
final class ChunkCodecFilter extends BaseFilter {

    /** The longest chunk header: 3-byte basic header, 11-byte message header, 4-byte extended timestamp. */
    private static final int MAX_HEADER_LENGTH = 18;
    private static final byte[] NO_BYTES = new byte[0];
    /** A carry up to this size (a 4096-byte chunk and more) is kept for the next one; a larger one is dropped. */
    private static final int CARRY_KEPT_BYTES = 64 * 1024;

    private final Attribute<Reader> readerAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ChunkCodecFilter.class.getName() + ".reader");
    private final ChunkLimits limits;
    private final ConnectionFailures failures;

    ChunkCodecFilter(ChunkLimits limits, ConnectionFailures failures) {
        this.limits = limits;
        this.failures = failures;
    }

    /** Per-connection read state. */
    private static final class Reader {
        final ChunkDecoder decoder;
        final DecodedMessages decoded = new DecodedMessages();
        /** The bytes of an incomplete chunk, waiting for the rest. */
        byte[] carry = NO_BYTES;
        int carryLength;

        Reader(ChunkLimits limits) {
            decoder = new ChunkDecoder(limits);
        }
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        Reader reader = readerAttribute.get(connection);
        if (reader == null) {
            reader = new Reader(limits);
            readerAttribute.set(connection, reader);
        }
        Buffer input = ctx.getMessage();
        DecodedMessages decoded = reader.decoded;
        decoded.messages().clear();
        try {
            // A plain heap buffer gives a view here; only a composite (rare: the handshake's leftovers) is copied.
            ByteBuffer bytes = input.toByteBuffer();
            if (reader.carryLength > 0) {
                completeCarried(reader, bytes);
            }
            if (bytes.hasRemaining()) {
                reader.decoder.decode(bytes, decoded.messages()::add);
                if (bytes.hasRemaining()) {
                    carry(reader, bytes);
                }
            }
        } catch (RuntimeException e) {
            failures.close(connection, e);
            return ctx.getStopAction();
        }
        input.position(input.limit()); // all of it was decoded or carried: nothing refers to the buffer any more
        if (decoded.messages().isEmpty()) {
            return ctx.getStopAction();
        }
        decoded.totalBytesRead(reader.decoder.bytesConsumed());
        ctx.setMessage(decoded);
        return ctx.getInvokeAction();
    }

    /**
     * Appends to the carried bytes just enough of {@code bytes} to complete the carried chunk (one chunk is at most
     * a header and a chunk size of payload) and decodes them; whatever the decoder did not need goes back to
     * {@code bytes}. If the chunk is still incomplete, every byte of {@code bytes} is now carried.
     */
    private static void completeCarried(Reader reader, ByteBuffer bytes) {
        int carried = reader.carryLength;
        long chunk = (long) MAX_HEADER_LENGTH + reader.decoder.chunkSize();
        int take = (int) Math.min(bytes.remaining(), Math.max(0, chunk - carried));
        ensureCarryRoom(reader, take);
        bytes.get(reader.carry, carried, take);
        int total = carried + take;
        ByteBuffer joined = ByteBuffer.wrap(reader.carry, 0, total);
        reader.decoder.decode(joined, reader.decoded.messages()::add);
        int consumed = joined.position();
        if (consumed >= carried) {
            // the carried chunk completed: the bytes it did not use are read again from the input
            bytes.position(bytes.position() - (total - consumed));
            reader.carryLength = 0;
            if (reader.carry.length > CARRY_KEPT_BYTES) {
                reader.carry = NO_BYTES; // a large carry (a huge chunk size) is not kept between chunks
            }
        } else {
            // cannot happen (the carried bytes held no complete chunk), but stay correct if it does
            System.arraycopy(reader.carry, consumed, reader.carry, 0, total - consumed);
            reader.carryLength = total - consumed;
        }
    }

    private static void carry(Reader reader, ByteBuffer bytes) {
        int length = bytes.remaining();
        ensureCarryRoom(reader, length);
        bytes.get(reader.carry, reader.carryLength, length);
        reader.carryLength += length;
    }

    /** Grows the carry as bytes arrive (doubling), so it never holds more than twice what was carried. */
    private static void ensureCarryRoom(Reader reader, int more) {
        int needed = reader.carryLength + more;
        if (needed > reader.carry.length) {
            reader.carry = Arrays.copyOf(reader.carry, Math.max(needed, Math.min(2 * reader.carry.length,
                    Integer.MAX_VALUE - 8)));
        }
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof EncodedChunks encoded) {
            // chunked by ConnectionOutput (or shared by every player); wrapping copies nothing
            ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(), encoded.bytes()));
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        readerAttribute.remove(ctx.getConnection());
        return ctx.getInvokeAction();
    }
}
