package dev.inlet.rtmp.session;

import dev.inlet.text.LogText;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.amf.Amf0Writer;
import dev.inlet.rtmp.chunk.AggregateMessages;
import dev.inlet.rtmp.chunk.ProtocolControl;
import dev.inlet.rtmp.chunk.SharedEncoding;
import dev.inlet.rtmp.chunk.UserControl;
import dev.inlet.rtmp.chunk.UserControlEvent;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server side of one RTMP connection after the handshake: answers protocol control and
 * command messages, tracks the message streams the client created, and hands publish/play
 * decisions and media to a {@link ServerSessionHandler}.
 *
 * <p>{@link #onMessage} is called by one thread at a time (the connection's read path); replies
 * and {@link #sendMedia} may come from other threads.
 */
public final class ServerSession {

    private static final Logger LOG = Logger.getLogger(ServerSession.class.getName());
    private static final int MAX_STREAMS_PER_CONNECTION = 16;

    private enum StreamState { CREATED, PUBLISH_PENDING, PUBLISHING, PLAY_PENDING, PLAYING, CLOSED }

    private final SessionOutput out;
    private final ServerSessionHandler handler;
    private final SessionSettings settings;
    private final Map<Integer, StreamState> streams = new ConcurrentHashMap<>();
    private final AtomicBoolean disconnected = new AtomicBoolean();

    private final SessionReplies replies;
    private final SessionLiveness liveness;
    private final CommandBudget commandBudget;

    private ConnectRequest connection;
    private int lastStreamId;
    private long peerWindowAckSize;
    private long lastAcknowledged;
    private long bytesReceived;

    public ServerSession(SessionOutput out, Function<ServerSession, ServerSessionHandler> handlerFactory,
                         SessionSettings settings) {
        this.out = out;
        this.settings = settings;
        this.replies = new SessionReplies(out);
        this.liveness = new SessionLiveness(settings, System.nanoTime());
        this.commandBudget = new CommandBudget(settings.commandsPerSecond(), settings.commandBurst(), System.nanoTime());
        this.handler = handlerFactory.apply(this);
    }

    /** Handles one complete message from the peer. Throws {@link RtmpProtocolException} on a protocol violation. */
    public void onMessage(RtmpMessage message) {
        if (costsAnAnswer(message.typeId())) {
            commandBudget.spend(System.nanoTime());
        }
        switch (message.typeId()) {
            case MessageTypes.SET_CHUNK_SIZE, MessageTypes.ABORT, MessageTypes.ACKNOWLEDGEMENT -> {
                // chunk size and abort are applied by the decoder; acknowledgements need no answer
            }
            case MessageTypes.WINDOW_ACK_SIZE -> peerWindowAckSize = ProtocolControl.readInt32(message) & 0xFFFF_FFFFL;
            case MessageTypes.SET_PEER_BANDWIDTH -> onSetPeerBandwidth(message);
            case MessageTypes.USER_CONTROL -> onUserControl(message);
            case MessageTypes.COMMAND_AMF0, MessageTypes.COMMAND_AMF3 -> {
                liveness.onCommand(System.nanoTime());
                onCommand(message);
            }
            case MessageTypes.AUDIO, MessageTypes.VIDEO -> onPublisherMessage(message);
            case MessageTypes.DATA_AMF0, MessageTypes.DATA_AMF3 -> onData(message);
            case MessageTypes.AGGREGATE -> {
                for (RtmpMessage part : AggregateMessages.split(message, Integer.MAX_VALUE)) {
                    onMessage(part);
                }
            }
            default -> LOG.fine(() -> "ignoring message type " + message.typeId() + " from " + out.remoteAddress());
        }
    }

    /** Commands, pings and bandwidth messages make the server work or answer; they are rate limited. */
    private static boolean costsAnAnswer(int typeId) {
        return typeId == MessageTypes.COMMAND_AMF0 || typeId == MessageTypes.COMMAND_AMF3
                || typeId == MessageTypes.USER_CONTROL || typeId == MessageTypes.SET_PEER_BANDWIDTH;
    }

    /** The transport reports the running total of bytes read, so the session can acknowledge them. */
    public void onBytesReceived(long totalBytes) {
        bytesReceived = totalBytes;
        liveness.onRead(System.nanoTime(), handedToSocket());
        if (peerWindowAckSize > 0 && bytesReceived - lastAcknowledged >= peerWindowAckSize) {
            lastAcknowledged = bytesReceived;
            out.send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.acknowledgement(bytesReceived & 0xFFFF_FFFFL));
        }
    }

    /** Why a connection is closed for silence: {@code reason} labels the close counter, {@code description} is logged. */
    public record IdleClose(String reason, String description) {
    }

    /** As {@link #idleClose}, only the description. */
    public String idleReason(long nowNanos) {
        IdleClose close = idleClose(nowNanos);
        return close == null ? null : close.description();
    }

    /**
     * Why this connection should be closed for silence at {@code nowNanos}, or null; the rules are
     * {@link SessionLiveness}'s.
     */
    public IdleClose idleClose(long nowNanos) {
        return liveness.idleClose(nowNanos, activity(), handedToSocket());
    }

    private SessionLiveness.Activity activity() {
        if (streams.containsValue(StreamState.PUBLISHING)) {
            return SessionLiveness.Activity.PUBLISHING;
        }
        if (streams.containsValue(StreamState.PLAYING)) {
            return SessionLiveness.Activity.PLAYING;
        }
        if (streams.containsValue(StreamState.PUBLISH_PENDING) || streams.containsValue(StreamState.PLAY_PENDING)) {
            return SessionLiveness.Activity.PENDING;
        }
        return SessionLiveness.Activity.NOTHING;
    }

    private long handedToSocket() {
        return Math.max(0, out.bytesSent() - out.pendingBytes());
    }

    /** The connection is gone. Idempotent. */
    public void onTransportClosed(String reason, Throwable cause) {
        if (disconnected.compareAndSet(false, true)) {
            handler.onDisconnect(reason, cause);
        }
    }

    /** Sends an audio, video or data message to a playing stream. */
    public void sendMedia(int streamId, int typeId, long timestamp, byte[] body) {
        out.send(mediaChunkStream(typeId), new RtmpMessage(typeId, streamId, timestamp, body));
    }

    /** As {@link #sendMedia}, with chunked bytes shared with every other player of the same message. */
    public void sendMedia(int streamId, int typeId, long timestamp, byte[] body, SharedEncoding shared) {
        out.sendShared(mediaChunkStream(typeId), new RtmpMessage(typeId, streamId, timestamp, body), shared);
    }

    private static int mediaChunkStream(int typeId) {
        return switch (typeId) {
            case MessageTypes.AUDIO -> ChunkStreams.AUDIO;
            case MessageTypes.VIDEO -> ChunkStreams.VIDEO;
            default -> ChunkStreams.DATA;
        };
    }

    /** Sends {@code onStatus} on a message stream. */
    public void sendStatus(int streamId, Map<String, Object> info) {
        replies.status(streamId, info);
    }

    /** Tells a player that the stream it plays has ended, then closes the connection. */
    public void endPlayback(int streamId, String description) {
        replies.playEnded(streamId, description);
        streams.put(streamId, StreamState.CLOSED);
        out.closeAfterFlush(description);
    }

    public SessionOutput output() {
        return out;
    }

    public ConnectRequest connection() {
        return connection;
    }

    public String remoteAddress() {
        return out.remoteAddress();
    }

    private void onSetPeerBandwidth(RtmpMessage message) {
        long size = ProtocolControl.readInt32(message) & 0xFFFF_FFFFL;
        // The receiver of Set Peer Bandwidth answers with its own window size when it differs.
        out.send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.windowAckSize(size));
    }

    private void onUserControl(RtmpMessage message) {
        UserControlEvent event = UserControl.parse(message);
        if (event.eventType() == UserControl.PING_REQUEST) {
            out.send(ChunkStreams.PROTOCOL_CONTROL, UserControl.pingResponse(event.value1()));
        }
    }

    private void onCommand(RtmpMessage message) {
        CommandMessage command = CommandMessage.decode(message, settings.amfLimits());
        if (message.typeId() == MessageTypes.COMMAND_AMF3) {
            replies.peerUsesAmf3();
        }
        if (connection == null && !command.name().equals("connect")) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED,
                    "command '" + command.name() + "' before connect");
        }
        switch (command.name()) {
            case "connect" -> onConnect(command);
            case "createStream" -> onCreateStream(command);
            case "releaseStream", "_checkbw" -> replies.result(command, null);
            case "getStreamLength" -> replies.result(command, 0.0); // live: no length; players want a number
            case "FCPublish" -> replies.call("onFCPublish",
                    NetStatus.status(NetStatus.PUBLISH_START, String.valueOf(command.stringArgument(0))));
            // Players of the Flash lineage (rtmpdump --live, some set-top boxes) subscribe before play and print
            // an error unless the server answers the way Flash Media Server did.
            case "FCSubscribe" -> replies.call("onFCSubscribe",
                    NetStatus.status(NetStatus.PLAY_START, LogText.of(command.stringArgument(0))));
            case "FCUnsubscribe" -> replies.call("onFCUnsubscribe",
                    NetStatus.status(NetStatus.PLAY_STOP, LogText.of(command.stringArgument(0))));
            case "publish" -> onPublish(command, message.streamId());
            case "FCUnpublish" -> onFcUnpublish(command);
            case "deleteStream" -> {
                Double id = command.numberArgument(0);
                if (id != null) {
                    closeStream(id.intValue());
                }
            }
            case "closeStream" -> closeStream(message.streamId());
            case "play" -> onPlay(command, message.streamId());
            case "receiveAudio", "receiveVideo" -> onReceiveFlag(command, message.streamId());
            case "pause" -> onPause(command, message.streamId());
            case "_result", "_error", "onBWDone", "onStatus" -> {
                // answers to calls we never make, or informational: nothing to do
            }
            default -> {
                LOG.fine(() -> "unknown command '" + LogText.of(command.name()) + "' from " + out.remoteAddress());
                replies.error(command, NetStatus.CALL_FAILED, "Method not found (" + command.name() + ").");
            }
        }
    }

    private void onConnect(CommandMessage command) {
        if (connection != null) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED, "second connect on one connection");
        }
        Map<String, Object> props = command.commandProperties();
        double objectEncoding = props.get("objectEncoding") instanceof Number n ? n.doubleValue() : 0;
        connection = new ConnectRequest(stringOf(props.get("app")), stringOf(props.get("tcUrl")),
                stringOf(props.get("flashVer")), objectEncoding, props, out.remoteAddress());
        String rejection = handler.onConnect(connection);
        if (rejection != null) {
            replies.error(command, NetStatus.CONNECT_REJECTED, rejection);
            out.closeAfterFlush("connect rejected: " + rejection);
            return;
        }
        replies.connectAccepted(command, connection, settings);
    }

    private void onCreateStream(CommandMessage command) {
        if (streams.size() >= MAX_STREAMS_PER_CONNECTION) {
            throw new dev.inlet.rtmp.LimitExceededException("too_many_streams",
                    "more than " + MAX_STREAMS_PER_CONNECTION + " streams on one connection");
        }
        int streamId = ++lastStreamId;
        streams.put(streamId, StreamState.CREATED);
        replies.result(command, (double) streamId);
    }

    private void onPublish(CommandMessage command, int streamId) {
        String name = command.stringArgument(0);
        String type = command.stringArgument(1);
        if (!streamCreated(streamId)) {
            rejectAndClose(streamId, NetStatus.PUBLISH_BAD_NAME, "publish on a stream that was not created");
            return;
        }
        if (name == null || name.isEmpty()) {
            rejectAndClose(streamId, NetStatus.PUBLISH_BAD_NAME, "publish without a stream name");
            return;
        }
        streams.put(streamId, StreamState.PUBLISH_PENDING);
        handler.onPublish(new PublishRequest(streamId, name, type == null ? "live" : type, connection),
                new OnceReply(streamId) {
                    @Override
                    void accepted() {
                        streams.put(streamId, StreamState.PUBLISHING);
                        replies.publishStarted(streamId, name);
                    }
                });
    }

    private void onPlay(CommandMessage command, int streamId) {
        String name = command.stringArgument(0);
        if (!streamCreated(streamId) || name == null || name.isEmpty()) {
            rejectAndClose(streamId, NetStatus.PLAY_STREAM_NOT_FOUND, "play without a created stream and a name");
            return;
        }
        Double start = command.numberArgument(1);
        Double duration = command.numberArgument(2);
        Boolean reset = command.booleanArgument(3);
        streams.put(streamId, StreamState.PLAY_PENDING);
        PlayRequest request = new PlayRequest(streamId, name, start == null ? -2 : start,
                duration == null ? -1 : duration, reset == null || reset, connection);
        handler.onPlay(request, new OnceReply(streamId) {
            @Override
            void accepted() {
                streams.put(streamId, StreamState.PLAYING);
                replies.playStarted(streamId, name);
            }
        });
    }

    private void onFcUnpublish(CommandMessage command) {
        replies.call("onFCUnpublish", NetStatus.status(NetStatus.UNPUBLISH_SUCCESS,
                String.valueOf(command.stringArgument(0))));
        streams.forEach((id, state) -> {
            if (state == StreamState.PUBLISHING) {
                closeStream(id);
            }
        });
    }

    private void closeStream(int streamId) {
        StreamState previous = streams.replace(streamId, StreamState.CLOSED);
        if (previous == StreamState.PUBLISHING || previous == StreamState.PLAYING
                || previous == StreamState.PUBLISH_PENDING || previous == StreamState.PLAY_PENDING) {
            handler.onStreamClosed(streamId);
        }
    }

    private void onReceiveFlag(CommandMessage command, int streamId) {
        Boolean flag = command.booleanArgument(0);
        if (flag == null) {
            return;
        }
        boolean audio = command.name().equals("receiveAudio");
        handler.onReceiveFlags(streamId, audio ? flag : true, audio ? true : flag);
    }

    private void onPause(CommandMessage command, int streamId) {
        Boolean pause = command.booleanArgument(0);
        if (pause == null || streams.get(streamId) != StreamState.PLAYING) {
            return;
        }
        handler.onPause(streamId, pause);
        replies.paused(streamId, pause);
    }

    private void onPublisherMessage(RtmpMessage message) {
        if (streams.get(message.streamId()) == StreamState.PUBLISHING) {
            handler.onPublisherMessage(message.streamId(), message);
        }
    }

    private void onData(RtmpMessage message) {
        if (streams.get(message.streamId()) != StreamState.PUBLISHING) {
            return;
        }
        List<Object> values = dev.inlet.rtmp.command.CommandMessage.readValues(message, settings.amfLimits());
        if (!values.isEmpty() && "@setDataFrame".equals(values.get(0))) {
            // Publishers wrap metadata in @setDataFrame; players must receive it without the wrapper.
            message = asAmf0Data(message, values.subList(1, values.size()));
        } else if (message.typeId() == MessageTypes.DATA_AMF3) {
            message = asAmf0Data(message, values);
        }
        handler.onPublisherMessage(message.streamId(), message);
    }

    /**
     * Re-encodes decoded data values as an AMF0 data message. Some values the readers accept have no AMF0 form
     * (an AMF3 Dictionary with non-string keys, a property name longer than 65535 bytes): that costs the
     * publisher its connection, with a reason, instead of escaping as an IllegalArgumentException.
     */
    private static RtmpMessage asAmf0Data(RtmpMessage message, List<Object> values) {
        Amf0Writer writer = new Amf0Writer();
        try {
            values.forEach(writer::write);
        } catch (IllegalArgumentException noAmf0Form) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.UNSUPPORTED,
                    "data message holds a value that cannot be passed on as AMF0: " + noAmf0Form.getMessage(),
                    noAmf0Form);
        }
        return new RtmpMessage(MessageTypes.DATA_AMF0, message.streamId(), message.timestamp(), writer.toByteArray());
    }

    private boolean streamCreated(int streamId) {
        return streams.get(streamId) == StreamState.CREATED;
    }

    private void rejectAndClose(int streamId, String code, String description) {
        streams.put(streamId, StreamState.CLOSED);
        replies.status(streamId, NetStatus.error(code, description));
        // The description may quote what the peer sent (a stream name): escaped, it cannot forge log lines.
        String safeDescription = LogText.of(description);
        LOG.log(Level.INFO, "{0} refused: {1} ({2})", new Object[]{out.remoteAddress(), safeDescription, code});
        out.closeAfterFlush(code + ": " + safeDescription);
    }

    private static String stringOf(Object value) {
        return value instanceof String s ? s : null;
    }

    /** Guards against a handler answering twice and turns a rejection into status + close. */
    private abstract class OnceReply implements Reply {
        private final AtomicBoolean answered = new AtomicBoolean();
        private final int streamId;

        OnceReply(int streamId) {
            this.streamId = streamId;
        }

        abstract void accepted();

        @Override
        public final void accept() {
            if (answered.compareAndSet(false, true) && !disconnected.get()) {
                accepted();
            }
        }

        @Override
        public final void reject(String code, String description) {
            if (answered.compareAndSet(false, true)) {
                rejectAndClose(streamId, code, description);
            }
        }
    }
}
