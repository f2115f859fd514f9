package dev.vigil.health.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.Target;
import dev.vigil.health.service.StatusService;
import dev.vigil.health.service.StatusService.Overall;
import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The overall status summary (open) and its per-component detail (viewer). */
@Path("/api/health")
@Tag(name = "Status")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final StatusService status;
    private final String serviceName;

    @Inject
    SecurityIdentity identity;

    HealthResource(StatusService status, KitConfig kit) {
        this.status = status;
        this.serviceName = kit.serviceName();
    }

    /** The summary, with components when detail was asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(ComponentStatus status, Instant timestamp, String service,
            List<Component> components) {
    }

    /** One component of the detailed summary. */
    public record Component(String name, ComponentStatus status, Long responseTimeMs,
            Instant lastCheck, String error, boolean critical, Map<String, Object> metadata) {
    }

    @GET
    @PermitAll
    @Operation(summary = "Overall status; detailed=true (viewer) adds every component")
    public Summary health(
            @Parameter(description = "true or false", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("detailed") String detailedParam) {
        boolean detailed = Params.flag("detailed", detailedParam);
        if (detailed) {
            requireViewer();
        }
        Overall overall = status.overall();
        List<Component> components = detailed
                ? overall.components().stream().map(HealthResource::component).toList()
                : null;
        return new Summary(overall.status(), overall.timestamp(), serviceName, components);
    }

    private void requireViewer() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!identity.hasRole(Roles.VIEWER) && !identity.hasRole(Roles.ADMIN)) {
            throw new ForbiddenException();
        }
    }

    private static Component component(Target target) {
        return new Component(target.name(), StatusService.componentStatus(target),
                target.lastResponseTimeMs(), target.lastCheckedAt(), target.lastError(),
                target.critical(), Map.of("targetId", target.id().toString(),
                        "kind", target.kind().name(),
                        "lastResult", target.lastStatus() == null ? "NONE"
                                : target.lastStatus().name()));
    }
}
