package dev.inlet.rtmp.session;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.Amf0Writer;
import dev.inlet.rtmp.chunk.ProtocolControl;
import dev.inlet.rtmp.chunk.UserControl;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and sends what a server session says to its peer: {@code _result}, {@code _error}, {@code onStatus}
 * and the control messages around connect, publish and play. Commands are answered in the encoding the peer
 * uses (AMF0 until it sends an AMF3 command).
 */
final class SessionReplies {

    private final SessionOutput out;
    private volatile int commandTypeId = MessageTypes.COMMAND_AMF0;

    SessionReplies(SessionOutput out) {
        this.out = out;
    }

    /** The peer spoke AMF3: answer in AMF3 from now on. */
    void peerUsesAmf3() {
        commandTypeId = MessageTypes.COMMAND_AMF3;
    }

    /** {@code _result} for a call; a transaction id of 0 asks for no answer. */
    void result(CommandMessage call, Object value) {
        if (call.transactionId() == 0) {
            return;
        }
        out.send(ChunkStreams.COMMAND,
                CommandMessage.of("_result", call.transactionId(), null, value).encode(commandTypeId, 0));
    }

    /** {@code _error} with a NetStatus error object. */
    void error(CommandMessage call, String code, String description) {
        out.send(ChunkStreams.COMMAND, CommandMessage.of("_error", call.transactionId(), null,
                NetStatus.error(code, description)).encode(commandTypeId, 0));
    }

    /** A server-to-client call such as {@code onFCPublish} on the connection's command stream. */
    void call(String name, Map<String, Object> info) {
        out.send(ChunkStreams.COMMAND, CommandMessage.of(name, 0, null, info).encode(commandTypeId, 0));
    }

    /** {@code onStatus} on a message stream. */
    void status(int streamId, Map<String, Object> info) {
        out.send(ChunkStreams.STREAM_COMMAND, CommandMessage.of("onStatus", 0, null, info).encode(commandTypeId, streamId));
    }

    /** The protocol parameters, then the {@code _result} that accepts a connect. */
    void connectAccepted(CommandMessage call, ConnectRequest connection, SessionSettings settings) {
        out.send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.windowAckSize(settings.windowAckSize()));
        out.send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.setPeerBandwidth(settings.peerBandwidth(), 2));
        out.send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.setChunkSize(settings.outgoingChunkSize()));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,5,7,7009");
        properties.put("capabilities", 31.0);
        properties.put("mode", 1.0);
        if (connection.isEnhanced()) {
            EnhancedRtmpReply.addTo(properties, connection);
        }
        Map<String, Object> info = NetStatus.status(NetStatus.CONNECT_SUCCESS, "Connection succeeded.");
        info.put("objectEncoding", connection.objectEncoding());
        out.send(ChunkStreams.COMMAND,
                CommandMessage.of("_result", call.transactionId(), properties, info).encode(commandTypeId, 0));
    }

    void publishStarted(int streamId, String name) {
        out.send(ChunkStreams.PROTOCOL_CONTROL, UserControl.streamBegin(streamId));
        status(streamId, NetStatus.status(NetStatus.PUBLISH_START, name + " is now published."));
    }

    void playStarted(int streamId, String name) {
        out.send(ChunkStreams.PROTOCOL_CONTROL, UserControl.streamIsRecorded(streamId));
        out.send(ChunkStreams.PROTOCOL_CONTROL, UserControl.streamBegin(streamId));
        status(streamId, NetStatus.status(NetStatus.PLAY_RESET, "Playing and resetting " + name + "."));
        status(streamId, NetStatus.status(NetStatus.PLAY_START, "Started playing " + name + "."));
        byte[] sampleAccess = new Amf0Writer().writeAll("|RtmpSampleAccess", true, true).toByteArray();
        out.send(ChunkStreams.DATA, new RtmpMessage(MessageTypes.DATA_AMF0, streamId, 0, sampleAccess));
    }

    void playEnded(int streamId, String description) {
        out.send(ChunkStreams.PROTOCOL_CONTROL, UserControl.streamEof(streamId));
        status(streamId, NetStatus.status(NetStatus.PLAY_UNPUBLISH_NOTIFY, description));
        status(streamId, NetStatus.status(NetStatus.PLAY_STOP, description));
    }

    void paused(int streamId, boolean pause) {
        status(streamId, pause
                ? NetStatus.status(NetStatus.PAUSE_NOTIFY, "Paused.")
                : NetStatus.status(NetStatus.UNPAUSE_NOTIFY, "Unpaused."));
    }
}
