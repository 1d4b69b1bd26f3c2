package dev.inlet.api.sessions;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.core.BlockedAddress;
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

import java.util.List;

/**
 * Addresses refused for too many failed publishes: {@code GET /api/v1/blocked-addresses} lists them,
 * {@code DELETE /api/v1/blocked-addresses/{address}} lets one publish again at once.
 */
@Path("blocked-addresses")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class BlockedAddressesResource {

    @Inject
    RtmpServer server;
    @Inject
    dev.inlet.api.cluster.ClusterService cluster;

    @GET
    public List<BlockedAddress> list() {
        return server.blockedAddresses();
    }

    @DELETE
    @Path("{address}")
    @RolesAllowed(Roles.ADMIN)
    public Response unblock(@PathParam("address") String address) {
        boolean here = server.unblock(address);
        boolean elsewhere = cluster.unblockElsewhere(address); // the block is shared: every node lifts it
        if (!here && !elsewhere) {
            throw ApiException.notFound("address " + address + " is not blocked");
        }
        return Response.noContent().build();
    }
}
