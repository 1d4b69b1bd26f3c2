package dev.inlet.api.streams;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.core.CatalogException;
import dev.inlet.core.CreatedKey;
import dev.inlet.core.KeyRecord;
import dev.inlet.core.StreamCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Keys of a stream: {@code /api/v1/streams/{code}/keys}. Issuing (and rotating) returns the key once, in the
 * field {@code key}; lists show its prefix only. Revoking or rotating a key disconnects the encoder using it.
 */
@Path("streams/{code}/keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class KeysResource {

    @Inject
    StreamCatalog catalog;
    @Inject
    Disconnections disconnections;

    @PathParam("code")
    String code;

    @GET
    public List<KeySummary> list() throws CatalogException {
        return catalog.keys(code).stream().map(KeySummary::of).toList();
    }

    /** The body is optional: without one the key is for the primary input. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid NewKey body, @Context UriInfo uri) throws CatalogException {
        CreatedKey created = catalog.createKey(code, body == null ? 1 : body.priorityOrPrimary());
        return issued(created, uri);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public KeySummary revoke(@PathParam("id") long id) {
        KeyRecord revoked = catalog.revokeKey(code, id)
                .orElseThrow(() -> ApiException.notFound("stream " + code + " has no key " + id));
        disconnections.publisherUsing(revoked, "stream key revoked");
        return KeySummary.of(revoked);
    }

    /** Replaces the key by a new one for the same input; the old one stops working at once. */
    @POST
    @Path("{id}/rotate")
    @RolesAllowed(Roles.ADMIN)
    public Response rotate(@PathParam("id") long id, @Context UriInfo uri) throws CatalogException {
        KeyRecord old = catalog.keys(code).stream().filter(key -> key.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("stream " + code + " has no key " + id));
        CreatedKey created = catalog.rotateKey(code, id);
        disconnections.publisherUsing(old, "stream key rotated");
        return issued(created, uri);
    }

    private static Response issued(CreatedKey created, UriInfo uri) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(uri.getBaseUriBuilder().path(KeysResource.class).path(Long.toString(created.key().id()))
                        .build(created.key().streamCode()))
                .cacheControl(noStore)
                .entity(IssuedKey.of(created)).build();
    }
}
