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

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides for one RTMP connection: publishes by secret key (registry, then the publish authoriser),
 * plays by public stream code (through the play function), and keeps the publish and play sessions
 * it opened.
 */
final class IngestConnectionHandler implements ServerSessionHandler {

    private static final Logger LOG = Logger.getLogger(IngestConnectionHandler.class.getName());
    private static final Duration AUTHORIZATION_TIMEOUT = Duration.ofSeconds(10);

    private final RtmpServer server;
    private final ServerSession session;
    private final String connectionId = UUID.randomUUID().toString();
    private final Map<Integer, PublishSession> publishing = new ConcurrentHashMap<>();
    private final Map<Integer, PlaySession> playing = new ConcurrentHashMap<>();
    private boolean disconnected;

    IngestConnectionHandler(RtmpServer server, ServerSession session) {
        this.server = server;
        this.session = session;
    }

    @Override
    public String onConnect(ConnectRequest request) {
        // FINE: one line per connection serialises a crowd of joins on the log handler's lock (profiled: 1.8 s of
        // waiting over 300 joins); publishes stay INFO, players are listed by the sessions API and its events.
        LOG.log(Level.FINE, "RTMP connect from {0}: app={1} tcUrl={2} flashVer={3}",
                new Object[]{request.remoteAddress(), request.app(), request.tcUrl(), request.flashVer()});
        return null;
    }

