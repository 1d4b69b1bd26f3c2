package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.inlet.rtmp.chunk.ChunkDecoderTest.assertMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserControlTest {

    @Test
    void buildsEventsWithTwoByteTypeAndBigEndianData() {
        assertMessage(UserControl.streamBegin(1), MessageTypes.USER_CONTROL, 0, 0, Bytes.parseHex("0000 00000001"));
        assertMessage(UserControl.streamEof(1), MessageTypes.USER_CONTROL, 0, 0, Bytes.parseHex("0001 00000001"));
        assertMessage(UserControl.streamDry(2), MessageTypes.USER_CONTROL, 0, 0, Bytes.parseHex("0002 00000002"));
        assertMessage(UserControl.setBufferLength(1, 3000), MessageTypes.USER_CONTROL, 0, 0,
                Bytes.parseHex("0003 00000001 00000bb8"));
        assertMessage(UserControl.streamIsRecorded(5), MessageTypes.USER_CONTROL, 0, 0,
                Bytes.parseHex("0004 00000005"));
        assertMessage(UserControl.pingRequest(0xFFFF_FFFFL), MessageTypes.USER_CONTROL, 0, 0,
                Bytes.parseHex("0006 ffffffff"));
        assertMessage(UserControl.pingResponse(1234), MessageTypes.USER_CONTROL, 0, 0,
                Bytes.parseHex("0007 000004d2"));
    }

    @Test
    void parsesWhatItBuilds() {
        assertThat(UserControl.parse(UserControl.streamBegin(1)))
                .isEqualTo(new UserControlEvent(UserControl.STREAM_BEGIN, 1, 0));
        assertThat(UserControl.parse(UserControl.setBufferLength(1, 3000)))
                .isEqualTo(new UserControlEvent(UserControl.SET_BUFFER_LENGTH, 1, 3000));
        assertThat(UserControl.parse(UserControl.pingRequest(0xFFFF_FFFFL)))
                .isEqualTo(new UserControlEvent(UserControl.PING_REQUEST, 0xFFFF_FFFFL, 0));
        assertThat(UserControl.parse(UserControl.pingResponse(7)))
                .isEqualTo(new UserControlEvent(UserControl.PING_RESPONSE, 7, 0));
    }

    @Test
    void unknownEventsKeepTheFieldsPresent() {
        // Event 26 (SWF verification request) carries no data; event 31 (buffer empty) carries a stream id.
        assertThat(UserControl.parse(userControl("001a"))).isEqualTo(new UserControlEvent(26, 0, 0));
        assertThat(UserControl.parse(userControl("001f 00000001"))).isEqualTo(new UserControlEvent(31, 1, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "0000", "0000 000001", "0003 00000001", "0006 0000"})
    void eventsMissingTheirDataAreMalformed(String hex) {
        assertThatThrownBy(() -> UserControl.parse(userControl(hex)))
                .isInstanceOfSatisfying(RtmpProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void onlyUserControlMessagesAreParsed() {
        assertThatThrownBy(() -> UserControl.parse(ProtocolControl.setChunkSize(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RtmpMessage userControl(String hex) {
        return new RtmpMessage(MessageTypes.USER_CONTROL, 0, 0, Bytes.parseHex(hex));
    }
}
