package dev.vigil.alert.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.alert.model.Silence;
import dev.vigil.alert.service.SilenceService;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Silences: matching alerts are recorded and published but not notified. Admin only. */
@Path("/api/silences")
@Tag(name = "Silences")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    private final SilenceService silences;
    private final SecurityIdentity identity;

    SilenceResource(SilenceService silences, SecurityIdentity identity) {
        this.silences = silences;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a silence")
    public Response create(SilenceRequest request) {
        Silence silence = silences.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/silences/" + silence.id()))
                .entity(silence)
                .build();
    }

    @GET
    @Operation(summary = "List silences, newest start first")
    public List<Silence> list() {
        return silences.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One silence")
    public Silence get(@PathParam("id") UUID id) {
        Silence silence = silences.find(id);
        if (silence == null) {
            throw ProblemException.notFound("silence", id);
        }
        return silence;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a silence; it stops at once")
    public Response delete(@PathParam("id") UUID id) {
        if (!silences.delete(id)) {
            throw ProblemException.notFound("silence", id);
        }
        return Response.noContent().build();
    }
}