    /**
     * Claims the key's slot, then asks the publish authoriser. The registry may do database I/O, so
     * its answer comes on the registry's own threads ({@link Registry#acquireAsync}): this transport
     * thread, and the other connections it serves, never wait for the database.
     */
    @Override
    public void onPublish(PublishRequest request, Reply reply) {
        if (refusedAsBlocked(reply)) {
            return;
        }
        String key = StreamKeys.lastSegment(request.name());
        server.registry().acquireAsync(key, connectionId + "/" + request.streamId(), session.remoteAddress())
                .whenComplete((lease, failure) -> {
                    if (failure != null) {
                        refuse(reply, failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    } else {
                        authorize(request, reply, lease);
                    }
                });
    }

    private void refuse(Reply reply, Throwable failure) {
        if (failure instanceof RegistryException e) {
            LOG.log(Level.INFO, "publish from {0} refused: {1}", new Object[]{session.remoteAddress(), e.getMessage()});
            if (e instanceof UnknownStreamKeyException) {
                server.publishBlocklist().failed(remoteHost());
            }
            server.rejects().count(RejectCounts.ofRegistryRefusal(e));
            reply.reject(NetStatus.PUBLISH_BAD_NAME, e.getMessage());
        } else {
            LOG.log(Level.WARNING, "stream registry failed for a publish from " + session.remoteAddress(), failure);
            server.rejects().count(RejectCounts.PUBLISH_REGISTRY_UNAVAILABLE);
            reply.reject(NetStatus.PUBLISH_BAD_NAME, "stream registry unavailable, try again later");
        }
    }

    private void authorize(PublishRequest request, Reply reply, Lease lease) {
        ConnectRequest connection = request.connection();
        PublishAttempt attempt = new PublishAttempt(lease.slot().streamCode(), lease.slot().priority(), lease.keyPrefix(),
                session.remoteAddress(), connection.app(), connection.tcUrl(), connection.flashVer());
        server.publishAuthorizer().authorize(attempt).toCompletableFuture()
                .orTimeout(AUTHORIZATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((denial, failure) -> decide(request, reply, lease, denial, failure));
    }

    /** Brute-force protection: an address with too many failed publishes is refused before the registry is asked. */
    private boolean refusedAsBlocked(Reply reply) {
        Optional<Duration> blocked = server.publishBlocklist().blockedFor(remoteHost());
        if (blocked.isEmpty()) {
            return false;
        }
        long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
        LOG.log(Level.INFO, "publish from {0} refused: blocked for another {1} s after too many failed attempts",
                new Object[]{session.remoteAddress(), seconds});
        server.rejects().count(RejectCounts.PUBLISH_BLOCKED);
        reply.reject(NetStatus.PUBLISH_BAD_NAME, "too many failed attempts, try again in " + seconds + " s");
        return true;
    }

    /** The peer's address without the port ("ip:port", the port after the last colon also for IPv6). */
    private String remoteHost() {
        String address = session.remoteAddress();
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    private void decide(PublishRequest request, Reply reply, Lease lease, Optional<String> denial, Throwable failure) {
        String refusal = failure != null ? "publish authorisation failed" : denial.orElse(null);
        if (failure != null) {
            LOG.log(Level.WARNING, "publish authorisation for " + lease.slot().streamCode() + " failed", failure);
        }
        PublishSession publish;
        synchronized (this) {
            if (disconnected || refusal != null) {
                server.registry().release(lease);
                if (refusal != null) {
                    LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} denied: {3}",
                            new Object[]{lease.slot().streamCode(), lease.keyPrefix(), session.remoteAddress(), refusal});
                    server.rejects().count(failure != null ? RejectCounts.PUBLISH_AUTHORISATION_FAILED
                            : RejectCounts.PUBLISH_DENIED);
                    reply.reject(NetStatus.PUBLISH_BAD_NAME, refusal);
                }
                return;
            }
            String code = lease.slot().streamCode();
            if (server.isDisabled(code)) {
                server.registry().release(lease);
                server.rejects().count(RejectCounts.PUBLISH_STREAM_DISABLED);
                reply.reject(NetStatus.PUBLISH_BAD_NAME, "stream " + code + " is disabled");
                return;
            }
            int priority = lease.slot().priority();
            StreamInputs stream = server.attachInput(code, priority);
            StreamHub hub = stream.hub();
            ConnectRequest connection = request.connection();
            publish = new PublishSession(lease, stream, hub, () -> server.callbacksFor(code), server::listener, session,
                    connection.app(), connection.flashVer(), (reason, clean) -> {
                        server.detachInput(code, priority, reason, clean);
                        server.registry().release(lease);
                        server.sessions().remove(lease.sessionId());
                    });
            publishing.put(request.streamId(), publish);
            server.sessions().add(lease.sessionId(), publish);
        }
        LOG.log(Level.INFO, "publish of {0} (key {1}…) from {2} started",
                new Object[]{lease.slot().streamCode(), lease.keyPrefix(), session.remoteAddress()});
        reply.accept();
        publish.started();
    }

    @Override
    public void onPlay(PlayRequest request, Reply reply) {
        String streamName = StreamKeys.lastSegment(request.name());
        ConnectRequest connection = request.connection();
        PlayInfo info = new PlayInfo(session.remoteAddress(), connection.app(), connection.flashVer(), streamName);
        String id = connectionId + "/" + request.streamId();
        PlaySession player = new PlaySession(id, session, request.streamId(), info, server::listener,
                () -> server.sessions().remove(id));
        String refusal = server.sessions().admitPlayer(id, player, streamName, server.settings().limits().maxPlayersPerStream(),
                server.settings().limits().maxPlayers());
        if (refusal != null) {
            server.rejects().count(RejectCounts.PLAY_LIMIT);
            reply.reject(NetStatus.PLAY_FAILED, refusal);
            return;
        }
        AutoCloseable feed;
        try {
            feed = server.playFunc().play(streamName, info, player);
        } catch (StreamNotFoundException e) {
            server.sessions().remove(id);
            server.rejects().count(RejectCounts.PLAY_STREAM_NOT_FOUND);
            reply.reject(NetStatus.PLAY_STREAM_NOT_FOUND, e.getMessage());
            return;
        } catch (java.io.IOException | RuntimeException e) {
            server.sessions().remove(id);
            LOG.log(Level.WARNING, "play function failed for " + streamName, e);
            server.rejects().count(RejectCounts.PLAY_FAILED);
            reply.reject(NetStatus.PLAY_FAILED, "playback could not start");
            return;
        }
        playing.put(request.streamId(), player);
        LOG.log(Level.FINE, "{0} plays {1}", new Object[]{session.remoteAddress(), streamName});
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
        PublishSession publish = publishing.remove(streamId);
        if (publish != null) {
            publish.close("unpublished", null);
        }
        PlaySession player = playing.remove(streamId);
        if (player != null) {
            player.close("stopped");
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
        synchronized (this) {
            disconnected = true;
        }
        publishing.values().forEach(publish -> publish.close(reason, cause));
        publishing.clear();
        playing.values().forEach(player -> player.close(reason));
        playing.clear();
    }
}
