package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkEncoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.ProtocolControl;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes ⇄ RTMP messages. Reading: every complete chunk in the buffer is decoded, the completed
 * messages go up the chain, an incomplete trailing chunk waits for more bytes. Writing: an
 * {@link OutboundMessage} becomes its chunks; callers serialise writes per connection, so the
 * encoder (and the chunk size it tracks) needs no lock of its own.
 */
final class ChunkCodecFilter extends BaseFilter {

    private final Attribute<ChunkDecoder> decoderAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ChunkCodecFilter.class.getName() + ".decoder");
    private final Attribute<ChunkEncoder> encoderAttribute =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ChunkCodecFilter.class.getName() + ".encoder");
    private final ChunkLimits limits;
    private final ConnectionFailures failures;

    ChunkCodecFilter(ChunkLimits limits, ConnectionFailures failures) {
        this.limits = limits;
        this.failures = failures;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        ChunkDecoder decoder = decoderAttribute.get(connection);
        if (decoder == null) {
            decoder = new ChunkDecoder(limits);
            decoderAttribute.set(connection, decoder);
        }
        Buffer input = ctx.getMessage();
        List<RtmpMessage> messages = new ArrayList<>();
        try {
            ByteBuffer bytes = input.toByteBuffer();
            int start = bytes.position();
            decoder.decode(bytes, messages::add);
            input.position(input.position() + bytes.position() - start);
        } catch (RuntimeException e) {
            failures.close(connection, e);
            return ctx.getStopAction();
        }
        Buffer incomplete = input.hasRemaining() ? input.split(input.position()) : null;
        if (messages.isEmpty()) {
            return incomplete == null ? ctx.getStopAction() : ctx.getStopAction(incomplete);
        }
        ctx.setMessage(new DecodedMessages(messages, decoder.bytesConsumed()));
        // The remainder is re-run through this filter once the messages have been handled; being an
        // incomplete chunk it is then stored until more bytes arrive.
        return incomplete == null ? ctx.getInvokeAction() : ctx.getInvokeAction(incomplete);
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) {
        if (ctx.getMessage() instanceof OutboundMessage outbound) {
            Connection<?> connection = ctx.getConnection();
            ChunkEncoder encoder = encoderAttribute.get(connection);
            if (encoder == null) {
                encoder = new ChunkEncoder();
                encoderAttribute.set(connection, encoder);
            }
            RtmpMessage message = outbound.message();
            byte[] chunks = encoder.encode(outbound.chunkStreamId(), message);
            if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
                // The announcement itself goes out in the old size; everything after it in the new one.
                encoder.setChunkSize(ProtocolControl.readInt32(message));
            }
            ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(), chunks));
        } else if (ctx.getMessage() instanceof EncodedChunks encoded) {
            // already chunked (shared by every player); wrapping copies nothing
            ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(), encoded.bytes()));
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        decoderAttribute.remove(ctx.getConnection());
        encoderAttribute.remove(ctx.getConnection());
        return ctx.getInvokeAction();
    }
}
