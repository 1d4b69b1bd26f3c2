package dev.inlet.api.streams;

import dev.inlet.api.problems.ApiException;
import dev.inlet.api.Roles;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.StreamCatalog;
import dev.inlet.ingest.RtmpServer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /api/v1/streams/{code}/play-tokens} (admin): a signed, expiring token that lets a reader play a
 * private stream over any protocol. Tokens are not stored: any node with the same {@code inlet.play.token-secret}
 * checks them.
 */
@Path("streams/{code}/play-tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PlayTokensResource {

    @Inject
    StreamCatalog catalog;
    @Inject
    RtmpServer server;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("code") String code, @Valid NewPlayToken body) {
        catalog.stream(code).orElseThrow(() -> ApiException.notFound("no stream " + code));
        long ttl = (body == null ? new NewPlayToken() : body).ttlOrDefault();
        PlayTokens.Issued issued = server.core().tokens().issue(code, Duration.ofSeconds(ttl));
        String query = "token=" + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8);
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedPlayToken(code, issued.token(), issued.expiresAt(), query, "live/" + code + "?" + query))
                .build();
    }
}
