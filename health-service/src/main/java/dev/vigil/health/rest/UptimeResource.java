package dev.vigil.health.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.health.service.StatusService;
import dev.vigil.health.service.StatusService.UptimeHour;
import dev.vigil.kit.security.Roles;

/** Checks and up checks of all targets per UTC hour. */
@Path("/api/uptime")
@Tag(name = "Status")
@Produces(MediaType.APPLICATION_JSON)
public class UptimeResource {

    private final StatusService status;

    UptimeResource(StatusService status) {
        this.status = status;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "One record per UTC hour, oldest first; empty hours have zero checks")
    public List<UptimeHour> uptime(@QueryParam("hours") Integer hours) {
        return status.uptime(hours);
    }
}
