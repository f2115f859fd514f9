package dev.vigil.alert.condition;

import java.util.Collection;

import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.TargetState;
import dev.vigil.alert.repository.TargetStateRepository.WindowStats;

/**
 * Evaluates the health condition types on the state alert-service keeps; pure functions.
 * Comparisons: failures, degradation and response time breach at or above the threshold,
 * availability below it.
 */
public final class HealthConditions {

    private HealthConditions() {
    }

    /** consecutive_failures: the target's current streak of UNHEALTHY results (BR-13: ≥). */
    public static Outcome consecutiveFailures(Rule rule, TargetState state) {
        int streak = state.consecutiveFailures();
        if (streak >= rule.threshold()) {
            return Outcome.breached(streak, state.targetName() + " failed " + streak
                    + " consecutive checks");
        }
        return Outcome.clear((double) streak);
    }

    /** service_degradation: share of watched components whose latest result is not HEALTHY. */
    public static Outcome degradation(Rule rule, Collection<TargetState> components) {
        if (components.isEmpty()) {
            return Outcome.noData();
        }
        long notHealthy = components.stream()
                .filter(state -> !"HEALTHY".equals(state.lastStatus()))
                .count();
        double share = (double) notHealthy / components.size();
        if (share >= rule.threshold()) {
            return Outcome.breached(share, notHealthy + " of " + components.size()
                    + " components degraded or unhealthy");
        }
        return Outcome.clear(share);
    }

    /** uptime_threshold: availability over the window below the threshold; no checks, no data. */
    public static Outcome uptime(Rule rule, TargetState state, WindowStats window) {
        if (window.checks() == 0) {
            return Outcome.noData();
        }
        double availability = (double) window.up() / window.checks();
        if (availability < rule.threshold()) {
            return Outcome.breached(availability, state.targetName() + " availability "
                    + availability + " below " + rule.threshold());
        }
        return Outcome.clear(availability);
    }

    /** response_time of a target: the latest or the window's average response time. */
    public static Outcome responseTime(Rule rule, TargetState state, Long latestMs,
            WindowStats window) {
        boolean latest = "latest".equals(rule.definition().condition().statistic());
        Double value = latest ? (latestMs == null ? null : latestMs.doubleValue())
                : window.averageResponseTimeMs();
        if (value == null) {
            return Outcome.noData();
        }
        if (value >= rule.threshold()) {
            return Outcome.breached(value, state.targetName() + " response time " + value
                    + " ms at or above " + rule.threshold() + " ms");
        }
        return Outcome.clear(value);
    }
}
