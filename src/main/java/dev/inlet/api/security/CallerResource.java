package dev.inlet.api.security;

import dev.inlet.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/me}: who the caller is and which of Inlet's roles they hold, so a client (the console) shows
 * only the actions the server would allow. Whoever the server's realm authenticates may ask; nothing secret is told.
 */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class CallerResource {

    /** @param admin whether the caller may change things (holds {@value Roles#ADMIN}) */
    public record Caller(String name, List<String> roles, boolean admin) {
    }

    @GET
    public Caller get(@Context SecurityContext security) {
        List<String> roles = Stream.of(Roles.ADMIN, Roles.VIEWER).filter(security::isUserInRole).toList();
        return new Caller(security.getUserPrincipal().getName(), roles, roles.contains(Roles.ADMIN));
    }
}
