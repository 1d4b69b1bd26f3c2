package dev.inlet.rtmp.session;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.amf.Amf0Reader;
import dev.inlet.rtmp.amf.Amf0Writer;
import dev.inlet.rtmp.chunk.ProtocolControl;
import dev.inlet.rtmp.chunk.UserControl;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSessionTest {

    private final RecordingSessionOutput out = new RecordingSessionOutput();
    private final RecordingHandler handler = new RecordingHandler();
    private ServerSession session;

    @BeforeEach
    void setUp() {
        session = new ServerSession(out, s -> handler, SessionSettings.defaults());
    }

    @Test
    void connectIsAnsweredWithWindowBandwidthChunkSizeAndSuccess() {
        connect();

        assertThat(out.sent).extracting(RtmpMessage::typeId).containsExactly(
                MessageTypes.WINDOW_ACK_SIZE, MessageTypes.SET_PEER_BANDWIDTH, MessageTypes.SET_CHUNK_SIZE,
                MessageTypes.COMMAND_AMF0);
        assertThat(ProtocolControl.readInt32(out.sent.get(2))).isEqualTo(4096);
        CommandMessage result = command(out.sent.get(3));
        assertThat(result.name()).isEqualTo("_result");
        assertThat(result.transactionId()).isEqualTo(1.0);
        assertThat(NetStatus.codeOf(result.arguments().get(0))).isEqualTo(NetStatus.CONNECT_SUCCESS);
        assertThat(handler.connect.app()).isEqualTo("live");
        assertThat(handler.connect.tcUrl()).isEqualTo("rtmp://localhost/live");
    }

    @Test
    void createStreamAllocatesIncreasingIds() {
        connect();
        out.sent.clear();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        session.onMessage(CommandMessage.of("createStream", 3, null).encode(0));

        assertThat(out.sent).extracting(m -> command(m).numberArgument(0)).containsExactly(1.0, 2.0);
    }

    @Test
    void acceptedPublishGetsPublishStartAndForwardsMediaWithoutSetDataFrameWrapper() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        out.sent.clear();
        session.onMessage(CommandMessage.of("publish", 0, null, "secret?x=1", "live").encode(1));

        assertThat(handler.publish.name()).isEqualTo("secret?x=1");
        handler.publishReply.accept();
        assertThat(statusCodes()).containsExactly(NetStatus.PUBLISH_START);

        byte[] metadata = new Amf0Writer().writeAll("@setDataFrame", "onMetaData", Map.of("width", 320.0)).toByteArray();
        session.onMessage(new RtmpMessage(MessageTypes.DATA_AMF0, 1, 0, metadata));
        session.onMessage(new RtmpMessage(MessageTypes.VIDEO, 1, 40, new byte[]{0x17, 1, 0, 0, 0}));

        assertThat(handler.media).hasSize(2);
        List<Object> values = new Amf0Reader(ByteBuffer.wrap(handler.media.get(0).payload())).readAll();
        assertThat(values.get(0)).isEqualTo("onMetaData");
        assertThat(handler.media.get(1).typeId()).isEqualTo(MessageTypes.VIDEO);
    }

    @Test
    void rejectedPublishSendsBadNameBeforeClosing() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        out.sent.clear();
        session.onMessage(CommandMessage.of("publish", 0, null, "wrong", "live").encode(1));
        handler.publishReply.reject(NetStatus.PUBLISH_BAD_NAME, "unknown stream key");

        RtmpMessage status = out.sent.get(out.sent.size() - 1);
        Object info = command(status).arguments().get(0);
        assertThat(NetStatus.codeOf(info)).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
        assertThat(NetStatus.descriptionOf(info)).isEqualTo("unknown stream key");
        assertThat(status.streamId()).isEqualTo(1);
        assertThat(out.closedAfterFlush).isTrue();
    }

    @Test
    void mediaBeforePublishStartIsNotForwarded() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        session.onMessage(CommandMessage.of("publish", 0, null, "key", "live").encode(1));
        session.onMessage(new RtmpMessage(MessageTypes.VIDEO, 1, 0, new byte[]{0x17, 1}));

        assertThat(handler.media).isEmpty();
    }

    @Test
    void acceptedPlayGetsStreamBeginResetStartAndSampleAccessInOrder() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        out.sent.clear();
        session.onMessage(CommandMessage.of("play", 0, null, "demo", -2.0).encode(1));
        handler.playReply.accept();

        assertThat(out.sent.get(0).typeId()).isEqualTo(MessageTypes.USER_CONTROL);
        assertThat(UserControl.parse(out.sent.get(1)).eventType()).isEqualTo(UserControl.STREAM_BEGIN);
        assertThat(statusCodes()).containsExactly(NetStatus.PLAY_RESET, NetStatus.PLAY_START);
        RtmpMessage last = out.sent.get(out.sent.size() - 1);
        assertThat(last.typeId()).isEqualTo(MessageTypes.DATA_AMF0);
        assertThat(new Amf0Reader(ByteBuffer.wrap(last.payload())).read()).isEqualTo("|RtmpSampleAccess");
    }

    @Test
    void playOfUnknownStreamGetsStreamNotFound() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        out.sent.clear();
        session.onMessage(CommandMessage.of("play", 0, null, "nothing", -2.0).encode(1));
        handler.playReply.reject(NetStatus.PLAY_STREAM_NOT_FOUND, "stream nothing is not live");

        assertThat(statusCodes()).containsExactly(NetStatus.PLAY_STREAM_NOT_FOUND);
    }

    @Test
    void unknownCommandGetsErrorAndConnectionStays() {
        connect();
        out.sent.clear();
        session.onMessage(CommandMessage.of("fancyNewThing", 7, null).encode(0));

        CommandMessage error = command(out.sent.get(0));
        assertThat(error.name()).isEqualTo("_error");
        assertThat(error.transactionId()).isEqualTo(7.0);
        assertThat(NetStatus.codeOf(error.arguments().get(0))).isEqualTo(NetStatus.CALL_FAILED);
        assertThat(out.closedAfterFlush).isFalse();
        assertThat(out.closed).isFalse();
    }

    @Test
    void fcPublishReleaseStreamAndCheckBandwidthAreAnswered() {
        connect();
        out.sent.clear();
        session.onMessage(CommandMessage.of("releaseStream", 2, null, "k").encode(0));
        session.onMessage(CommandMessage.of("FCPublish", 3, null, "k").encode(0));
        session.onMessage(CommandMessage.of("_checkbw", 4, null).encode(0));
        session.onMessage(CommandMessage.of("getStreamLength", 5, null, "k").encode(0));

        assertThat(out.sent).extracting(m -> command(m).name())
                .containsExactly("_result", "onFCPublish", "_result", "_result");
    }

    @Test
    void fcSubscribeIsAnsweredAsFlashPlayersExpect() {
        connect();
        out.sent.clear();
        session.onMessage(CommandMessage.of("FCSubscribe", 2, null, "demo").encode(0));
        session.onMessage(CommandMessage.of("FCUnsubscribe", 3, null, "demo").encode(0));

        assertThat(out.sent).extracting(m -> command(m).name()).containsExactly("onFCSubscribe", "onFCUnsubscribe");
        assertThat(NetStatus.codeOf(command(out.sent.get(0)).arguments().get(0))).isEqualTo(NetStatus.PLAY_START);
        assertThat(NetStatus.descriptionOf(command(out.sent.get(0)).arguments().get(0))).isEqualTo("demo");
        assertThat(NetStatus.codeOf(command(out.sent.get(1)).arguments().get(0))).isEqualTo(NetStatus.PLAY_STOP);
    }

    @Test
    void pingRequestIsAnsweredWithPingResponse() {
        connect();
        out.sent.clear();
        session.onMessage(UserControl.pingRequest(1234));

        assertThat(UserControl.parse(out.sent.get(0)).eventType()).isEqualTo(UserControl.PING_RESPONSE);
        assertThat(UserControl.parse(out.sent.get(0)).value1()).isEqualTo(1234);
    }

    @Test
    void acknowledgementIsSentWhenThePeerWindowIsReached() {
        session.onMessage(ProtocolControl.windowAckSize(1000));
        session.onBytesReceived(999);
        assertThat(out.sent).isEmpty();
        session.onBytesReceived(1500);
        assertThat(out.sent).extracting(RtmpMessage::typeId).containsExactly(MessageTypes.ACKNOWLEDGEMENT);
        assertThat(ProtocolControl.readInt32(out.sent.get(0))).isEqualTo(1500);
    }

    @Test
    void commandsBeforeConnectAreAProtocolViolation() {
        assertThatThrownBy(() -> session.onMessage(CommandMessage.of("createStream", 1, null).encode(0)))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void metadataWithNoAmf0FormIsAProtocolErrorNotAnIllegalArgument() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        session.onMessage(CommandMessage.of("publish", 0, null, "key", "live").encode(1));
        handler.publishReply.accept();
        // @setDataFrame, onMetaData, then (AVM+ switch) an AMF3 Dictionary {1: true}: its integer key has no AMF0 form.
        byte[] wrapper = new Amf0Writer().writeAll("@setDataFrame", "onMetaData").toByteArray();
        byte[] dictionary = {0x11, 0x11, 0x03, 0x00, 0x04, 0x01, 0x03};
        byte[] body = java.util.Arrays.copyOf(wrapper, wrapper.length + dictionary.length);
        System.arraycopy(dictionary, 0, body, wrapper.length, dictionary.length);

        assertThatThrownBy(() -> session.onMessage(new RtmpMessage(MessageTypes.DATA_AMF0, 1, 0, body)))
                .isInstanceOfSatisfying(RtmpProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(RtmpProtocolException.Reason.UNSUPPORTED));
        assertThat(handler.media).isEmpty();
    }

    @Test
    void fcUnpublishAndDeleteStreamCloseThePublishingStream() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        session.onMessage(CommandMessage.of("publish", 0, null, "key", "live").encode(1));
        handler.publishReply.accept();
        session.onMessage(CommandMessage.of("FCUnpublish", 3, null, "key").encode(0));
        session.onMessage(CommandMessage.of("deleteStream", 4, null, 1.0).encode(0));

        assertThat(handler.closedStreams).containsExactly(1);
    }

    @Test
    void pauseIsAcknowledgedWithNotify() {
        connect();
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        session.onMessage(CommandMessage.of("play", 0, null, "demo").encode(1));
        handler.playReply.accept();
        out.sent.clear();
        session.onMessage(CommandMessage.of("pause", 0, null, true, 0.0).encode(1));

        assertThat(handler.paused).isTrue();
        assertThat(statusCodes()).containsExactly(NetStatus.PAUSE_NOTIFY);
    }

    private void connect() {
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        props.put("app", "live");
        props.put("tcUrl", "rtmp://localhost/live");
        props.put("flashVer", "FMLE/3.0");
        session.onMessage(CommandMessage.of("connect", 1, props).encode(0));
    }

    private List<String> statusCodes() {
        List<String> codes = new ArrayList<>();
        for (RtmpMessage m : out.sent) {
            if (m.typeId() == MessageTypes.COMMAND_AMF0) {
                CommandMessage c = command(m);
                if (c.name().equals("onStatus")) {
                    codes.add(NetStatus.codeOf(c.arguments().get(0)));
                }
            }
        }
        return codes;
    }

    private static CommandMessage command(RtmpMessage m) {
        return CommandMessage.decode(m, dev.inlet.rtmp.amf.AmfLimits.defaults());
    }

    private static final class RecordingHandler implements ServerSessionHandler {
        ConnectRequest connect;
        PublishRequest publish;
        Reply publishReply;
        Reply playReply;
        final List<RtmpMessage> media = new ArrayList<>();
        final List<Integer> closedStreams = new ArrayList<>();
        boolean paused;

        @Override
        public String onConnect(ConnectRequest request) {
            connect = request;
            return null;
        }

        @Override
        public void onPublish(PublishRequest request, Reply reply) {
            publish = request;
            publishReply = reply;
        }

        @Override
        public void onPlay(PlayRequest request, Reply reply) {
            playReply = reply;
        }

        @Override
        public void onPublisherMessage(int streamId, RtmpMessage message) {
            media.add(message);
        }

        @Override
        public void onStreamClosed(int streamId) {
            closedStreams.add(streamId);
        }

        @Override
        public void onPause(int streamId, boolean p) {
            paused = p;
        }

        @Override
        public void onDisconnect(String reason, Throwable cause) {
        }
    }
}
