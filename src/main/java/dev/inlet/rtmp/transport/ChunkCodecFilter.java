package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.LimitExceededException;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.ReassemblyBudget;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Bytes ⇄ RTMP messages. Reading: every read is decoded by the connection's {@link CarryingChunkReader} (complete
 * chunks at once, an incomplete one carried), and the completed messages go up the chain. Writing: messages arrive
 * already chunked ({@link EncodedChunks}, from {@link ConnectionOutput}, the one owner of the outgoing chunk size)
 * and are only wrapped for the transport.
 */
final class ChunkCodecFilter extends BaseFilter {

    private final Attribute<Reader> readerAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ChunkCodecFilter.class.getName() + ".reader");
    private final ChunkLimits limits;
    private final ReassemblyBudget memory;
    private final ConnectionFailures failures;

    ChunkCodecFilter(ChunkLimits limits, ReassemblyBudget memory, ConnectionFailures failures) {
        this.limits = limits;
        this.memory = memory;
        this.failures = failures;
    }

    /** Per-connection read state: the reader and the one message list every read refills. */
    private static final class Reader {
        final CarryingChunkReader chunks;
        final DecodedMessages decoded = new DecodedMessages();

        Reader(ChunkLimits limits, ReassemblyBudget.Account memory) {
            chunks = new CarryingChunkReader(limits, memory);
        }
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        Reader reader = readerAttribute.get(connection);
        if (reader == null) {
            if (!connection.isOpen()) {
                return ctx.getStopAction(); // a read that raced the close: nothing to decode it for
            }
            ReassemblyBudget.Account account = memory.open(() -> failures.close(connection,
                    new LimitExceededException(ReassemblyBudget.LIMIT_NAME,
                            "closed to free memory: it held the most bytes in partial messages")));
            // A close listener, not handleClose: Grizzly calls it exactly once, at once if the connection is already
            // closed, whichever thread closes it, so an account can never outlive its connection.
            connection.addCloseListener((CloseListener<Closeable, ICloseType>) (closed, type) -> account.close());
            reader = new Reader(limits, account);
            readerAttribute.set(connection, reader);
        }
        Buffer input = ctx.getMessage();
        DecodedMessages decoded = reader.decoded;
        decoded.messages().clear();
        try {
            // A plain heap buffer gives a view here; only a composite (rare: the handshake's leftovers) is copied.
            reader.chunks.read(input.toByteBuffer(), decoded.messages()::add);
        } catch (RuntimeException e) {
            failures.close(connection, e);
            return ctx.getStopAction();
        }
        input.position(input.limit()); // decoded or carried: nothing refers to the read buffer any more
        // Passed up even when no message completed: any bytes read keep a publisher alive (a large keyframe on a
        // slow uplink takes longer than the read timeout to complete).
        decoded.totalBytesRead(reader.chunks.bytesConsumed());
        ctx.setMessage(decoded);
        return ctx.getInvokeAction();
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
        readerAttribute.remove(ctx.getConnection()); // its memory was credited back by the close listener
        return ctx.getInvokeAction();
    }
}
