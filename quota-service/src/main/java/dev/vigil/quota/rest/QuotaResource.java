package dev.vigil.quota.rest;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;
import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.Decision;
import dev.vigil.quota.model.SystemQuota;
import dev.vigil.quota.model.UserQuota;
import dev.vigil.quota.service.ConsumeGate;
import dev.vigil.quota.service.QuotaService;
import dev.vigil.quota.service.SystemQuotaService;

/** Per-user usage, the system view, and the check-and-count call services make. */
@Path("/api/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Quotas", description = "Usage per user and period, and enforcement")
public class QuotaResource {

    private final QuotaService quotas;
    private final SystemQuotaService system;
    private final ConsumeGate gate;
    private final QuotaConfig config;
    private final Clock clock;

    QuotaResource(
            QuotaService quotas,
            SystemQuotaService system,
            ConsumeGate gate,
            QuotaConfig config,
            Clock clock) {
        this.quotas = quotas;
        this.system = system;
        this.gate = gate;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "System view: users, average and maximum utilization and users over "
            + "each threshold, per tier and current period")
    public SystemQuota summary(@QueryParam("tier") String tier) {
        return system.summarize(tier);
    }

    @GET
    @Path("{userId}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "A user's usage in each current period")
    public UserQuota user(@PathParam("userId") @Size(max = 200) String userId) {
        return quotas.view(userId);
    }

    @POST
    @Path("{userId}/consume")
    @RolesAllowed({Roles.REPORTER, Roles.ADMIN})
    @Operation(summary = "Check and count a request atomically: 200 allowed, 429 refused with "
            + "Retry-After; a repeated requestId gets the same answer and is not counted again")
    public RestResponse<ConsumeResponse> consume(
            @PathParam("userId") @Size(max = 200) String userId,
            @Valid @NotNull ConsumeRequest request) {
        if (request.amountOrOne() > config.maxAmount()) {
            throw ProblemException.invalidField("amount",
                    "must be at most " + config.maxAmount());
        }
        Decision decision = gate.run(userId,
                () -> quotas.consume(userId, request.requestId(), request.amountOrOne()));
        // A typed response lets the framework pick its JSON writer once, at build time.
        if (decision.allowed()) {
            return RestResponse.ok(ConsumeResponse.of(decision));
        }
        return RestResponse.ResponseBuilder.create(RestResponse.Status.TOO_MANY_REQUESTS,
                        ConsumeResponse.of(decision))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", retryAfterSeconds(decision))
                .build();
    }

    /** Whole seconds until the refusing period resets, at least 1. */
    private long retryAfterSeconds(Decision decision) {
        long millis = Duration.between(clock.instant(), decision.resetsAt()).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
