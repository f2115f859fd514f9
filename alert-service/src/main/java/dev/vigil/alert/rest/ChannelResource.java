package dev.vigil.alert.rest;

import java.net.URI;
import java.util.List;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.alert.model.Channel;
import dev.vigil.alert.service.ChannelService;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;

/** Notification channels; admin only, secrets never returned (BR-19). */
@Path("/api/channels")
@Tag(name = "Channels")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final ChannelService channels;

    ChannelResource(ChannelService channels) {
        this.channels = channels;
    }

    @POST
    @Operation(summary = "Create a channel (webhook, slack or email)")
    public Response create(ChannelRequest request) {
        Channel channel = channels.create(request);
        return Response.created(URI.create("/api/channels/" + channel.id()))
                .entity(ChannelView.of(channel))
                .build();
    }

    @GET
    @Operation(summary = "List channels, secrets masked")
    public List<ChannelView> list() {
        return channels.all().stream().map(ChannelView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One channel, secrets masked")
    public ChannelView get(@PathParam("id") UUID id) {
        Channel channel = channels.find(id);
        if (channel == null) {
            throw ProblemException.notFound("channel", id);
        }
        return ChannelView.of(channel);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a channel; omitted url or headers keep the stored secrets")
    public ChannelView replace(@PathParam("id") UUID id, ChannelRequest request) {
        Channel channel = channels.replace(id, request);
        if (channel == null) {
            throw ProblemException.notFound("channel", id);
        }
        return ChannelView.of(channel);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a channel")
    public Response delete(@PathParam("id") UUID id) {
        if (!channels.delete(id)) {
            throw ProblemException.notFound("channel", id);
        }
        return Response.noContent().build();
    }
}
