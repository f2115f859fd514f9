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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.RuleDefinition;
import dev.vigil.alert.model.RuleStatus;
import dev.vigil.alert.service.RuleService;
import dev.vigil.kit.paging.Cursors;
import dev.vigil.kit.paging.Page;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;

/** Alert rules: admins write them, viewers read them. */
@Path("/api/alert-rules")
@Tag(name = "Alert rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRuleResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final RuleService rules;

    AlertRuleResource(RuleService rules) {
        this.rules = rules;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a rule")
    public Response create(RuleDefinition definition) {
        Rule rule = rules.create(definition);
        return Response.created(URI.create("/api/alert-rules/" + rule.id()))
                .entity(RuleView.of(rule))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List rules, ordered by id, paged")
    public Page<RuleView> list(@QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<Rule> page = rules.page(afterId(cursor), size + 1);
        List<RuleView> items = page.stream().limit(size).map(RuleView::of).toList();
        String next = page.size() > size
                ? Cursors.encode(items.get(items.size() - 1).id().toString()) : null;
        return new Page<>(items, next);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "One rule")
    public RuleView get(@PathParam("id") UUID id) {
        Rule rule = rules.find(id);
        if (rule == null) {
            throw ProblemException.notFound("rule", id);
        }
        return RuleView.of(rule);
    }

    @GET
    @Path("/{id}/status")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "The rule's last evaluation per subject (BREACHED, CLEAR, NO_DATA, "
            + "UNKNOWN)")
    public List<RuleStatus> status(@PathParam("id") UUID id) {
        if (rules.find(id) == null) {
            throw ProblemException.notFound("rule", id);
        }
        return rules.statusOf(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a rule")
    public RuleView replace(@PathParam("id") UUID id, RuleDefinition definition) {
        Rule rule = rules.replace(id, definition);
        if (rule == null) {
            throw ProblemException.notFound("rule", id);
        }
        return RuleView.of(rule);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a rule; its alerts stay in the history")
    public Response delete(@PathParam("id") UUID id) {
        if (!rules.delete(id)) {
            throw ProblemException.notFound("rule", id);
        }
        return Response.noContent().build();
    }

    private static UUID afterId(String cursor) {
        String position = Cursors.decode(cursor);
        if (position == null) {
            return null;
        }
        try {
            return UUID.fromString(position);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}
