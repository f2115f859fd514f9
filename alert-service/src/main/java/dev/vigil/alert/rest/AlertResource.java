package dev.vigil.alert.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.service.AlertService;
import dev.vigil.kit.paging.Cursors;
import dev.vigil.kit.paging.Page;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;
import dev.vigil.kit.time.StorableInstants;
import io.quarkus.security.identity.SecurityIdentity;

/** Alerts: their list, their history and acknowledgement. */
@Path("/api/alerts")
@Tag(name = "Alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final Set<String> STATES = Set.of(Alert.PENDING, Alert.FIRING,
            Alert.ACKNOWLEDGED, Alert.RESOLVED, Alert.CANCELLED);

    private final AlertService alerts;
    private final SecurityIdentity identity;

    AlertResource(AlertService alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List alerts, newest first, filtered by state, rule or subject, paged")
    public Page<AlertView> list(@QueryParam("state") String state,
            @QueryParam("ruleId") UUID ruleId, @QueryParam("subject") String subject,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalidField("state",
                    "must be one of pending, firing, acknowledged, resolved, cancelled");
        }
        int size = Cursors.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Position after = Position.of(Cursors.decode(cursor));
        List<Alert> page = alerts.page(
                new AlertRepository.Filter(state, ruleId, subject), after.time(), after.id(),
                size + 1);
        List<AlertView> items = page.stream().limit(size).map(AlertView::of).toList();
        String next = null;
        if (page.size() > size) {
            AlertView last = items.get(items.size() - 1);
            next = Cursors.encode(last.pendingSince() + "|" + last.id());
        }
        return new Page<>(items, next);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "One alert with its transitions and delivery attempts")
    public AlertDetail get(@PathParam("id") UUID id) {
        Alert alert = alerts.find(id);
        if (alert == null) {
            throw ProblemException.notFound("alert", id);
        }
        return new AlertDetail(AlertView.of(alert), alerts.transitions(id), alerts.attempts(id));
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Acknowledge a firing alert: records who and when, stops reminders")
    public AlertView acknowledge(@PathParam("id") UUID id) {
        Alert alert = alerts.acknowledge(id, identity.getPrincipal().getName());
        if (alert == null) {
            throw ProblemException.notFound("alert", id);
        }
        return AlertView.of(alert);
    }

    /** A decoded list cursor: the last item's time and id. */
    private record Position(Instant time, UUID id) {

        static Position of(String text) {
            if (text == null) {
                return new Position(null, null);
            }
            int bar = text.indexOf('|');
            try {
                Position position = new Position(Instant.parse(text.substring(0, bar)),
                        UUID.fromString(text.substring(bar + 1)));
                // A forged cursor could carry an instant Postgres cannot compare with.
                if (!StorableInstants.isStorable(position.time())) {
                    throw new IllegalArgumentException("instant out of range");
                }
                return position;
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
            }
        }
    }
}
