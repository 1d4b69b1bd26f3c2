package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

import static dev.inlet.rtmp.chunk.Bytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkEncoderTest {

    private final ChunkEncoder encoder = new ChunkEncoder();

    @Test
    void startsWithDefaultChunkSize() {
        assertThat(encoder.chunkSize()).isEqualTo(128);
    }

    // RTMP 1.0 section 5.3.2.2, byte for byte.
    @Test
    void specExampleVideoMessageSplitOverThreeChunks() {
        byte[] payload = pattern(307, 7);

        byte[] encoded = encoder.encode(4, new RtmpMessage(MessageTypes.VIDEO, 12346, 1000, payload));

        assertThat(encoded).isEqualTo(ChunkDecoderTest.specVideoExample(payload));
    }

    // RTMP 1.0 section 5.3.2.1, first chunk: the encoder always starts a message with format 0.
    @Test
    void specExampleAudioFirstChunk() {
        byte[] payload = pattern(32, 0);

        byte[] encoded = encoder.encode(3, new RtmpMessage(MessageTypes.AUDIO, 12345, 1000, payload));

        assertThat(encoded).isEqualTo(Bytes.of().hex("03 0003e8 000020 08 39300000").raw(payload).toArray());
    }

    @ParameterizedTest(name = "csid {0}")
    @CsvSource({"2, 02, c2", "63, 3f, ff", "64, 0000, c000", "319, 00ff, c0ff", "320, 010001, c10001",
            "65599, 01ffff, c1ffff"})
    void basicHeaderFormsOnFirstAndContinuationChunks(int csid, String format0Header, String format3Header) {
        encoder.setChunkSize(2);
        byte[] encoded = encoder.encode(csid, new RtmpMessage(MessageTypes.AUDIO, 1, 5, Bytes.parseHex("aabbcc")));

        assertThat(encoded).isEqualTo(Bytes.of()
                .hex(format0Header).hex("000005 000003 08 01000000 aabb")
                .hex(format3Header).hex("cc")
                .toArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, 0, 1, 65600})
    void rejectsChunkStreamIdsOutOfRange(int csid) {
        RtmpMessage message = new RtmpMessage(MessageTypes.AUDIO, 1, 0, new byte[1]);
        assertThatThrownBy(() -> encoder.encode(csid, message)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extendedTimestampIsWrittenOnFirstChunkAndRepeatedOnEveryFormat3Chunk() {
        byte[] payload = pattern(300, 1);

        byte[] encoded = encoder.encode(6, new RtmpMessage(MessageTypes.VIDEO, 1, 0x1234_5678L, payload));

        assertThat(encoded).isEqualTo(Bytes.of()
                .hex("06 ffffff 00012c 09 01000000 12345678").slice(payload, 0, 128)
                .hex("c6 12345678").slice(payload, 128, 256)
                .hex("c6 12345678").slice(payload, 256, 300)
                .toArray());
    }

    @Test
    void timestamp0xFFFFFFIsTheFirstExtendedOne() {
        byte[] justBelow = encoder.encode(3, new RtmpMessage(MessageTypes.AUDIO, 0, 0xFF_FFFEL, new byte[0]));
        byte[] atMarker = encoder.encode(3, new RtmpMessage(MessageTypes.AUDIO, 0, 0xFF_FFFFL, new byte[0]));
        byte[] largest = encoder.encode(3, new RtmpMessage(MessageTypes.AUDIO, 0, 0xFFFF_FFFFL, new byte[0]));

        assertThat(justBelow).isEqualTo(Bytes.parseHex("03 fffffe 000000 08 00000000"));
        assertThat(atMarker).isEqualTo(Bytes.parseHex("03 ffffff 000000 08 00000000 00ffffff"));
        assertThat(largest).isEqualTo(Bytes.parseHex("03 ffffff 000000 08 00000000 ffffffff"));
    }

    @Test
    void zeroLengthMessageIsOneHeaderOnlyChunk() {
        byte[] encoded = encoder.encode(3, new RtmpMessage(MessageTypes.DATA_AMF0, 1, 0, new byte[0]));

        assertThat(encoded).isEqualTo(Bytes.parseHex("03 000000 000000 12 01000000"));
    }

    @Test
    void messageStreamIdIsLittleEndian() {
        byte[] encoded = encoder.encode(3, new RtmpMessage(MessageTypes.AUDIO, 0x0102_0304, 0, new byte[0]));

        assertThat(encoded).isEqualTo(Bytes.parseHex("03 000000 000000 08 04030201"));
    }

    @Test
    void payloadExactlyOneChunkLongNeedsNoContinuation() {
        byte[] payload = pattern(128, 0);

        byte[] encoded = encoder.encode(3, new RtmpMessage(MessageTypes.AUDIO, 1, 0, payload));

        assertThat(encoded).hasSize(12 + 128);
    }

    @Test
    void encodeToWritesAtThePositionAndReturnsTheLength() {
        RtmpMessage message = new RtmpMessage(MessageTypes.VIDEO, 12346, 1000, pattern(307, 7));
        ByteBuffer out = ByteBuffer.allocate(400);
        out.position(3);

        int written = encoder.encodeTo(4, message, out);

        assertThat(written).isEqualTo(321);
        assertThat(out.position()).isEqualTo(3 + 321);
        byte[] copy = new byte[321];
        out.get(3, copy);
        assertThat(copy).isEqualTo(encoder.encode(4, message));
    }

    @Test
    void encodeToWritesNothingWhenTheBufferIsTooSmall() {
        RtmpMessage message = new RtmpMessage(MessageTypes.VIDEO, 1, 0, pattern(307, 7));
        ByteBuffer out = ByteBuffer.allocate(320);

        assertThatThrownBy(() -> encoder.encodeTo(4, message, out)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
    }

    @ParameterizedTest(name = "csid {0}, {1} bytes, ts {2}, chunk size {3}")
    @CsvSource({"2, 0, 0, 128, 12", "3, 32, 1000, 128, 44", "4, 307, 1000, 128, 321", "64, 307, 1000, 128, 324",
            "320, 307, 1000, 128, 327", "320, 307, 16777215, 128, 339", "5, 10, 0, 1, 31", "5, 10, 0, 10, 22",
            "5, 11, 0, 10, 24", "65599, 16777215, 4294967295, 1, 134217731"})
    void encodedLengthIsHeaderPlusPayloadPlusContinuationHeaders(int csid, int length, long timestamp, int chunkSize,
                                                                 int expected) {
        assertThat(ChunkEncoder.encodedLength(csid, length, timestamp, chunkSize)).isEqualTo(expected);
    }

    @Test
    void encodedLengthMatchesEncodeOutput() {
        for (int chunkSize : new int[]{1, 7, 128, 4096}) {
            encoder.setChunkSize(chunkSize);
            for (int length : new int[]{0, 1, 127, 128, 129, 1000}) {
                for (long timestamp : new long[]{0, 0xFF_FFFFL}) {
                    for (int csid : new int[]{2, 100, 1000}) {
                        RtmpMessage message = new RtmpMessage(MessageTypes.VIDEO, 1, timestamp, new byte[length]);
                        assertThat(encoder.encode(csid, message))
                                .hasSize(ChunkEncoder.encodedLength(csid, length, timestamp, chunkSize));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsNonPositiveChunkSize(int size) {
        assertThatThrownBy(() -> encoder.setChunkSize(size)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsLargestChunkSize() {
        encoder.setChunkSize(Integer.MAX_VALUE);
        byte[] payload = pattern(1000, 2);

        byte[] encoded = encoder.encode(3, new RtmpMessage(MessageTypes.VIDEO, 1, 0, payload));

        assertThat(encoded).hasSize(12 + 1000);
    }

    @Test
    void rejectsMessagesLongerThan24Bits() {
        assertThatThrownBy(() -> ChunkEncoder.encodedLength(3, 0x100_0000, 0, 128))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
