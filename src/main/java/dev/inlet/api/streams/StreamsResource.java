package dev.inlet.api.streams;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.core.CatalogException;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.core.StreamCatalog;
import dev.inlet.core.StreamRecord;
import dev.inlet.api.streams.StreamDescriber.LiveFigures;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublisherView;
import dev.inlet.api.cluster.ClusterService;
import dev.inlet.cluster.ClusterSession;
import dev.inlet.media.TrackInfo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Streams: {@code /api/v1/streams} and {@code /api/v1/streams/{code}}. */
@Path("streams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class StreamsResource {

    @Inject
    StreamCatalog catalog;
    @Inject
    RtmpServer server;
    @Inject
    StreamActivity activity;
    @Inject
    Disconnections disconnections;
    @Inject
    StreamHistory history;
    @Inject
    ClusterService cluster;

    @GET
    public List<StreamSummary> list() {
        Map<String, Long> players = new HashMap<>(server.players().stream()
                .collect(Collectors.groupingBy(PlayerView::streamCode, Collectors.counting())));
        Set<String> published = server.publishers().stream().map(PublisherView::streamCode)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        for (ClusterSession s : cluster.otherNodesSessions()) { // live on another node of the cluster counts too
            if (s.role() == ClusterSession.Role.PUBLISHER) {
                published.add(s.streamCode());
            } else {
                players.merge(s.streamCode(), 1L, Long::sum);
            }
        }
        return catalog.streams().stream()
                .map(stream -> StreamDescriber.summary(stream, figures(stream.code(), published, players),
                        activity.state(stream.code())))
                .toList();
    }

    /**
     * Live means a publisher is connected, as in the stream's detail (the hub outlives its publisher for a moment,
     * waiting for a backup or a reconnect, and would say live for seconds after the encoder stopped).
     */
    private LiveFigures figures(String code, Set<String> published, Map<String, Long> playersByStream) {
        int players = playersByStream.getOrDefault(code, 0L).intValue();
        if (!published.contains(code)) {
            return new LiveFigures(false, 0, players, 0);
        }
        long kbps = server.tracks(code).orElse(List.of()).stream().mapToLong(TrackInfo::bitrateKbps).sum();
        return new LiveFigures(true, server.streamStatus(code).activePriority(), players, kbps);
    }

    private LiveFigures figures(String code) {
        Set<String> published = server.publishers().stream().map(PublisherView::streamCode)
                .filter(code::equals).collect(Collectors.toSet());
        return figures(code, published,
                Map.of(code, server.players().stream().filter(p -> p.streamCode().equals(code)).count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull(message = "a JSON body is required") NewStream body, @Context UriInfo uri)
            throws CatalogException {
        StreamRecord created = catalog.createStream(body.code, body.name);
        return Response.created(uri.getAbsolutePathBuilder().path(created.code()).build())
                .entity(StreamDescriber.summary(created, figures(created.code()), activity.state(created.code())))
                .build();
    }

    @GET
    @Path("{code}")
    public StreamDetail get(@PathParam("code") String code) throws CatalogException {
        StreamRecord stream = catalog.stream(code).orElseThrow(() -> ApiException.notFound("no stream " + code));
        // in a cluster, the publishers and players of the other nodes count too (as of their last snapshot)
        List<ClusterSession> elsewhere = cluster.otherNodesSessions().stream()
                .filter(s -> s.streamCode().equals(code)).toList();
        List<PublisherView> publishers = new ArrayList<>(server.publishers());
        List<PlayerView> players = new ArrayList<>(server.players());
        Map<String, String> nodeOfSession = new HashMap<>();
        for (ClusterSession s : elsewhere) {
            Instant started = Instant.ofEpochMilli(s.startedAt());
            if (s.role() == ClusterSession.Role.PUBLISHER) {
                publishers.add(new PublisherView(s.sessionId(), code, s.priority(), s.keyPrefix(), s.remoteAddress(),
                        null, null, started, s.bytes(), 0, s.protocol()));
                nodeOfSession.put(s.sessionId(), s.nodeId());
            } else {
                players.add(new PlayerView(s.sessionId(), code, s.remoteAddress(), null, null, started, s.bytes(), 0,
                        s.protocol(), null));
            }
        }
        int active = server.streamStatus(code).activePriority();
        if (active == 0) {
            // not live here: the best live input elsewhere is the one its node feeds players from
            active = elsewhere.stream().filter(s -> s.role() == ClusterSession.Role.PUBLISHER)
                    .mapToInt(ClusterSession::priority).min().orElse(0);
        }
        return StreamDescriber.detail(stream, catalog.keys(code), publishers, players,
                server.tracks(code).orElse(List.of()), activity.state(code), active, activity.recentFailovers(code),
                Instant.now(), nodeOfSession);
    }

    /** The stream's bitrate, frame rate and players, one sample a second while it is live, for the last minutes. */
    @GET
    @Path("{code}/history")
    public StreamHistory.View history(@PathParam("code") String code) {
        catalog.stream(code).orElseThrow(() -> ApiException.notFound("no stream " + code));
        return history.of(code);
    }

    @PATCH
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public StreamSummary update(@PathParam("code") String code,
                                @Valid @NotNull(message = "a JSON body is required") StreamChanges body)
            throws CatalogException {
        StreamCatalog.validateSrtPassphrase(body.srtPassphrase); // before anything changes
        StreamRecord updated = catalog.updateStream(code, body.name, body.enabled, body.privatePlayback);
        if (body.srtPassphrase != null) {
            updated = catalog.updateSrtPassphrase(code, body.srtPassphrase);
        }
        if (body.privatePlayback != null) {
            server.core().streamPrivacyChanged(code, updated.privatePlayback());
        }
        if (body.enabled != null) {
            // the live side: state Disabled, publishes refused and live publishers disconnected (or undone)
            server.setStreamEnabled(code, updated.enabled());
            if (updated.enabled()) {
                disconnections.streamEnabled(code);
            }
        }
        if (!updated.enabled()) {
            disconnections.streamDisabled(code, "stream disabled by an administrator");
        }
        return StreamDescriber.summary(updated, figures(code), activity.state(code));
    }

    /** Moves players to another live input of the stream at its next keyframe (a manual failover). */
    @POST
    @Path("{code}/switch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response switchInput(@PathParam("code") String code,
                                @Valid @NotNull(message = "a JSON body is required") InputChoice body) {
        catalog.stream(code).orElseThrow(() -> ApiException.notFound("no stream " + code));
        if (!server.switchInput(code, body.priority)) {
            throw ApiException.notFound("stream " + code + " has no live input " + body.priority);
        }
        return Response.accepted().build();
    }

    @DELETE
    @Path("{code}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("code") String code) {
        if (!catalog.deleteStream(code)) {
            throw ApiException.notFound("no stream " + code);
        }
        disconnections.publishersOf(code, "stream deleted by an administrator");
        activity.forget(code);
        history.forget(code);
        return Response.noContent().build();
    }
}
