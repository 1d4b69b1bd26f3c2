package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Seeded random tests: every failure names its seed so it can be replayed. */
class ChunkCodecPropertyTest {

    private static final int[] CHUNK_STREAM_IDS = {2, 3, 4, 5, 63, 64, 65, 319, 320, 1000, 65599};
    private static final int[] MEDIA_TYPES = {MessageTypes.AUDIO, MessageTypes.VIDEO, MessageTypes.DATA_AMF0,
            MessageTypes.COMMAND_AMF0, MessageTypes.AGGREGATE, MessageTypes.USER_CONTROL};

    @ParameterizedTest(name = "repeat extended timestamp: {0}")
    @ValueSource(booleans = {true, false})
    void compressedInterleavedStreamDecodesToTheWrittenMessages(boolean repeatExtendedTimestamp) {
        int[] formatsUsed = new int[4];
        int extendedHeaders = 0;
        for (long seed = 1; seed <= 60; seed++) {
            CompressingChunkWriter writer = writeRandomStream(seed, repeatExtendedTimestamp);
            byte[] wire = writer.drain();

            List<RtmpMessage> decoded = decodeInPieces(wire, new int[]{wire.length});

            assertSameMessages(decoded, writer.completionOrder(), "seed " + seed);
            for (int format = 0; format < 4; format++) {
                formatsUsed[format] += writer.messagesStartedWithFormat[format];
            }
            extendedHeaders += writer.extendedTimestampHeaders;
        }
        // The property only means something if the streams used every header format and extended timestamps.
        assertThat(formatsUsed).as("messages started per format").doesNotContain(0, 1, 2, 3, 4, 5);
        assertThat(extendedHeaders).isGreaterThan(5);
    }

    @Test
    void byteByByteFeedingGivesTheSameMessagesAsFeedingAtOnce() {
        for (long seed = 100; seed < 115; seed++) {
            byte[] wire = writeRandomStream(seed, seed % 2 == 0).drain();
            List<RtmpMessage> atOnce = decodeInPieces(wire, new int[]{wire.length});

            int[] ones = new int[wire.length];
            java.util.Arrays.fill(ones, 1);
            List<RtmpMessage> byteByByte = decodeInPieces(wire, ones);

            assertSameMessages(byteByByte, atOnce, "seed " + seed);
        }
    }

    @Test
    void randomSplitPointsGiveTheSameMessagesAsFeedingAtOnce() {
        for (long seed = 200; seed < 300; seed++) {
            byte[] wire = writeRandomStream(seed, seed % 3 != 0).drain();
            List<RtmpMessage> atOnce = decodeInPieces(wire, new int[]{wire.length});

            List<RtmpMessage> split = decodeInPieces(wire, randomPieces(new Random(seed), wire.length));

            assertSameMessages(split, atOnce, "seed " + seed);
        }
    }

