package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.inlet.rtmp.chunk.ChunkDecoderTest.assertMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateMessagesTest {

    private static final int LIMIT = 1 << 20;

    @Test
    void splitsSubMessagesRebasedOnTheAggregateTimestampAndStream() {
        RtmpMessage aggregate = aggregate(5000, 7,
                "08 000003 0003e8 00 000000 aabbcc 0000000e"
                        + "09 000002 000410 00 000000 1122 0000000d");

        List<RtmpMessage> messages = AggregateMessages.split(aggregate, LIMIT);

        assertThat(messages).hasSize(2);
        assertMessage(messages.get(0), MessageTypes.AUDIO, 7, 5000, Bytes.parseHex("aabbcc"));
        assertMessage(messages.get(1), MessageTypes.VIDEO, 7, 5040, Bytes.parseHex("1122"));
    }

    @Test
    void subMessageTimestampKeepsItsHighByteAfterTheLow24Bits() {
        // FLV tag layout: 0x01000000 and 0x01000010 are 16 ms apart (a plain big-endian read would make it 4096).
        RtmpMessage aggregate = aggregate(0, 1,
                "08 000001 000000 01 000000 aa 0000000c"
                        + "08 000001 000010 01 000000 bb 0000000c");

        assertThat(AggregateMessages.split(aggregate, LIMIT)).extracting(RtmpMessage::timestamp)
                .containsExactly(0L, 16L);
    }

    @Test
    void rebasedTimestampsWrapAt32Bits() {
        RtmpMessage nearWrap = aggregate(0xFFFF_FFF0L, 1,
                "08 000001 000000 00 000000 aa 0000000c"
                        + "08 000001 000020 00 000000 bb 0000000c");
        RtmpMessage goingBack = aggregate(10, 1,
                "08 000001 000064 00 000000 aa 0000000c"
                        + "08 000001 000032 00 000000 bb 0000000c");

        assertThat(AggregateMessages.split(nearWrap, LIMIT)).extracting(RtmpMessage::timestamp)
                .containsExactly(0xFFFF_FFF0L, 0x10L);
        assertThat(AggregateMessages.split(goingBack, LIMIT)).extracting(RtmpMessage::timestamp)
                .containsExactly(10L, 0xFFFF_FFD8L);
    }

    @Test
    void zeroLengthSubMessageIsKept() {
        RtmpMessage aggregate = aggregate(0, 1, "12 000000 000000 00 000000 0000000b");

        List<RtmpMessage> messages = AggregateMessages.split(aggregate, LIMIT);

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).payload()).isEmpty();
    }

    @Test
    void emptyAggregateHasNoSubMessages() {
        assertThat(AggregateMessages.split(aggregate(0, 1, ""), LIMIT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truncated header, 08 000003 0003e8",
            "payload past the end, 08 000010 0003e8 00 000000 aabbcc 0000000e",
            "missing back pointer, 08 000003 0003e8 00 000000 aabbcc",
            "truncated back pointer, 08 000003 0003e8 00 000000 aabbcc 0000",
            "wrong back pointer, 08 000003 0003e8 00 000000 aabbcc 0000000f",
            "garbage after a good sub-message, 08 000003 0003e8 00 000000 aabbcc 0000000e ff",
            "nested aggregate, 16 000001 000000 00 000000 aa 0000000c",
    })
    void malformedAggregatesAreRejected(String description, String body) {
        RtmpMessage aggregate = aggregate(0, 1, body);

        assertThatThrownBy(() -> AggregateMessages.split(aggregate, LIMIT))
                .as(description)
                .isInstanceOfSatisfying(RtmpProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void subMessageAboveTheLimitIsRejected() {
        RtmpMessage aggregate = aggregate(0, 1, "08 000003 0003e8 00 000000 aabbcc 0000000e");

        assertThatThrownBy(() -> AggregateMessages.split(aggregate, 2))
                .isInstanceOfSatisfying(RtmpProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    }

    @Test
    void onlyAggregatesCanBeSplit() {
        RtmpMessage video = new RtmpMessage(MessageTypes.VIDEO, 1, 0, new byte[0]);

        assertThatThrownBy(() -> AggregateMessages.split(video, LIMIT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RtmpMessage aggregate(long timestamp, int streamId, String bodyHex) {
        return new RtmpMessage(MessageTypes.AGGREGATE, streamId, timestamp, Bytes.parseHex(bodyHex));
    }
}
