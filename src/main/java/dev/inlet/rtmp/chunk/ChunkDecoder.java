package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.LimitExceededException;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the incoming chunk stream of one connection into messages (RTMP 1.0, 5.3). Not thread-safe: one decoder
 * per connection, fed by one thread at a time.
 *
 * <p>A chunk is consumed only once it is complete, so a call never leaves half a header behind: the caller keeps
 * the unconsumed tail and calls again once more bytes have arrived. Every complete chunk consumes at least one
 * byte, so a call always terminates.
 *
 * <p>Memory is bounded by the {@link ChunkLimits}: at most {@code maxChunkStreams} partial messages, each no longer
 * than {@code maxMessageSize}, whose buffers grow only as their bytes arrive; and by the connection's
 * {@link ReassemblyBudget.Account}, charged for every buffer held between chunks (a message that arrives in one chunk
 * is never held, so costs no accounting).
 */
public final class ChunkDecoder {

    static final int DEFAULT_CHUNK_SIZE = 128;
    static final int EXTENDED_TIMESTAMP_MARKER = 0xFF_FFFF;
    private static final int EXTENDED_TIMESTAMP_LENGTH = 4;
    /** Message header length by chunk format 0, 1, 2, 3. */
    private static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};

    /** Chunk stream ids below this (all one-byte ids; encoders use 2 to 8) are found by index, not hashing. */
    private static final int INDEXED_STREAMS = 64;

    private final ChunkLimits limits;
    private final ReassemblyBudget.Account memory;
    /** Looked up for every chunk: an array for the common ids, a map only for two- and three-byte ids. */
    private final ChunkStreamState[] indexedStreams = new ChunkStreamState[INDEXED_STREAMS];
    private final Map<Integer, ChunkStreamState> otherStreams = new HashMap<>();
    private int streamCount;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long bytesConsumed;

    /** A decoder whose partial messages are limited only by {@code limits} (clients, tests). */
    public ChunkDecoder(ChunkLimits limits) {
        this(limits, ReassemblyBudget.unlimited().open(() -> { }));
    }

    /** A decoder that charges the buffers of its partial messages to {@code memory}. */
    public ChunkDecoder(ChunkLimits limits, ReassemblyBudget.Account memory) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /**
     * Consumes as many complete chunks from {@code in} as are available (advancing its position past them),
     * appending every message that completes to {@code out}. Bytes of a trailing incomplete chunk are left
     * unconsumed (the position stays at its start) so the caller can keep them and call again with more bytes
     * appended.
     *
     * @throws RtmpProtocolException when the bytes break the protocol or exceed the limits; the connection
     *                               cannot continue after that
     */
    public void decode(ByteBuffer in, Consumer<RtmpMessage> out) {
        while (in.hasRemaining() && decodeChunk(in, out)) {
            // each iteration consumed one whole chunk
        }
    }

    /** The incoming chunk size currently in force (128 until the peer sends Set Chunk Size). */
    public int chunkSize() {
        return chunkSize;
    }

    /** Total bytes consumed so far, the count acknowledgements report. */
    public long bytesConsumed() {
        return bytesConsumed;
    }

    /**
     * Decodes the chunk starting at the buffer's position. Reads with absolute indexes and commits nothing until
     * the whole chunk is present (beyond registering a new chunk stream id), so an incomplete chunk leaves the buffer
     * and the header state untouched and the next call parses it again from its first byte.
     *
     * @return false if the chunk is incomplete
     */
    private boolean decodeChunk(ByteBuffer in, Consumer<RtmpMessage> out) {
        final int start = in.position();
        final int end = in.limit();
        int p = start;

        int first = in.get(p++) & 0xFF;
        int format = first >>> 6;
        int csid = first & 0x3F;
        if (csid == ChunkBasicHeader.TWO_BYTE_MARKER) {
            if (end - p < 1) {
                return false;
            }
            csid = ChunkBasicHeader.FIRST_TWO_BYTE_CSID + (in.get(p++) & 0xFF);
        } else if (csid == ChunkBasicHeader.THREE_BYTE_MARKER) {
            if (end - p < 2) {
                return false;
            }
            csid = ChunkBasicHeader.FIRST_TWO_BYTE_CSID + (in.get(p) & 0xFF) + ((in.get(p + 1) & 0xFF) << 8);
            p += 2;
        }

        ChunkStreamState stream = streamFor(csid, format);
        if (format < 3 && stream.isReassembling()) {
            throw new RtmpProtocolException(Reason.MALFORMED, "format " + format + " header on chunk stream " + csid
                    + " while its previous message is incomplete (" + stream.bytesReceived + " of "
                    + stream.messageLength + " bytes)");
        }

        int headerLength = MESSAGE_HEADER_LENGTH[format];
        if (end - p < headerLength) {
            return false;
        }
        long timestampField = 0;
        int messageLength = stream.messageLength;
        int typeId = stream.typeId;
        int messageStreamId = stream.messageStreamId;
        if (format < 3) {
            timestampField = readUnsigned24(in, p);
        }
        if (format < 2) {
            messageLength = (int) readUnsigned24(in, p + 3);
            typeId = in.get(p + 6) & 0xFF;
            if (messageLength > limits.maxMessageSize()) {
                throw new LimitExceededException("message_too_large", "message length " + messageLength
                        + " on chunk stream " + csid + " above limit " + limits.maxMessageSize());
            }
        }
        if (format == 0) {
            messageStreamId = readInt32LittleEndian(in, p + 7);
        }
        p += headerLength;

        boolean extended = format < 3 && timestampField == EXTENDED_TIMESTAMP_MARKER;
        if (extended) {
            if (end - p < EXTENDED_TIMESTAMP_LENGTH) {
                return false;
            }
            timestampField = readUnsigned32(in, p);
            p += EXTENDED_TIMESTAMP_LENGTH;
        } else if (format == 3 && stream.extendedTimestamp) {
            // The spec says a format 3 chunk repeats the extended timestamp of its chunk stream, and Flash, FMS,
            // ffmpeg and nginx-rtmp all write it; some encoders leave it out. The four bytes after the basic header
            // are therefore the repetition only if they equal the stored value; otherwise they are payload. We wait
            // for all four so the decision never depends on how the input was split.
            if (end - p < EXTENDED_TIMESTAMP_LENGTH) {
                return false;
            }
            if (readUnsigned32(in, p) == stream.extendedTimestampValue) {
                p += EXTENDED_TIMESTAMP_LENGTH;
            }
        }

        boolean startsMessage = !stream.isReassembling();
        int received = startsMessage ? 0 : stream.bytesReceived;
        int payloadInChunk = Math.min(chunkSize, messageLength - received);
        if (end - p < payloadInChunk) {
            return false;
        }

        // The chunk is complete: commit it.
        if (format < 3) {
            stream.extendedTimestamp = extended;
            stream.extendedTimestampValue = timestampField;
        }
        switch (format) {
            case 0 -> {
                // A format 0 timestamp is absolute, yet a later format 3 message adds it as the delta, as the
                // spec's examples and ffmpeg read it.
                stream.timestamp = timestampField;
                stream.timestampDelta = timestampField;
                stream.messageLength = messageLength;
                stream.typeId = typeId;
                stream.messageStreamId = messageStreamId;
                stream.hasHeader = true;
            }
            case 1 -> {
                stream.timestampDelta = timestampField;
                stream.timestamp = wrap(stream.timestamp + timestampField);
                stream.messageLength = messageLength;
                stream.typeId = typeId;
            }
            case 2 -> {
                stream.timestampDelta = timestampField;
                stream.timestamp = wrap(stream.timestamp + timestampField);
            }
            default -> {
                if (startsMessage) {
                    stream.timestamp = wrap(stream.timestamp + stream.timestampDelta);
                }
            }
        }
        if (startsMessage && payloadInChunk == messageLength) {
            // the whole message is in this chunk: never held, so neither charged nor grown
            byte[] payload = new byte[messageLength];
            in.get(p, payload, 0, messageLength);
            p += messageLength;
            in.position(p);
            bytesConsumed += p - start;
            deliver(new RtmpMessage(stream.typeId, stream.messageStreamId, stream.timestamp, payload), out);
            return true;
        }
        if (startsMessage) {
            stream.startMessage(messageLength);
        }
        stream.ensureRoomFor(payloadInChunk);
        in.get(p, stream.partialPayload, stream.bytesReceived, payloadInChunk);
        stream.bytesReceived += payloadInChunk;
        p += payloadInChunk;
        in.position(p);
        bytesConsumed += p - start;

        if (stream.bytesReceived == stream.messageLength) {
            deliver(new RtmpMessage(stream.typeId, stream.messageStreamId, stream.timestamp,
                    stream.takeCompletedPayload()), out);
        }
        return true;
    }

    private void deliver(RtmpMessage message, Consumer<RtmpMessage> out) {
        applyChunkControl(message);
        out.accept(message);
    }

    /** The connection ended: the partial messages are dropped and their memory is free. */
    public void release() {
        memory.close();
    }

    private ChunkStreamState stream(int csid) {
        return csid < INDEXED_STREAMS ? indexedStreams[csid] : otherStreams.get(csid);
    }

    private ChunkStreamState streamFor(int csid, int format) {
        ChunkStreamState stream = stream(csid);
        if (stream == null || !stream.hasHeader) {
            if (format != 0) {
                throw new RtmpProtocolException(Reason.MALFORMED,
                        "format " + format + " chunk on chunk stream " + csid + " before any format 0 chunk");
            }
            if (stream == null) {
                if (streamCount >= limits.maxChunkStreams()) {
                    throw new LimitExceededException("too_many_chunk_streams",
                            "more than " + limits.maxChunkStreams() + " chunk streams");
                }
                stream = new ChunkStreamState(memory);
                streamCount++;
                if (csid < INDEXED_STREAMS) {
                    indexedStreams[csid] = stream;
                } else {
                    otherStreams.put(csid, stream);
                }
            }
        }
        return stream;
    }

    /** Set Chunk Size and Abort change how the very next chunk is read, so they act here, before delivery. */
    private void applyChunkControl(RtmpMessage message) {
        if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
            chunkSize = ProtocolControl.readChunkSize(message, limits.maxChunkSize());
        } else if (message.typeId() == MessageTypes.ABORT) {
            int abortedCsid = ProtocolControl.readInt32(message);
            ChunkStreamState aborted = abortedCsid < 0 ? null : stream(abortedCsid);
            if (aborted != null) {
                aborted.discardPartialMessage();
            }
        }
    }

    private static long wrap(long timestamp) {
        return timestamp & 0xFFFF_FFFFL;
    }

    private static long readUnsigned24(ByteBuffer in, int index) {
        return ((in.get(index) & 0xFF) << 16) | ((in.get(index + 1) & 0xFF) << 8) | (in.get(index + 2) & 0xFF);
    }

    private static long readUnsigned32(ByteBuffer in, int index) {
        return (readUnsigned24(in, index) << 8) | (in.get(index + 3) & 0xFF);
    }

    /** The message stream id is the one little-endian field of the chunk header. */
    private static int readInt32LittleEndian(ByteBuffer in, int index) {
        return (in.get(index) & 0xFF) | ((in.get(index + 1) & 0xFF) << 8) | ((in.get(index + 2) & 0xFF) << 16)
                | ((in.get(index + 3) & 0xFF) << 24);
    }
}
