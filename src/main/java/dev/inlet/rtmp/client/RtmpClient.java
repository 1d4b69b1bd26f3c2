package dev.inlet.rtmp.client;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.AmfLimits;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkEncoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.ProtocolControl;
import dev.inlet.rtmp.chunk.UserControl;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.handshake.HandshakeClient;
import dev.inlet.rtmp.session.ChunkStreams;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A blocking RTMP client on the same codec as the server: connect, publish, play. Used by the
 * tests, the benchmark tool and relays. A background thread reads; commands are answered
 * through {@link #awaitCommand}, media goes to the listener given at connect time or to a queue.
 */
public final class RtmpClient implements AutoCloseable {

    private static final CommandMessage NO_MORE = CommandMessage.of("<closed>", 0, null);

    private final Socket socket;
    private final OutputStream out;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final BlockingQueue<CommandMessage> commands = new LinkedBlockingQueue<>();
    private final BlockingQueue<RtmpMessage> media = new LinkedBlockingQueue<>();
    private final Consumer<RtmpMessage> mediaListener;
    private final Duration timeout;
    private final Thread reader;
    private double nextTransactionId = 1;
    private volatile IOException readFailure;
    private volatile boolean closed;

    private RtmpClient(Socket socket, Duration timeout, Consumer<RtmpMessage> mediaListener) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.timeout = timeout;
        this.mediaListener = mediaListener != null ? mediaListener : media::add;
        this.reader = new Thread(this::readLoop, "rtmp-client-" + socket.getLocalPort());
        this.reader.setDaemon(true);
    }

    /** Opens a connection, runs the handshake and {@code connect}s to {@code app}. */
    public static RtmpClient connect(String host, int port, String app, Duration timeout) throws IOException {
        return connect(host, port, app, timeout, null);
    }

    /** As {@link #connect(String, int, String, Duration)}, delivering media to {@code mediaListener} on the reader thread. */
    public static RtmpClient connect(String host, int port, String app, Duration timeout,
                                     Consumer<RtmpMessage> mediaListener) throws IOException {
        return connect(host, port, app, timeout, mediaListener, Map.of());
    }

    /**
     * As {@link #connect(String, int, String, Duration, Consumer)}, adding {@code extraConnectProperties} to the
     * {@code connect} command object (for example the Enhanced RTMP {@code capsEx} or {@code fourCcList}).
     */
    public static RtmpClient connect(String host, int port, String app, Duration timeout,
                                     Consumer<RtmpMessage> mediaListener, Map<String, Object> extraConnectProperties)
            throws IOException {
        return connect(host, port, app, timeout, mediaListener, extraConnectProperties, false);
    }

    /**
     * As {@link #connect(String, int, String, Duration, Consumer, Map)}, over TLS (RTMPS, the JVM's trust store) when
     * {@code tls} is true.
     */
    public static RtmpClient connect(String host, int port, String app, Duration timeout,
                                     Consumer<RtmpMessage> mediaListener, Map<String, Object> extraConnectProperties,
                                     boolean tls) throws IOException {
        Socket plain = new Socket();
        Socket socket = plain;
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            if (tls) {
                javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) ((javax.net.ssl.SSLSocketFactory)
                        javax.net.ssl.SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
                javax.net.ssl.SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
            handshake(socket);
            socket.setSoTimeout(0);
            RtmpClient client = new RtmpClient(socket, timeout, mediaListener);
            client.reader.start();
            client.sendConnect(app, (tls ? "rtmps://" : "rtmp://") + host + ":" + port + "/" + app, extraConnectProperties);
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            plain.close();
            throw e;
        }
    }

    /** Sends {@code createStream} and returns the message stream id the server allocated. */
    public int createStream() throws IOException {
        double txn = nextTransactionId++;
        send(ChunkStreams.COMMAND, CommandMessage.of("createStream", txn, null).encode(0));
        CommandMessage result = awaitCommand(c -> c.transactionId() == txn);
        Double id = result.numberArgument(0);
        if (!"_result".equals(result.name()) || id == null) {
            throw new IOException("createStream failed: " + result);
        }
        return id.intValue();
    }

    /** Publishes {@code name} on {@code streamId}; returns the server's status (Publish.Start or an error). */
    public RtmpStatus publish(int streamId, String name) throws IOException {
        send(ChunkStreams.COMMAND, CommandMessage.of("releaseStream", nextTransactionId++, null, name).encode(0));
        send(ChunkStreams.COMMAND, CommandMessage.of("FCPublish", nextTransactionId++, null, name).encode(0));
        send(ChunkStreams.STREAM_COMMAND, CommandMessage.of("publish", 0, null, name, "live").encode(streamId));
        return awaitStatus(streamId, NetStatus.PUBLISH_START);
    }

    /** Ends a publish cleanly, as encoders do when they stop: FCUnpublish, then deleteStream. */
    public void unpublish(int streamId, String name) throws IOException {
        send(ChunkStreams.COMMAND, CommandMessage.of("FCUnpublish", nextTransactionId++, null, name).encode(0));
        send(ChunkStreams.COMMAND, CommandMessage.of("deleteStream", nextTransactionId++, null, (double) streamId).encode(0));
    }

    /** Plays {@code name} on {@code streamId}; returns Play.Start or the error status. */
    public RtmpStatus play(int streamId, String name) throws IOException {
        send(ChunkStreams.STREAM_COMMAND, CommandMessage.of("play", 0, null, name, -2.0).encode(streamId));
        return awaitStatus(streamId, NetStatus.PLAY_START);
    }

    /** Sends a media or data message (from a publisher). */
    public void sendMedia(int streamId, int typeId, long timestamp, byte[] body) throws IOException {
        int csid = typeId == MessageTypes.AUDIO ? ChunkStreams.AUDIO
                : typeId == MessageTypes.VIDEO ? ChunkStreams.VIDEO : ChunkStreams.DATA;
        send(csid, new RtmpMessage(typeId, streamId, timestamp, body));
    }

    /** Sends any message on a chunk stream and flushes. */
    public synchronized void send(int chunkStreamId, RtmpMessage message) throws IOException {
        out.write(encoder.encode(chunkStreamId, message));
        if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
            encoder.setChunkSize(ProtocolControl.readInt32(message));
        }
        out.flush();
    }

    /**
     * Sends a media message at most {@code bytesPerSecond}, in pieces every tenth of a second, as an encoder on a
     * slow uplink does: the bytes of one message keep arriving for longer than a timeout that counted messages.
     */
    public void sendMediaPaced(int streamId, int typeId, long timestamp, byte[] body, int bytesPerSecond)
            throws IOException, InterruptedException {
        int csid = typeId == MessageTypes.AUDIO ? ChunkStreams.AUDIO
                : typeId == MessageTypes.VIDEO ? ChunkStreams.VIDEO : ChunkStreams.DATA;
        byte[] wire;
        synchronized (this) {
            wire = encoder.encode(csid, new RtmpMessage(typeId, streamId, timestamp, body));
        }
        int piece = Math.max(1, bytesPerSecond / 10);
        for (int offset = 0; offset < wire.length; offset += piece) {
            synchronized (this) {
                out.write(wire, offset, Math.min(piece, wire.length - offset));
                out.flush();
            }
            Thread.sleep(100);
        }
    }

    /** Raises the outgoing chunk size (as encoders do after connect). */
    public void setChunkSize(int size) throws IOException {
        send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.setChunkSize(size));
    }

    /** The next media or data message (when no listener was given), or null after {@code wait}. */
    public RtmpMessage nextMedia(Duration wait) throws InterruptedException {
        return media.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a command from the server that matches {@code filter}; others are skipped. */
    public CommandMessage awaitCommand(java.util.function.Predicate<CommandMessage> filter) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                CommandMessage command = left <= 0 ? null : commands.poll(left, TimeUnit.NANOSECONDS);
                if (command == null) {
                    throw new IOException("no answer from the server within " + timeout.toMillis() + " ms");
                }
                if (command == NO_MORE) {
                    commands.add(NO_MORE);
                    throw new EOFException("connection closed by the server"
                            + (readFailure != null ? ": " + readFailure.getMessage() : ""));
                }
                if (filter.test(command)) {
                    return command;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Whether the server has closed the connection. */
    public boolean isClosedByServer() {
        return !closed && !reader.isAlive();
    }

    /** What ended reading from the server (a reset, for one); null while reading or after an orderly end. */
    public IOException readFailure() {
        return readFailure;
    }

    /** Waits until the server closes the connection; true if it did within {@code wait}. */
    public boolean awaitServerClose(Duration wait) throws InterruptedException {
        reader.join(wait.toMillis());
        return !reader.isAlive();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }

    private RtmpStatus awaitStatus(int streamId, String successCode) throws IOException {
        while (true) {
            CommandMessage status = awaitCommand(c -> c.name().equals("onStatus"));
            Object info = status.arguments().isEmpty() ? null : status.arguments().get(0);
            String code = NetStatus.codeOf(info);
            String level = info instanceof Map<?, ?> map && map.get("level") instanceof String l ? l : null;
            if (successCode.equals(code) || NetStatus.LEVEL_ERROR.equals(level)) {
                return new RtmpStatus(level, code, NetStatus.descriptionOf(info));
            }
        }
    }

    private void sendConnect(String app, String tcUrl, Map<String, Object> extraProperties) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("app", app);
        properties.put("type", "nonprivate");
        properties.put("flashVer", "FMLE/3.0 (compatible; Inlet)");
        properties.put("tcUrl", tcUrl);
        properties.put("fpad", false);
        properties.put("capabilities", 15.0);
        properties.put("audioCodecs", 4071.0);
        properties.put("videoCodecs", 252.0);
        properties.put("videoFunction", 1.0);
        properties.put("objectEncoding", 0.0);
        properties.putAll(extraProperties);
        double txn = nextTransactionId++;
        send(ChunkStreams.COMMAND, CommandMessage.of("connect", txn, properties).encode(0));
        CommandMessage result = awaitCommand(c -> c.transactionId() == txn);
        Object info = result.arguments().isEmpty() ? null : result.arguments().get(0);
        if (!"_result".equals(result.name()) || !NetStatus.CONNECT_SUCCESS.equals(NetStatus.codeOf(info))) {
            throw new IOException("connect refused: " + NetStatus.codeOf(info) + " " + NetStatus.descriptionOf(info));
        }
    }

    private static void handshake(Socket socket) throws IOException {
        HandshakeClient handshake = new HandshakeClient(new SecureRandom(), true, 0);
        OutputStream output = socket.getOutputStream();
        output.write(handshake.c0c1());
        output.flush();
        byte[] s0s1s2 = socket.getInputStream().readNBytes(3073);
        if (s0s1s2.length != 3073) {
            throw new EOFException("server closed during the handshake");
        }
        output.write(handshake.respondToS0S1S2(s0s1s2));
        output.flush();
    }

    private void readLoop() {
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.defaults());
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        long windowAckSize = 0;
        long lastAck = 0;
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                int read = in.read(buffer.array(), buffer.position(), buffer.remaining());
                if (read < 0) {
                    break;
                }
                buffer.position(buffer.position() + read);
                buffer.flip();
                java.util.List<RtmpMessage> messages = new java.util.ArrayList<>();
                decoder.decode(buffer, messages::add);
                buffer.compact();
                if (!buffer.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                    buffer.flip();
                    bigger.put(buffer);
                    buffer = bigger;
                }
                for (RtmpMessage message : messages) {
                    switch (message.typeId()) {
                        case MessageTypes.COMMAND_AMF0, MessageTypes.COMMAND_AMF3 ->
                                commands.add(CommandMessage.decode(message, AmfLimits.defaults()));
                        case MessageTypes.WINDOW_ACK_SIZE -> windowAckSize = ProtocolControl.readInt32(message);
                        case MessageTypes.USER_CONTROL -> {
                            var event = UserControl.parse(message);
                            if (event.eventType() == UserControl.PING_REQUEST) {
                                send(ChunkStreams.PROTOCOL_CONTROL, UserControl.pingResponse(event.value1()));
                            }
                        }
                        case MessageTypes.AUDIO, MessageTypes.VIDEO, MessageTypes.DATA_AMF0, MessageTypes.DATA_AMF3,
                                MessageTypes.AGGREGATE -> mediaListener.accept(message);
                        default -> {
                        }
                    }
                }
                if (windowAckSize > 0 && decoder.bytesConsumed() - lastAck >= windowAckSize) {
                    lastAck = decoder.bytesConsumed();
                    send(ChunkStreams.PROTOCOL_CONTROL, ProtocolControl.acknowledgement(lastAck & 0xFFFF_FFFFL));
                }
            }
        } catch (IOException e) {
            readFailure = e;
        } catch (RuntimeException e) {
            readFailure = new IOException(e);
        } finally {
            commands.add(NO_MORE);
        }
    }
}
