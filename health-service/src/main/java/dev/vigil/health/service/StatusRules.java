package dev.vigil.health.service;

import java.util.Collection;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ComponentStatus;

/** The status rules of ARCHITECTURE.md, as pure functions. */
public final class StatusRules {

    private StatusRules() {
    }

    /** One component as the overall status sees it. */
    public record Component(ComponentStatus status, boolean critical) {
    }

    /**
     * A check's status: UNHEALTHY on any error or from {@code unhealthyAfterMs}, DEGRADED from
     * {@code degradedAfterMs}, else HEALTHY.
     */
    public static ComponentStatus classify(
            CheckOutcome outcome,
            int degradedAfterMs,
            int unhealthyAfterMs) {
        if (outcome.failed() || outcome.responseTimeMs() == null) {
            return ComponentStatus.UNHEALTHY;
        }
        long ms = outcome.responseTimeMs();
        if (ms >= unhealthyAfterMs) {
            return ComponentStatus.UNHEALTHY;
        }
        return ms >= degradedAfterMs ? ComponentStatus.DEGRADED : ComponentStatus.HEALTHY;
    }

    /**
     * The overall status: UNHEALTHY when a critical component is unhealthy or three or more
     * are; DEGRADED when any is unhealthy or two or more are degraded; HEALTHY otherwise;
     * UNKNOWN when nothing has been checked. Components not yet checked do not count.
     */
    public static ComponentStatus overall(Collection<Component> components) {
        long checked = components.stream().filter(c -> isChecked(c.status())).count();
        if (checked == 0) {
            return ComponentStatus.UNKNOWN;
        }
        long unhealthy = count(components, ComponentStatus.UNHEALTHY);
        long degraded = count(components, ComponentStatus.DEGRADED);
        boolean criticalDown = components.stream()
                .anyMatch(c -> c.critical() && c.status() == ComponentStatus.UNHEALTHY);
        if (criticalDown || unhealthy >= 3) {
            return ComponentStatus.UNHEALTHY;
        }
        if (unhealthy >= 1 || degraded >= 2) {
            return ComponentStatus.DEGRADED;
        }
        return ComponentStatus.HEALTHY;
    }

    private static boolean isChecked(ComponentStatus status) {
        return status != null && status != ComponentStatus.UNKNOWN;
    }

    private static long count(Collection<Component> components, ComponentStatus status) {
        return components.stream().filter(c -> c.status() == status).count();
    }
}
