package dev.vigil.quota.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.kit.security.Roles;
import dev.vigil.quota.service.TierService;

/** Which tier a user is on; a user nobody assigned is on the default tier. */
@Path("/api/users/{userId}/tier")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Tier assignment")
public class UserTierResource {

    private final TierService tiers;

    UserTierResource(TierService tiers) {
        this.tiers = tiers;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "The user's tier (the default tier when none was assigned)")
    public UserTier get(@PathParam("userId") @Size(max = 200) String userId) {
        return new UserTier(userId, tiers.tierNameOf(userId));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Move the user to a tier; usage counted in the period stays")
    public UserTier put(@PathParam("userId") @Size(max = 200) String userId,
            @Valid @NotNull TierAssignment assignment) {
        tiers.assign(userId, assignment.tier());
        return new UserTier(userId, assignment.tier());
    }
}
