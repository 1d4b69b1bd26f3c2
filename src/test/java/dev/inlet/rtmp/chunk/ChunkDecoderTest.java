package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.inlet.rtmp.chunk.Bytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkDecoderTest {

    private final ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.defaults());

    // RTMP 1.0 section 5.3.2.1: four 32-byte audio messages, 20 ms apart, on chunk stream 3, message stream 12345.
    @Test
    void specExampleAudioUsesFormats0_2_3_3() {
        byte[] a = pattern(32, 0), b = pattern(32, 40), c = pattern(32, 80), d = pattern(32, 120);
        byte[] wire = Bytes.of()
                .hex("03 0003e8 000020 08 39300000").raw(a)
                .hex("83 000014").raw(b)
                .hex("c3").raw(c)
                .hex("c3").raw(d)
                .toArray();
        assertThat(wire).hasSize(44 + 36 + 33 + 33);

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(4);
        assertMessage(messages.get(0), MessageTypes.AUDIO, 12345, 1000, a);
        assertMessage(messages.get(1), MessageTypes.AUDIO, 12345, 1020, b);
        assertMessage(messages.get(2), MessageTypes.AUDIO, 12345, 1040, c);
        assertMessage(messages.get(3), MessageTypes.AUDIO, 12345, 1060, d);
        assertThat(decoder.bytesConsumed()).isEqualTo(146);
    }

    // RTMP 1.0 section 5.3.2.2: a 307-byte video message split into chunks of 128, 128 and 51 bytes.
    @Test
    void specExampleVideoMessageSplitOverThreeChunks() {
        byte[] payload = pattern(307, 7);
        byte[] wire = specVideoExample(payload);
        assertThat(wire).hasSize(140 + 129 + 52);

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(1);
        assertMessage(messages.get(0), MessageTypes.VIDEO, 12346, 1000, payload);
    }

    @Test
    void format1ChangesLengthAndTypeAndFormat3StartsMessageWithSameDelta() {
        byte[] first = pattern(16, 1), second = pattern(5, 2), third = pattern(5, 3);
        byte[] wire = Bytes.of()
                .hex("05 000064 000010 09 01000000").raw(first)
                .hex("45 000021 000005 08").raw(second)
                .hex("c5").raw(third)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(3);
        assertMessage(messages.get(0), MessageTypes.VIDEO, 1, 100, first);
        assertMessage(messages.get(1), MessageTypes.AUDIO, 1, 133, second);
        assertMessage(messages.get(2), MessageTypes.AUDIO, 1, 166, third);
    }

    @Test
    void format3AfterFormat0AddsTheFormat0TimestampAgain() {
        // Format 0's timestamp doubles as the delta a following format 3 message adds (spec example table, ffmpeg).
        byte[] wire = Bytes.of().hex("04 000028 000001 08 01000000 aa").hex("c4 bb").toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(40L, 80L);
    }

    /**
     * Every basic header form, at the boundaries. The decoded id is proven by aborting the partial message on that
     * numeric id: if the decoder had read another id, the following format 0 chunk would be rejected.
     */
    @ParameterizedTest(name = "csid {0} as {1}")
    @CsvSource({
            "2, 02, 00000002",
            "63, 3f, 0000003f",
            "64, 0000, 00000040",
            "64, 010000, 00000040",
            "65, 0001, 00000041",
            "319, 00ff, 0000013f",
            "319, 01ff00, 0000013f",
            "320, 010001, 00000140",
            "65599, 01ffff, 0001003f",
    })
    void basicHeaderForms(int csid, String basicHeaderHex, String csidAsInt32) {
        byte[] basicHeader = Bytes.parseHex(basicHeaderHex);
        byte[] payload = pattern(200, 9);
        byte[] wire = Bytes.of()
                .raw(basicHeader).hex("000000 0000c8 09 01000000").slice(payload, 0, 128)
                .hex("03 000000 000004 02 00000000").hex(csidAsInt32) // abort, sent on another chunk stream
                .raw(basicHeader).hex("00000a 000003 08 01000000 aabbcc")
                .raw(withFormat(basicHeader, 3)).hex("ddeeff")
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(3);
        assertThat(ProtocolControl.readInt32(messages.get(0))).isEqualTo(csid);
        assertMessage(messages.get(1), MessageTypes.AUDIO, 1, 10, Bytes.parseHex("aabbcc"));
        assertMessage(messages.get(2), MessageTypes.AUDIO, 1, 20, Bytes.parseHex("ddeeff"));
    }

    @Test
    void twoAndThreeByteFormsOfTheSameIdShareOneChunkStream() {
        byte[] payload = pattern(200, 4);
        byte[] wire = Bytes.of()
                .hex("00 00 000000 0000c8 09 01000000").slice(payload, 0, 128)
                .hex("c1 00 00").slice(payload, 128, 200)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).payload()).isEqualTo(payload);
    }

    @Test
    void distinctIdsAroundTheFormBoundariesAreDistinctStreams() {
        ChunkDecoder limited = new ChunkDecoder(new ChunkLimits(1000, 1000, 4));
        byte[] header = Bytes.parseHex("000000 000000 08 00000000");
        byte[] wire = Bytes.of()
                .hex("3f").raw(header)
                .hex("0000").raw(header)
                .hex("00ff").raw(header)
                .hex("010001").raw(header)
                .toArray();
        assertThat(decodeAll(limited, wire)).hasSize(4);

        assertThatThrownBy(() -> decodeAll(limited, Bytes.of().hex("01ffff").raw(header).toArray()))
                .isInstanceOfSatisfying(RtmpProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    }

    @Test
    void extendedTimestampIsReadFromFormat0AndItsRepetitionSkippedOnFormat3() {
        byte[] payload = pattern(200, 0);
        byte[] wire = Bytes.of()
                .hex("04 ffffff 0000c8 09 01000000 01000000").slice(payload, 0, 128)
                .hex("c4 01000000").slice(payload, 128, 200)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(1);
        assertMessage(messages.get(0), MessageTypes.VIDEO, 1, 0x0100_0000L, payload);
    }

    @Test
    void extendedTimestampNotRepeatedByEncoderIsTreatedAsPayload() {
        byte[] payload = pattern(200, 0); // bytes 128..131 are 80 81 82 83, not the timestamp 01 00 00 00
        byte[] wire = Bytes.of()
                .hex("04 ffffff 0000c8 09 01000000 01000000").slice(payload, 0, 128)
                .hex("c4").slice(payload, 128, 200)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(1);
        assertMessage(messages.get(0), MessageTypes.VIDEO, 1, 0x0100_0000L, payload);
    }

    @Test
    void format3MessageAfterExtendedFormat0RepeatsTheFieldAndAddsItAgain() {
        byte[] first = pattern(4, 1), second = pattern(4, 2);
        byte[] wire = Bytes.of()
                .hex("04 ffffff 000004 09 01000000 01000000").raw(first)
                .hex("c4 01000000").raw(second)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(0x0100_0000L, 0x0200_0000L);
        assertThat(messages.get(1).payload()).isEqualTo(second);
    }

    @Test
    void extendedDeltaOnFormat2IsAddedAndRepeatedOnFollowingFormat3Message() {
        byte[] wire = Bytes.of()
                .hex("04 0003e8 000002 08 01000000 1111")
                .hex("84 ffffff 01000000 2222")
                .hex("c4 01000000 3333")
                .hex("84 000001 4444")
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).extracting(RtmpMessage::timestamp)
                .containsExactly(1000L, 1000L + 0x0100_0000L, 1000L + 0x0200_0000L, 1001L + 0x0200_0000L);
        assertThat(messages.get(2).payload()).isEqualTo(Bytes.parseHex("3333"));
    }

    @Test
    void timestampFieldOfExactly0xFFFFFFUsesExtendedField() {
        byte[] wire = Bytes.of().hex("04 ffffff 000001 08 01000000 00ffffff 55").toArray();

        assertThat(decodeAll(decoder, wire)).extracting(RtmpMessage::timestamp).containsExactly(0xFF_FFFFL);
    }

    @Test
    void timestampsWrapAt32Bits() {
        byte[] wire = Bytes.of()
                .hex("04 ffffff 000001 08 00000000 fffffff0 01")
                .hex("84 000020 02")
                .toArray();

        assertThat(decodeAll(decoder, wire)).extracting(RtmpMessage::timestamp).containsExactly(0xFFFF_FFF0L, 0x10L);
    }

    @Test
    void setChunkSizeAppliesToTheNextChunkInTheSameBuffer() {
        byte[] payload = pattern(200, 3);
        byte[] wire = Bytes.of()
                .hex("02 000000 000004 01 00000000 000000c8")
                .hex("04 000000 0000c8 09 01000000").raw(payload)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).typeId()).isEqualTo(MessageTypes.SET_CHUNK_SIZE);
        assertMessage(messages.get(1), MessageTypes.VIDEO, 1, 0, payload);
        assertThat(decoder.chunkSize()).isEqualTo(200);
    }

    @Test
    void chunkSizeOfOneSplitsEveryByte() {
        byte[] wire = Bytes.of()
                .hex("02 000000 000004 01 00000000 00000001")
                .hex("04 000000 000003 08 01000000 aa").hex("c4 bb").hex("c4 cc")
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).payload()).isEqualTo(Bytes.parseHex("aabbcc"));
    }

    @Test
    void interleavedChunkStreamsAreReassembledSeparately() {
        byte[] video = pattern(300, 5), audio = pattern(10, 99);
        byte[] wire = Bytes.of()
                .hex("04 000000 00012c 09 01000000").slice(video, 0, 128)
                .hex("06 000000 00000a 08 01000000").raw(audio)
                .hex("c4").slice(video, 128, 256)
                .hex("c4").slice(video, 256, 300)
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(2);
        assertMessage(messages.get(0), MessageTypes.AUDIO, 1, 0, audio);
        assertMessage(messages.get(1), MessageTypes.VIDEO, 1, 0, video);
    }

    @Test
    void abortDiscardsThePartialMessage() {
        byte[] video = pattern(300, 5);
        byte[] wire = Bytes.of()
                .hex("04 000000 00012c 09 01000000").slice(video, 0, 128)
                .hex("02 000000 000004 02 00000000 00000004")
                .hex("04 000064 000005 09 01000000 0102030405")
                .toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).typeId()).isEqualTo(MessageTypes.ABORT);
        assertMessage(messages.get(1), MessageTypes.VIDEO, 1, 100, Bytes.parseHex("0102030405"));
    }

    @Test
    void newHeaderWhileAMessageIsIncompleteIsMalformed() {
        byte[] video = pattern(300, 5);
        byte[] wire = Bytes.of()
                .hex("04 000000 00012c 09 01000000").slice(video, 0, 128)
                .hex("04 000064 000005 09 01000000 0102030405")
                .toArray();

        assertRejected(wire, decoder, Reason.MALFORMED);
    }

    @Test
    void zeroLengthMessagesAreDelivered() {
        byte[] wire = Bytes.of().hex("04 00000a 000000 12 01000000").hex("c4").hex("84 000005").toArray();

        List<RtmpMessage> messages = decodeAll(decoder, wire);

        assertThat(messages).extracting(RtmpMessage::timestamp).containsExactly(10L, 20L, 25L);
        assertThat(messages).allSatisfy(m -> assertThat(m.payload()).isEmpty());
    }

    @Test
    void incompleteChunkIsLeftUnconsumed() {
        byte[] wire = specVideoExample(pattern(307, 7));
        List<RtmpMessage> out = new ArrayList<>();

        ByteBuffer partOfFirstChunk = ByteBuffer.wrap(wire, 0, 100);
        decoder.decode(partOfFirstChunk, out::add);
        assertThat(partOfFirstChunk.position()).isZero();
        assertThat(decoder.bytesConsumed()).isZero();

        ByteBuffer firstChunkAndOneByte = ByteBuffer.wrap(wire, 0, 141);
        decoder.decode(firstChunkAndOneByte, out::add);
        assertThat(firstChunkAndOneByte.position()).isEqualTo(140);
        assertThat(decoder.bytesConsumed()).isEqualTo(140);
        assertThat(out).isEmpty();

        ByteBuffer rest = ByteBuffer.wrap(wire, 140, wire.length - 140);
        decoder.decode(rest, out::add);
        assertThat(rest.hasRemaining()).isFalse();
        assertThat(out).hasSize(1);
        assertThat(decoder.bytesConsumed()).isEqualTo(wire.length);
    }

    @Test
    void decodesFromDirectBufferAtAnOffset() {
        byte[] payload = pattern(307, 7);
        byte[] wire = specVideoExample(payload);
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length + 10);
        direct.put(new byte[5]).put(wire).flip().position(5);
        List<RtmpMessage> out = new ArrayList<>();

        decoder.decode(direct, out::add);

        assertThat(direct.position()).isEqualTo(5 + wire.length);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).payload()).isEqualTo(payload);
    }

    @Test
    void messageLongerThanTheLimitIsRejectedFromItsHeaderAlone() {
        ChunkDecoder limited = new ChunkDecoder(new ChunkLimits(100, 1000, 8));
        assertThat(decodeAll(limited, Bytes.of().hex("04 000000 000064 09 01000000").raw(new byte[100]).toArray()))
                .hasSize(1);

        assertRejected(Bytes.parseHex("04 000000 000065 09 01000000"), limited, Reason.LIMIT_EXCEEDED);
    }

    @Test
    void format1CanNotGrowAMessageBeyondTheLimit() {
        ChunkDecoder limited = new ChunkDecoder(new ChunkLimits(100, 1000, 8));
        decodeAll(limited, Bytes.of().hex("04 000000 000001 09 01000000 00").toArray());

        assertRejected(Bytes.parseHex("44 000000 ffffff 09"), limited, Reason.LIMIT_EXCEEDED);
    }

    @Test
    void tooManyChunkStreamsAreRejected() {
        ChunkDecoder limited = new ChunkDecoder(new ChunkLimits(1000, 1000, 3));
        byte[] header = Bytes.parseHex("000000 000000 08 00000000");
        decodeAll(limited, Bytes.of().hex("03").raw(header).hex("04").raw(header).hex("05").raw(header)
                .hex("c3").toArray());

        assertRejected(Bytes.of().hex("06").raw(header).toArray(), limited, Reason.LIMIT_EXCEEDED);
    }

    @ParameterizedTest(name = "chunk size {0} -> {1}")
    @CsvSource({"00000000, MALFORMED", "80000000, MALFORMED", "ffffffff, MALFORMED", "7fffffff, LIMIT_EXCEEDED",
            "01000001, LIMIT_EXCEEDED"})
    void invalidChunkSizesAreRejected(String sizeHex, Reason reason) {
        assertRejected(Bytes.parseHex("02 000000 000004 01 00000000 " + sizeHex), decoder, reason);
        assertThat(decoder.chunkSize()).isEqualTo(128);
    }

    @Test
    void largestAllowedChunkSizeIsAccepted() {
        decodeAll(decoder, Bytes.parseHex("02 000000 000004 01 00000000 01000000"));

        assertThat(decoder.chunkSize()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void setChunkSizeWithShortPayloadIsMalformed() {
        assertRejected(Bytes.parseHex("02 000000 000002 01 00000000 0080"), decoder, Reason.MALFORMED);
    }

    @ParameterizedTest
    @CsvSource({"45 000000 000000 08", "85 000000", "c5"})
    void headerlessFormatOnUnseenChunkStreamIsMalformed(String hex) {
        assertRejected(Bytes.parseHex(hex), decoder, Reason.MALFORMED);
    }

    @Test
    void largeMessageBufferGrowsAsBytesArrive() {
        ChunkDecoder big = new ChunkDecoder(ChunkLimits.defaults());
        byte[] payload = pattern(300_000, 11);
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.setChunkSize(4096);
        byte[] wire = Bytes.of()
                .raw(new ChunkEncoder().encode(2, ProtocolControl.setChunkSize(4096)))
                .raw(encoder.encode(6, new RtmpMessage(MessageTypes.VIDEO, 1, 33, payload)))
                .toArray();

        List<RtmpMessage> messages = decodeAll(big, wire);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).payload()).isEqualTo(payload);
    }

    @Test
    void aPartialMessageIsChargedAsItsBytesArriveNotAtItsAnnouncedLength() {
        ReassemblyBudget budget = new ReassemblyBudget(1 << 30, 1 << 30);
        ChunkDecoder charged = new ChunkDecoder(ChunkLimits.defaults(), budget.open(() -> { }));
        // a 16 MiB message announced, 128 bytes of it sent
        byte[] wire = Bytes.of().hex("04 000000 ffffff 09 01000000").raw(pattern(128, 1)).toArray();

        assertThat(decodeAll(charged, wire)).isEmpty();

        assertThat(budget.held()).isEqualTo(ChunkStreamState.INITIAL_CAPACITY);
    }

    @Test
    void completedAbortedAndReleasedMessagesAreCreditedBack() {
        ReassemblyBudget budget = new ReassemblyBudget(1 << 30, 1 << 30);
        ReassemblyBudget.Account account = budget.open(() -> { });
        ChunkDecoder charged = new ChunkDecoder(ChunkLimits.defaults(), account);

        decodeAll(charged, specVideoExample(pattern(307, 7)));
        assertThat(budget.held()).as("after a complete message").isZero();

        decodeAll(charged, Bytes.of().hex("04 000000 00012c 09 01000000").slice(pattern(300, 5), 0, 128)
                .hex("02 000000 000004 02 00000000 00000004").toArray());
        assertThat(budget.held()).as("after Abort").isZero();

        decodeAll(charged, Bytes.of().hex("05 000000 00012c 09 01000000").slice(pattern(300, 5), 0, 128).toArray());
        assertThat(budget.held()).isPositive();
        charged.release();
        assertThat(budget.held()).as("after the connection ended").isZero();
    }

    @Test
    void aConnectionParkingMorePartialMessagesThanItsBudgetIsClosedForMemory() {
        ReassemblyBudget budget = new ReassemblyBudget(1 << 30, 3 * ChunkStreamState.INITIAL_CAPACITY);
        ChunkDecoder charged = new ChunkDecoder(ChunkLimits.defaults(), budget.open(() -> { }));
        Bytes wire = Bytes.of();
        for (int csid = 3; csid < 7; csid++) {
            wire.hex(String.format("%02x 000000 ffffff 09 01000000", csid)).raw(pattern(128, csid));
        }

        assertThatThrownBy(() -> charged.decode(ByteBuffer.wrap(wire.toArray()), m -> { }))
                .isInstanceOfSatisfying(dev.inlet.rtmp.LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("memory_budget"));
        assertThat(budget.held()).isEqualTo(3L * ChunkStreamState.INITIAL_CAPACITY);
    }

    @Test
    void aMessageInOneChunkIsNeverCharged() {
        ReassemblyBudget budget = new ReassemblyBudget(1, 1);
        ChunkDecoder charged = new ChunkDecoder(ChunkLimits.defaults(), budget.open(() -> { }));
        byte[] wire = Bytes.of().hex("04 000064 000005 09 01000000 0102030405").toArray();

        assertThat(decodeAll(charged, wire)).hasSize(1);
        assertThat(budget.held()).isZero();
    }

    static byte[] specVideoExample(byte[] payload) {
        return Bytes.of()
                .hex("04 0003e8 000133 09 3a300000").slice(payload, 0, 128)
                .hex("c4").slice(payload, 128, 256)
                .hex("c4").slice(payload, 256, 307)
                .toArray();
    }

    static List<RtmpMessage> decodeAll(ChunkDecoder decoder, byte[] wire) {
        List<RtmpMessage> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(wire);
        decoder.decode(in, out::add);
        assertThat(in.remaining()).as("unconsumed bytes").isZero();
        return out;
    }

    static void assertMessage(RtmpMessage m, int typeId, int streamId, long timestamp, byte[] payload) {
        assertThat(m.typeId()).as("type").isEqualTo(typeId);
        assertThat(m.streamId()).as("stream id").isEqualTo(streamId);
        assertThat(m.timestamp()).as("timestamp").isEqualTo(timestamp);
        assertThat(m.payload()).as("payload").isEqualTo(payload);
    }

    private static void assertRejected(byte[] wire, ChunkDecoder decoder, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(wire), m -> { }))
                .isInstanceOfSatisfying(RtmpProtocolException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] withFormat(byte[] basicHeader, int format) {
        byte[] copy = Arrays.copyOf(basicHeader, basicHeader.length);
        copy[0] = (byte) ((format << 6) | (copy[0] & 0x3F));
        return copy;
    }
}
