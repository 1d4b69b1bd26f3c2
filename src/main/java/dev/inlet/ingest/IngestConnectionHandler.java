package dev.inlet.ingest;

import dev.inlet.hub.StreamHub;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.session.ConnectRequest;
import dev.inlet.rtmp.session.PlayRequest;
import dev.inlet.rtmp.session.PublishRequest;
import dev.inlet.rtmp.session.Reply;
import dev.inlet.rtmp.session.ServerSession;
import dev.inlet.rtmp.session.ServerSessionHandler;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides for one RTMP connection: publishes by secret key (through the registry), plays by public
 * stream code (through the play function), and keeps the publish and play sessions it opened.
 */
final class IngestConnectionHandler implements ServerSessionHandler {

    private static final Logger LOG = Logger.getLogger(IngestConnectionHandler.class.getName());

    private final RtmpServer server;
    private final ServerSession session;
    private final String connectionId = UUID.randomUUID().toString();
    private final Map<Integer, PublishSession> publishing = new ConcurrentHashMap<>();
    private final Map<Integer, PlaySession> playing = new ConcurrentHashMap<>();
    /** Streams whose publish waits for the registry's answer; guarded by {@code this}. */
    private final Set<Integer> pendingPublishes = new HashSet<>();

    IngestConnectionHandler(RtmpServer server, ServerSession session) {
        this.server = server;
        this.session = session;
    }

    @Override
    public String onConnect(ConnectRequest request) {
        LOG.log(Level.INFO, "RTMP connect from {0}: app={1} tcUrl={2} flashVer={3}",
                new Object[]{request.remoteAddress(), request.app(), request.tcUrl(), request.flashVer()});
        return null;
    }

    /**
     * Claims the key's slot through the registry, which may talk to a database: the answer comes on
     * the registry's own threads (the {@link Reply} may be used from any thread), so this transport
     * thread, and every other connection it serves, never waits for the database.
     */
    @Override
    public void onPublish(PublishRequest request, Reply reply) {
        String key = StreamKeys.lastSegment(request.name());
        int streamId = request.streamId();
        synchronized (this) {
            pendingPublishes.add(streamId);
        }
        server.registry().acquireAsync(key, connectionId, session.remoteAddress())
                .whenComplete((lease, failure) -> {
                    if (failure != null) {
                        refusePublish(streamId, reply, failure);
                    } else {
                        startPublish(streamId, reply, lease);
                    }
                });
    }

    private void refusePublish(int streamId, Reply reply, Throwable failure) {
        synchronized (this) {
            pendingPublishes.remove(streamId);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RegistryException e) {
            LOG.log(Level.INFO, "publish from {0} refused: {1}", new Object[]{session.remoteAddress(), e.getMessage()});
            reply.reject(NetStatus.PUBLISH_BAD_NAME, e.getMessage());
        } else {
            LOG.log(Level.WARNING, "registry failed for a publish from " + session.remoteAddress(), cause);
            reply.reject(NetStatus.PUBLISH_BAD_NAME, "stream registry unavailable, try again later");
        }
    }

    private void startPublish(int streamId, Reply reply, Lease lease) {
        String code = lease.slot().streamCode();
        PublishSession publish;
        synchronized (this) {
            if (!pendingPublishes.remove(streamId)) {
                // The connection or the stream closed while the registry was deciding.
                server.registry().release(lease);
                return;
            }
            StreamHub hub = server.hubs().open(code);
            publish = new PublishSession(lease, hub, () -> server.callbacksFor(code), () -> {
                server.hubs().close(hub, "publisher of " + code + " has gone");
                server.registry().release(lease);
            });
            publishing.put(streamId, publish);
        }
        LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} started",
                new Object[]{code, lease.keyPrefix(), session.remoteAddress()});
        // Observers hear of the publish before the encoder is told to send, so onConnect precedes any packet.
        publish.started();
        reply.accept();
    }

    @Override
    public void onPlay(PlayRequest request, Reply reply) {
        String streamName = StreamKeys.lastSegment(request.name());
        ConnectRequest connection = request.connection();
        PlayInfo info = new PlayInfo(session.remoteAddress(), connection.app(), connection.flashVer(), streamName);
        PlaySession player = new PlaySession(session, request.streamId(), info);
        AutoCloseable feed;
        try {
            feed = server.playFunc().play(streamName, info, player);
        } catch (StreamNotFoundException e) {
            reply.reject(NetStatus.PLAY_STREAM_NOT_FOUND, e.getMessage());
            return;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "play function failed for " + streamName, e);
            reply.reject(NetStatus.PLAY_FAILED, "playback could not start");
            return;
        }
        playing.put(request.streamId(), player);
        LOG.log(Level.INFO, "{0} plays {1}", new Object[]{session.remoteAddress(), streamName});
        reply.accept();
        player.started(feed);
    }

    @Override
    public void onPublisherMessage(int streamId, RtmpMessage message) {
        PublishSession publish = publishing.get(streamId);
        if (publish != null) {
            publish.onMessage(message);
        }
    }

    @Override
    public void onStreamClosed(int streamId) {
        PublishSession publish;
        synchronized (this) {
            pendingPublishes.remove(streamId);
            publish = publishing.remove(streamId);
        }
        if (publish != null) {
            publish.close(null);
        }
        PlaySession player = playing.remove(streamId);
        if (player != null) {
            player.close();
        }
    }

    @Override
    public void onPause(int streamId, boolean paused) {
        PlaySession player = playing.get(streamId);
        if (player != null) {
            player.setPaused(paused);
        }
    }

    @Override
    public void onReceiveFlags(int streamId, boolean receiveAudio, boolean receiveVideo) {
        PlaySession player = playing.get(streamId);
        if (player != null) {
            player.setReceive(receiveAudio, receiveVideo);
        }
    }

    @Override
    public void onDisconnect(String reason, Throwable cause) {
        List<PublishSession> publishes;
        synchronized (this) {
            pendingPublishes.clear();
            publishes = List.copyOf(publishing.values());
            publishing.clear();
        }
        publishes.forEach(publish -> publish.close(cause));
        playing.values().forEach(PlaySession::close);
        playing.clear();
    }
}
