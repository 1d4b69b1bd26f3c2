package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;
import org.junit.jupiter.api.Test;

import static dev.inlet.rtmp.chunk.ChunkDecoderTest.assertMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtocolControlTest {

    @Test
    void buildsEachControlMessageOnStreamZero() {
        assertMessage(ProtocolControl.setChunkSize(4096), MessageTypes.SET_CHUNK_SIZE, 0, 0,
                Bytes.parseHex("00001000"));
        assertMessage(ProtocolControl.setChunkSize(0x7FFF_FFFF), MessageTypes.SET_CHUNK_SIZE, 0, 0,
                Bytes.parseHex("7fffffff"));
        assertMessage(ProtocolControl.abort(320), MessageTypes.ABORT, 0, 0, Bytes.parseHex("00000140"));
        assertMessage(ProtocolControl.acknowledgement(0xFFFF_FFFEL), MessageTypes.ACKNOWLEDGEMENT, 0, 0,
                Bytes.parseHex("fffffffe"));
        assertMessage(ProtocolControl.windowAckSize(2_500_000), MessageTypes.WINDOW_ACK_SIZE, 0, 0,
                Bytes.parseHex("002625a0"));
        assertMessage(ProtocolControl.setPeerBandwidth(2_500_000, ProtocolControl.LIMIT_DYNAMIC),
                MessageTypes.SET_PEER_BANDWIDTH, 0, 0, Bytes.parseHex("002625a0 02"));
    }

    @Test
    void rejectsValuesTheFieldsCanNotHold() {
        assertThatThrownBy(() -> ProtocolControl.setChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolControl.setChunkSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolControl.acknowledgement(1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolControl.windowAckSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolControl.setPeerBandwidth(1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWhatItBuilds() {
        assertThat(ProtocolControl.readInt32(ProtocolControl.setChunkSize(60_000))).isEqualTo(60_000);
        assertThat(ProtocolControl.readUnsigned32(ProtocolControl.acknowledgement(0xFFFF_FFFFL)))
                .isEqualTo(0xFFFF_FFFFL);
        RtmpMessage bandwidth = ProtocolControl.setPeerBandwidth(5_000_000, ProtocolControl.LIMIT_SOFT);
        assertThat(ProtocolControl.readUnsigned32(bandwidth)).isEqualTo(5_000_000);
        assertThat(ProtocolControl.readLimitType(bandwidth)).isEqualTo(ProtocolControl.LIMIT_SOFT);
    }

    @Test
    void shortPayloadsAreMalformed() {
        RtmpMessage threeBytes = new RtmpMessage(MessageTypes.WINDOW_ACK_SIZE, 0, 0, new byte[3]);
        RtmpMessage fourBytes = new RtmpMessage(MessageTypes.SET_PEER_BANDWIDTH, 0, 0, new byte[4]);

        assertMalformed(() -> ProtocolControl.readInt32(threeBytes));
        assertMalformed(() -> ProtocolControl.readLimitType(fourBytes));
    }

    @Test
    void readChunkSizeChecksRangeAndLimit() {
        assertThat(ProtocolControl.readChunkSize(ProtocolControl.setChunkSize(1), 1)).isEqualTo(1);
        assertMalformed(() -> ProtocolControl.readChunkSize(raw("00000000"), 100));
        assertMalformed(() -> ProtocolControl.readChunkSize(raw("80000080"), 100));
        assertThatThrownBy(() -> ProtocolControl.readChunkSize(raw("00000065"), 100))
                .isInstanceOfSatisfying(RtmpProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    }

    private static RtmpMessage raw(String hex) {
        return new RtmpMessage(MessageTypes.SET_CHUNK_SIZE, 0, 0, Bytes.parseHex(hex));
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RtmpProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }
}
