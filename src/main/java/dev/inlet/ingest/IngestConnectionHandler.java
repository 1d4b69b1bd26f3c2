package dev.inlet.ingest;

import dev.inlet.core.AdmissionRefusedException;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Reading;
import dev.inlet.core.Refusal;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.session.ConnectRequest;
import dev.inlet.rtmp.session.PlayRequest;
import dev.inlet.rtmp.session.Reply;
import dev.inlet.rtmp.session.ServerSession;
import dev.inlet.rtmp.session.ServerSessionHandler;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTMP adapter of one connection: asks the stream core to admit its publishes (by secret key) and plays (by
 * public stream code), answers with the matching {@code NetStream} status, and keeps the publish and play
 * sessions it opened. It decides nothing itself.
 */
final class IngestConnectionHandler implements ServerSessionHandler {

    /** How another node's pull of a stream published here is listed. */
    static final String EDGE_PROTOCOL = "edge";
    private static final Logger LOG = Logger.getLogger(IngestConnectionHandler.class.getName());

    private final StreamCore core;
    private final ServerSession session;
    private final String protocol;
    private final String connectionId = UUID.randomUUID().toString();
    private final Map<Integer, PublishSession> publishing = new ConcurrentHashMap<>();
    private final Map<Integer, PlaySession> playing = new ConcurrentHashMap<>();
    private boolean disconnected;

    IngestConnectionHandler(StreamCore core, ServerSession session, String protocol) {
        this.core = core;
        this.session = session;
        this.protocol = protocol;
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
     * Asks the core to admit the publish. The registry may do database I/O and authorisers may call webhooks, so
     * the answer comes on their own threads: this transport thread, and the other connections it serves, never
     * wait.
     */
    @Override
    public void onPublish(dev.inlet.rtmp.session.PublishRequest request, Reply reply) {
        ConnectRequest connection = request.connection();
        PublishRequest admission = new PublishRequest(protocol, StreamKeys.lastSegment(request.name()),
                connectionId + "/" + request.streamId(), session.remoteAddress(), connection.app(), connection.tcUrl(),
                connection.flashVer());
        core.admitPublisher(admission, reason -> session.output().close(reason))
                .whenComplete((publication, failure) -> {
                    if (failure != null) {
                        reply.reject(NetStatus.PUBLISH_BAD_NAME, refusalText(failure));
                    } else {
                        started(request.streamId(), publication, reply);
                    }
                });
    }

    private void started(int streamId, Publication publication, Reply reply) {
        PublishSession publish = new PublishSession(publication, session.remoteAddress());
        synchronized (this) {
            if (disconnected) {
                publication.end("disconnected before the publish started", null);
                return;
            }
            publishing.put(streamId, publish);
        }
        reply.accept();
        core.confirmed(publication);
    }

    @Override
    public void onPlay(PlayRequest request, Reply reply) {
        String streamName = StreamKeys.lastSegment(request.name());
        ConnectRequest connection = request.connection();
        String token = StreamKeys.queryParameter(request.name(), "token");
        if (token == null) {
            token = StreamKeys.queryParameter(connection.tcUrl(), "token");
        }
        PlayInfo info = new PlayInfo(session.remoteAddress(), connection.app(), connection.flashVer(), streamName);
        String id = connectionId + "/" + request.streamId();
        PlaySession player = new PlaySession(session, request.streamId(), info);
        playing.put(request.streamId(), player);
        // Another node's edge pull names itself with its proof of the cluster secret; anything else is a player.
        String edgeProof = StreamKeys.queryParameter(request.name(), "edge");
        var admission = edgeProof != null
                ? core.admitEdgeReader(new ReadRequest(EDGE_PROTOCOL, streamName, null, id, info), edgeProof, player)
                : core.admitReader(new ReadRequest(protocol, streamName, token, id, info), player);
        admission.whenComplete((reading, failure) -> {
                    if (failure != null) {
                        playing.remove(request.streamId(), player);
                        Refusal refusal = AdmissionRefusedException.of(failure);
                        reply.reject(refusal != null && refusal.kind() == Refusal.Kind.NOT_FOUND
                                ? NetStatus.PLAY_STREAM_NOT_FOUND : NetStatus.PLAY_FAILED, refusalText(failure));
                        return;
                    }
                    reply.accept();
                    player.started(reading);
                });
    }

    /** What the client is told: the core's reason, or a generic one for a failure that is not a refusal. */
    private String refusalText(Throwable failure) {
        Refusal refusal = AdmissionRefusedException.of(failure);
        if (refusal != null) {
            return refusal.message();
        }
        LOG.log(Level.WARNING, "admission failed for " + session.remoteAddress(), failure);
        return "the server could not decide, try again later";
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
