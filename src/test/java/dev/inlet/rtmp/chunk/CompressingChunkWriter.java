package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A test-side chunk writer, independent of {@link ChunkEncoder}, that compresses headers the way encoders do
 * (format 1, 2 and 3 whenever the previous header allows) and interleaves the chunks of different chunk streams in
 * a random order. Chunk boundaries are decided when a chunk is emitted, so a Set Chunk Size message affects the
 * continuation chunks of messages already in flight, exactly as on a real connection.
 */
final class CompressingChunkWriter {

    private static final long MARKER = 0xFF_FFFFL;

    private final boolean repeatExtendedTimestamp;
    private final Random random;
    private final Map<Integer, Deque<RtmpMessage>> queues = new TreeMap<>();
    private final Map<Integer, PreviousHeader> previous = new HashMap<>();
    private final Map<Integer, InFlight> inFlight = new HashMap<>();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final List<RtmpMessage> completionOrder = new ArrayList<>();
    private int chunkSize = 128;
    /** How often each format started a message, and how many headers carried an extended timestamp. */
    final int[] messagesStartedWithFormat = new int[4];
    int extendedTimestampHeaders;

    /** The per-chunk-stream state a receiver keeps, mirrored so that headers can be left out. */
    private static final class PreviousHeader {
        long timestamp;
        long delta;
        int length;
        int typeId;
        int streamId;
        boolean extended;
        long extendedValue;
    }

    private static final class InFlight {
        final RtmpMessage message;
        int offset;

        InFlight(RtmpMessage message) {
            this.message = message;
        }
    }

    CompressingChunkWriter(boolean repeatExtendedTimestamp, long seed) {
        this.repeatExtendedTimestamp = repeatExtendedTimestamp;
        this.random = new Random(seed);
    }

    void queue(int csid, RtmpMessage message) {
        queues.computeIfAbsent(csid, id -> new ArrayDeque<>()).add(message);
    }

    /** Emits every queued message, interleaving chunk streams at random; returns everything written so far. */
    byte[] drain() {
        List<Integer> ready = new ArrayList<>();
        while (true) {
            ready.clear();
            queues.forEach((csid, queue) -> {
                if (!queue.isEmpty()) {
                    ready.add(csid);
                }
            });
            if (ready.isEmpty()) {
                return wire.toByteArray();
            }
            emitChunk(ready.get(random.nextInt(ready.size())));
        }
    }

    /** The messages in the order their last chunk was written: the order a decoder must deliver them. */
    List<RtmpMessage> completionOrder() {
        return completionOrder;
    }

    private void emitChunk(int csid) {
        Deque<RtmpMessage> queue = queues.get(csid);
        InFlight current = inFlight.get(csid);
        PreviousHeader prev = previous.computeIfAbsent(csid, id -> null);
        if (current == null) {
            current = new InFlight(queue.peek());
            inFlight.put(csid, current);
            prev = writeFirstHeader(csid, current.message, prev);
            previous.put(csid, prev);
        } else {
            writeBasicHeader(3, csid);
            if (prev.extended && repeatExtendedTimestamp) {
                writeInt32((int) prev.extendedValue);
            }
        }
        RtmpMessage message = current.message;
        int piece = Math.min(chunkSize, message.length() - current.offset);
        wire.write(message.payload(), current.offset, piece);
        current.offset += piece;
        if (current.offset == message.length()) {
            inFlight.remove(csid);
            queue.poll();
            completionOrder.add(message);
            if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
                chunkSize = ProtocolControl.readInt32(message);
            }
        }
    }

    private PreviousHeader writeFirstHeader(int csid, RtmpMessage m, PreviousHeader prev) {
        int format;
        long field;
        if (prev == null || prev.streamId != m.streamId() || m.timestamp() < prev.timestamp) {
            format = 0;
            field = m.timestamp();
        } else {
            field = m.timestamp() - prev.timestamp;
            if (prev.length != m.length() || prev.typeId != m.typeId()) {
                format = 1;
            } else if (prev.delta != field) {
                format = 2;
            } else {
                format = 3;
            }
        }
        PreviousHeader next = prev == null ? new PreviousHeader() : prev;
        messagesStartedWithFormat[format]++;
        writeBasicHeader(format, csid);
        if (format == 3) {
            if (next.extended && repeatExtendedTimestamp) {
                writeInt32((int) next.extendedValue);
            }
        } else {
            boolean extended = field >= MARKER;
            writeUnsigned24(extended ? MARKER : field);
            if (format <= 1) {
                writeUnsigned24(m.length());
                wire.write(m.typeId());
            }
            if (format == 0) {
                int id = m.streamId();
                wire.write(id);
                wire.write(id >>> 8);
                wire.write(id >>> 16);
                wire.write(id >>> 24);
            }
            if (extended) {
                writeInt32((int) field);
                extendedTimestampHeaders++;
            }
            next.extended = extended;
            next.extendedValue = field;
            next.delta = field;
        }
        next.timestamp = m.timestamp();
        next.length = m.length();
        next.typeId = m.typeId();
        next.streamId = m.streamId();
        return next;
    }

    private void writeBasicHeader(int format, int csid) {
        if (csid < 64) {
            wire.write((format << 6) | csid);
        } else if (csid < 320) {
            wire.write(format << 6);
            wire.write(csid - 64);
        } else {
            wire.write((format << 6) | 1);
            wire.write((csid - 64) & 0xFF);
            wire.write((csid - 64) >>> 8);
        }
    }

    private void writeUnsigned24(long value) {
        wire.write((int) (value >>> 16) & 0xFF);
        wire.write((int) (value >>> 8) & 0xFF);
        wire.write((int) value & 0xFF);
    }

    private void writeInt32(int value) {
        wire.write(value >>> 24);
        wire.write(value >>> 16);
        wire.write(value >>> 8);
        wire.write(value);
    }
}
