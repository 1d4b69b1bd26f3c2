package dev.inlet.api.events;

import dev.inlet.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** {@code GET /api/v1/events}: a server-sent event stream of publishes, plays, state changes and failovers. */
@Path("events")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class EventsResource {

    @Inject
    EventBroadcaster broadcaster;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        broadcaster.subscribe(sink, sse);
    }
}