    @Test
    void encoderToDecoderRoundTripsWithRandomMessagesAndChunkSizes() {
        for (long seed = 300; seed < 400; seed++) {
            Random random = new Random(seed);
            ChunkEncoder encoder = new ChunkEncoder();
            Bytes wire = Bytes.of();
            List<RtmpMessage> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (random.nextInt(6) == 0) {
                    int size = 1 + random.nextInt(random.nextBoolean() ? 8 : 5000);
                    RtmpMessage setChunkSize = ProtocolControl.setChunkSize(size);
                    wire.raw(encoder.encode(2, setChunkSize));
                    encoder.setChunkSize(size);
                    sent.add(setChunkSize);
                }
                RtmpMessage message = randomMessage(random, randomTimestamp(random));
                wire.raw(encoder.encode(CHUNK_STREAM_IDS[random.nextInt(CHUNK_STREAM_IDS.length)], message));
                sent.add(message);
            }
            byte[] bytes = wire.toArray();

            List<RtmpMessage> decoded = decodeInPieces(bytes, randomPieces(random, bytes.length));

            assertSameMessages(decoded, sent, "seed " + seed);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomGarbageOnlyEverRaisesRtmpProtocolException() {
        for (long seed = 0; seed < 3000; seed++) {
            Random random = new Random(seed);
            byte[] garbage = new byte[random.nextInt(3000)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                garbage[0] &= 0x3F; // a format 0 start gets further into the decoder
            }
            assertOnlyProtocolExceptions(garbage, random, seed);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedValidStreamsOnlyEverRaiseRtmpProtocolException() {
        for (long seed = 0; seed < 1500; seed++) {
            Random random = new Random(seed);
            byte[] wire = writeRandomStream(seed, random.nextBoolean()).drain();
            int mutations = 1 + random.nextInt(8);
            for (int i = 0; i < mutations && wire.length > 0; i++) {
                wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
            }
            assertOnlyProtocolExceptions(wire, random, seed);
        }
    }

    private static void assertOnlyProtocolExceptions(byte[] input, Random random, long seed) {
        int maxMessage = random.nextBoolean() ? 16 * 1024 * 1024 : 1 + random.nextInt(5000);
        int maxChunk = random.nextBoolean() ? 16 * 1024 * 1024 : 1 + random.nextInt(5000);
        ChunkDecoder decoder = new ChunkDecoder(new ChunkLimits(maxMessage, maxChunk, 1 + random.nextInt(64)));
        ByteBuffer buffer = ByteBuffer.allocate(input.length);
        buffer.flip();
        int offset = 0;
        try {
            for (int piece : randomPieces(random, input.length)) {
                buffer.compact();
                buffer.put(input, offset, piece);
                buffer.flip();
                offset += piece;
                decoder.decode(buffer, message -> assertThat(message.length()).isLessThanOrEqualTo(maxMessage));
            }
            assertThat(decoder.bytesConsumed()).isEqualTo(input.length - buffer.remaining());
        } catch (RtmpProtocolException expected) {
            assertThat(expected.reason()).isNotNull();
        } catch (Throwable unexpected) {
            fail("seed " + seed + ": unexpected " + unexpected, unexpected);
        }
    }

    /** A stream through the compressing writer with every feature the decoder must handle. */
    private static CompressingChunkWriter writeRandomStream(long seed, boolean repeatExtendedTimestamp) {
        Random random = new Random(seed);
        CompressingChunkWriter writer = new CompressingChunkWriter(repeatExtendedTimestamp, seed);
        Map<Integer, Long> clock = new HashMap<>();
        Map<Integer, Long> cadence = new HashMap<>();
        int count = 10 + random.nextInt(60);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(10) == 0) {
                writer.queue(2, ProtocolControl.setChunkSize(1 + random.nextInt(random.nextBoolean() ? 16 : 600)));
                continue;
            }
            int csid = CHUNK_STREAM_IDS[random.nextInt(CHUNK_STREAM_IDS.length)];
            long previous = clock.getOrDefault(csid, (long) random.nextInt(1000));
            long timestamp = random.nextInt(3) == 0 && cadence.containsKey(csid)
                    ? (previous + cadence.get(csid)) & 0xFFFF_FFFFL // steady frame rate: format 2 then format 3
                    : nextTimestamp(random, previous);
            cadence.put(csid, (timestamp - previous) & 0xFFFF_FFFFL);
            clock.put(csid, timestamp);
            writer.queue(csid, random.nextInt(3) == 0
                    ? randomMessage(random, timestamp)
                    : audioLikeMessage(random, csid, timestamp));
        }
        writer.drain();
        // A trailing message after everything else: the decoder needs four bytes after a format 3 chunk whose
        // stream uses extended timestamps to tell a repetition from payload, even when the encoder never repeats.
        writer.queue(2, UserControl.pingRequest(1));
        return writer;
    }

    private static long nextTimestamp(Random random, long previous) {
        return switch (random.nextInt(8)) {
            case 0 -> previous; // same timestamp
            case 1 -> randomTimestamp(random); // jump, possibly backwards
            case 2 -> previous + 0xFF_FFFFL + random.nextInt(3); // extended delta
            case 3 -> (previous + 40) & 0xFFFF_FFFFL; // regular, may wrap
            default -> (previous + random.nextInt(50)) & 0xFFFF_FFFFL;
        } & 0xFFFF_FFFFL;
    }

    private static long randomTimestamp(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000);
            case 1 -> 0xFF_FFFFL - 1 + random.nextInt(3);
            case 2 -> 0xFFFF_FFFFL - random.nextInt(100);
            default -> random.nextLong() & 0xFFFF_FFFFL;
        };
    }

    /** Same type, size and stream on a chunk stream, as audio is: headers shrink to formats 2 and 3. */
    private static RtmpMessage audioLikeMessage(Random random, int csid, long timestamp) {
        byte[] payload = new byte[csid % 7 == 0 ? 0 : 32 + csid % 300];
        random.nextBytes(payload);
        return new RtmpMessage(MEDIA_TYPES[csid % MEDIA_TYPES.length], 1, timestamp, payload);
    }

    private static RtmpMessage randomMessage(Random random, long timestamp) {
        int length = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(4);
            case 2 -> 100 + random.nextInt(300);
            default -> random.nextInt(1500);
        };
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        int streamId = random.nextInt(4) == 0 ? random.nextInt() : 1;
        return new RtmpMessage(MEDIA_TYPES[random.nextInt(MEDIA_TYPES.length)], streamId, timestamp, payload);
    }

    private static int[] randomPieces(Random random, int total) {
        List<Integer> pieces = new ArrayList<>();
        int left = total;
        while (left > 0) {
            int piece = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 8 : 700));
            pieces.add(piece);
            left -= piece;
        }
        return pieces.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Feeds {@code wire} in pieces the way a transport does: keep the unconsumed tail, append, decode again. */
    private static List<RtmpMessage> decodeInPieces(byte[] wire, int[] pieces) {
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.defaults());
        List<RtmpMessage> out = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(wire.length);
        buffer.flip();
        int offset = 0;
        for (int piece : pieces) {
            buffer.compact();
            buffer.put(wire, offset, piece);
            buffer.flip();
            offset += piece;
            decoder.decode(buffer, out::add);
        }
        assertThat(buffer.remaining()).as("unconsumed bytes").isZero();
        assertThat(decoder.bytesConsumed()).isEqualTo(wire.length);
        return out;
    }

    private static void assertSameMessages(List<RtmpMessage> actual, List<RtmpMessage> expected, String context) {
        assertThat(actual).as(context).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            RtmpMessage a = actual.get(i), e = expected.get(i);
            String where = context + ", message " + i;
            assertThat(a.typeId()).as(where + " type").isEqualTo(e.typeId());
            assertThat(a.streamId()).as(where + " stream id").isEqualTo(e.streamId());
            assertThat(a.timestamp()).as(where + " timestamp").isEqualTo(e.timestamp());
            assertThat(a.payload()).as(where + " payload").isEqualTo(e.payload());
        }
    }
}
