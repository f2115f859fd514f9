package dev.vigil.health.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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

import dev.vigil.health.model.CheckResult;
import dev.vigil.health.model.Target;
import dev.vigil.health.service.StatusService;
import dev.vigil.health.service.StatusService.Availability;
import dev.vigil.health.service.TargetService;
import dev.vigil.kit.paging.Page;
import dev.vigil.kit.security.Roles;

/** The target API: registration, changes, results, availability and run-now checks. */
@Path("/api/targets")
@Tag(name = "Targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private final TargetService service;
    private final StatusService status;

    TargetResource(TargetService service, StatusService status) {
        this.service = service;
        this.status = status;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a target; its first check is due at once")
    public Response create(TargetRequest request) {
        Target target = service.create(request);
        return Response.created(URI.create("/api/targets/" + target.id()))
                .entity(TargetView.of(target))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List targets by name, filtered by tag and name part")
    public Page<TargetView> list(
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("tag") String tag,
            @QueryParam("name") String name) {
        Page<Target> page = service.list(limit, cursor, tag, name);
        return new Page<>(page.items().stream().map(TargetView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read one target with its status and last check")
    public TargetView get(@PathParam("id") String id) {
        return TargetView.of(service.get(Params.targetId(id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a target's definition")
    public TargetView replace(@PathParam("id") String id, TargetRequest request) {
        return TargetView.of(service.replace(Params.targetId(id), request));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a target with its results")
    public Response delete(@PathParam("id") String id) {
        service.delete(Params.targetId(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/results")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "A target's results, newest first, in [from, to)")
    public Page<CheckResult> results(
            @PathParam("id") String id,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.results(Params.targetId(id), Params.instant("from", from),
                Params.instant("to", to), limit, cursor);
    }

    @GET
    @Path("/{id}/availability")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Share of up checks in the last hours or in [from, to); "
            + "null without checks")
    public Availability availability(
            @PathParam("id") String id,
            @QueryParam("hours") Integer hours,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        UUID targetId = Params.targetId(id);
        service.get(targetId);
        return status.availability(targetId, hours, Params.instant("from", from),
                Params.instant("to", to));
    }

    @POST
    @Path("/{id}/check")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Check a target now; the result is stored and published")
    public CheckResult checkNow(@PathParam("id") String id) {
        return service.checkNow(Params.targetId(id));
    }
}
