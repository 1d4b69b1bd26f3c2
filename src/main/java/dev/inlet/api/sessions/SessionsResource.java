package dev.inlet.api.sessions;

import dev.inlet.api.Roles;
import dev.inlet.api.cluster.ClusterService;
import dev.inlet.cluster.ClusterSession;
import dev.inlet.api.problems.ApiException;
import dev.inlet.ingest.RtmpServer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Live RTMP sessions: {@code GET /api/v1/sessions} lists them, {@code DELETE /api/v1/sessions/{id}} kicks one. */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class SessionsResource {

    @Inject
    RtmpServer server;
    @Inject
    ClusterService cluster;

    /** This node's sessions and, in a cluster, every other node's, each with its {@code node}. */
    @GET
    public SessionList list() {
        Instant now = Instant.now();
        String node = cluster.nodeId().orElse(null);
        List<ClusterSession> others = cluster.otherNodesSessions();
        List<PublisherSession> publishers = new ArrayList<>();
        server.publishers().forEach(p -> publishers.add(PublisherSession.of(p, now, node)));
        others.stream().filter(s -> s.role() == ClusterSession.Role.PUBLISHER)
                .forEach(s -> publishers.add(PublisherSession.of(s, now)));
        List<PlayerSession> players = new ArrayList<>();
        server.players().forEach(p -> players.add(PlayerSession.of(p, now, node)));
        others.stream().filter(s -> s.role() == ClusterSession.Role.PLAYER)
                .forEach(s -> players.add(PlayerSession.of(s, now)));
        return new SessionList(publishers, players);
    }

    /**
     * Session ids have the form {@code <connection>/<stream>}, hence a path parameter that spans the slash. A session
     * of this node is disconnected at once (204); one of another node (named by {@code node}, or found in the
     * cluster's sessions) is disconnected by that node within about a second (202).
     */
    @DELETE
    @Path("{id: .+}")
    @RolesAllowed(Roles.ADMIN)
    public Response kick(@PathParam("id") String id, @QueryParam("node") String node) throws SQLException {
        String reason = "disconnected by an administrator";
        boolean here = node == null || node.isBlank() || cluster.nodeId().map(node::equals).orElse(true);
        if (here && server.kick(id, reason)) {
            return Response.noContent().build();
        }
        if (cluster.kickElsewhere(id, reason).isPresent()) {
            return Response.accepted().build();
        }
        throw ApiException.notFound("no live session " + id);
    }
}
