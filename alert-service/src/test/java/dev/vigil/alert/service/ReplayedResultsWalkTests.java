package dev.vigil.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertQueries;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.ClockedWalk;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.event.HealthCheckCompleted;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Redelivered check results change nothing although no event id is stored: each is at or
 * before the newest result applied to its target. Also after the cache is emptied, as after a
 * rebalance or a restart, when the stored state is all there is.
 */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class ReplayedResultsWalkTests extends ClockedWalk {

    private static final Instant T0 = Instant.parse("2026-02-02T08:00:00Z");

    @Inject
    TargetStateCache cache;

    @Test
    void shouldIgnoreReplayedAndOlderResultsWithAndWithoutTheCache() {
        String target = AlertEvents.newTargetId("replay");
        String subject = "target:" + target;
        String rule = TestRules.consecutiveFailures(target, 2, List.of());
        HealthCheckCompleted f1 = check(target, "UNHEALTHY", 1);
        HealthCheckCompleted f2 = check(target, "UNHEALTHY", 2);

        assertThat(evaluator.apply(List.of(f1, f2))).as("first delivery").isEqualTo(2);
        assertAlerts(rule, subject, 1, 0, "after F F");

        assertThat(evaluator.apply(List.of(f1, f2))).as("redelivered, cached").isZero();
        cache.clear();
        assertThat(evaluator.apply(List.of(f1, f2))).as("redelivered, from the database")
                .isZero();
        assertAlerts(rule, subject, 1, 0, "after the replays");

        evaluator.apply(List.of(check(target, "HEALTHY", 3)));
        assertAlerts(rule, subject, 1, 1, "after S");
        cache.clear();
        assertThat(evaluator.apply(List.of(f1, f2))).as("older than the recovery").isZero();
        assertAlerts(rule, subject, 1, 1, "after replaying the outage");
    }

    private HealthCheckCompleted check(String target, String status, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        clock.set(at);
        return AlertEvents.check(target, status, at);
    }

    private void assertAlerts(String rule, String subject, long triggers, long resolves,
            String when) {
        List<Alert> found = AlertQueries.of(alerts, rule, subject);
        assertThat(AlertQueries.triggers(found)).as("triggers " + when).isEqualTo(triggers);
        assertThat(AlertQueries.resolves(found)).as("resolves " + when).isEqualTo(resolves);
    }
}
