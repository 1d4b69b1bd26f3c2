package dev.inlet.api.sessions;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.ingest.RtmpServer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** Live RTMP sessions: {@code GET /api/v1/sessions} lists them, {@code DELETE /api/v1/sessions/{id}} kicks one. */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class SessionsResource {

    @Inject
    RtmpServer server;

    @GET
    public SessionList list() {
        Instant now = Instant.now();
        return new SessionList(
                server.publishers().stream().map(p -> PublisherSession.of(p, now)).toList(),
                server.players().stream().map(p -> PlayerSession.of(p, now)).toList());
    }

    /** Session ids have the form {@code <connection>/<stream>}, hence a path parameter that spans the slash. */
    @DELETE
    @Path("{id: .+}")
    @RolesAllowed(Roles.ADMIN)
    public Response kick(@PathParam("id") String id) {
        if (!server.kick(id, "disconnected by an administrator")) {
            throw ApiException.notFound("no live session " + id);
        }
        return Response.noContent().build();
    }
}
