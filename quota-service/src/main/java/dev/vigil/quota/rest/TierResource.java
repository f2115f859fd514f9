package dev.vigil.quota.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.kit.paging.Cursors;
import dev.vigil.kit.paging.Page;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.service.TierService;

/** Tiers: admins write them, viewers read them. */
@Path("/api/tiers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tiers", description = "Limits per calendar period and announced thresholds")
public class TierResource {

    private final TierService tiers;

    TierResource(TierService tiers) {
        this.tiers = tiers;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List tiers by name, paged")
    public Page<Tier> list(@QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return tiers.list(cursor, Cursors.limit(limit, 50, 200));
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Get one tier")
    public Tier get(@PathParam("name") String name) {
        Tier tier = tiers.find(name);
        if (tier == null) {
            throw ProblemException.notFound("tier", name);
        }
        return tier;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a tier")
    public Response create(@Valid @NotNull TierRequest request) {
        if (request.name() == null) {
            throw ProblemException.invalidField("name", "must not be null");
        }
        Tier created = tiers.create(request.toTier(request.name()));
        return Response.created(URI.create("/api/tiers/" + created.name()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a tier's limits and thresholds; usage counted stays")
    public Tier update(@PathParam("name") String name, @Valid @NotNull TierRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            throw ProblemException.invalidField("name", "must match the tier in the path");
        }
        Tier updated = tiers.update(request.toTier(name));
        if (updated == null) {
            throw ProblemException.notFound("tier", name);
        }
        return updated;
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a tier no user is on; the default tier stays")
    public Response delete(@PathParam("name") String name) {
        if (!tiers.delete(name)) {
            throw ProblemException.notFound("tier", name);
        }
        return Response.noContent().build();
    }
}
