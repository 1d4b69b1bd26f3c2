package dev.inlet.api.relays;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.api.problems.ProblemType;
import dev.inlet.core.StreamNotFoundException;
import dev.inlet.relay.RelayTarget;
import dev.inlet.relay.Relays;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/v1/streams/{code}/relays}: where a stream is restreamed. Listing (viewer) shows each target's state,
 * bytes sent and uptime, never its key; adding, enabling, disabling and removing (admin) act at once on a live stream.
 */
@Path("streams/{code}/relays")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class RelaysResource {

    @Inject
    RelayService service;

    @GET
    public List<RelayView> list(@PathParam("code") String code) {
        try {
            return relays().list(code).stream().map(e -> RelayView.of(e.getKey(), e.getValue())).toList();
        } catch (StreamNotFoundException e) {
            throw ApiException.notFound("no stream " + code);
        }
    }

    @GET
    @Path("{id}")
    public RelayView get(@PathParam("code") String code, @PathParam("id") String id) {
        return relays().find(code, id).map(e -> RelayView.of(e.getKey(), e.getValue()))
                .orElseThrow(() -> ApiException.notFound("stream " + code + " has no relay " + id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response add(@PathParam("code") String code, @NotNull(message = "a JSON body is required") @Valid NewRelay body) {
        Relays relays = relays();
        try {
            RelayTarget target = relays.add(code, body.url, body.key, body.enabled == null || body.enabled);
            return Response.created(URI.create("streams/" + code + "/relays/" + target.id()))
                    .entity(RelayView.of(target, relays.status(target.id()))).build();
        } catch (StreamNotFoundException e) {
            throw ApiException.notFound("no stream " + code);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, e.getMessage());
        }
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public RelayView change(@PathParam("code") String code, @PathParam("id") String id,
                            @NotNull(message = "a JSON body is required") @Valid RelayChange body) {
        Relays relays = relays();
        return relays.setEnabled(code, id, body.enabled).map(target -> RelayView.of(target, relays.status(id)))
                .orElseThrow(() -> ApiException.notFound("stream " + code + " has no relay " + id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response remove(@PathParam("code") String code, @PathParam("id") String id) {
        if (!relays().remove(code, id)) {
            throw ApiException.notFound("stream " + code + " has no relay " + id);
        }
        return Response.noContent().build();
    }

    private Relays relays() {
        return service.relays().orElseThrow(() -> new ApiException(ProblemType.UNAVAILABLE, service.unavailableReason()));
    }
}
