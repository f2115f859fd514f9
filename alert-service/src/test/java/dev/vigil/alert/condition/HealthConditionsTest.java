package dev.vigil.alert.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vigil.alert.model.Condition;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.RuleDefinition;
import dev.vigil.alert.model.Scope;
import dev.vigil.alert.model.TargetState;
import dev.vigil.alert.repository.TargetStateRepository.WindowStats;

/** The health condition types on fixed inputs, boundaries included. */
class HealthConditionsTest {

    @Test
    void shouldBreachConsecutiveFailuresAtTheThresholdNotAfterIt() {
        Rule rule = rule("consecutive_failures", 3.0, null, null);

        assertThat(HealthConditions.consecutiveFailures(rule, state("UNHEALTHY", 2)).kind())
                .isEqualTo(Outcome.Kind.CLEAR);
        assertThat(HealthConditions.consecutiveFailures(rule, state("UNHEALTHY", 3)).kind())
                .isEqualTo(Outcome.Kind.BREACHED);
    }

    @Test
    void shouldBreachUptimeBelowThresholdAndHaveNoDataWithoutChecks() {
        Rule rule = rule("uptime_threshold", 0.9, 60, null);
        TargetState state = state("HEALTHY", 0);

        assertThat(HealthConditions.uptime(rule, state, new WindowStats(10, 9, 40.0)).kind())
                .isEqualTo(Outcome.Kind.CLEAR);
        Outcome low = HealthConditions.uptime(rule, state, new WindowStats(10, 8, 40.0));
        assertThat(low.kind()).isEqualTo(Outcome.Kind.BREACHED);
        assertThat(low.observed()).isEqualTo(0.8);
        assertThat(HealthConditions.uptime(rule, state, new WindowStats(0, 0, null)).kind())
                .isEqualTo(Outcome.Kind.NO_DATA);
    }

    @Test
    void shouldShareDegradedAndUnhealthyComponents() {
        Rule rule = rule("service_degradation", 0.5, null, null);

        Outcome half = HealthConditions.degradation(rule, List.of(state("HEALTHY", 0),
                state("DEGRADED", 0)));
        Outcome third = HealthConditions.degradation(rule, List.of(state("HEALTHY", 0),
                state("HEALTHY", 0), state("UNHEALTHY", 1)));

        assertThat(half.kind()).isEqualTo(Outcome.Kind.BREACHED);
        assertThat(third.kind()).isEqualTo(Outcome.Kind.CLEAR);
        assertThat(HealthConditions.degradation(rule, List.of()).kind())
                .isEqualTo(Outcome.Kind.NO_DATA);
    }

    @Test
    void shouldUseLatestOrWindowAverageResponseTime() {
        Rule latest = rule("response_time", 500.0, 5, "latest");
        Rule average = rule("response_time", 500.0, 5, "average");
        TargetState state = state("DEGRADED", 0);
        WindowStats window = new WindowStats(4, 4, 450.0);

        assertThat(HealthConditions.responseTime(latest, state, 500L, window).kind())
                .isEqualTo(Outcome.Kind.BREACHED);
        assertThat(HealthConditions.responseTime(average, state, 900L, window).kind())
                .isEqualTo(Outcome.Kind.CLEAR);
        assertThat(HealthConditions.responseTime(latest, state, null, window).kind())
                .isEqualTo(Outcome.Kind.NO_DATA);
    }

    private static Rule rule(String type, Double threshold, Integer window, String statistic) {
        Condition condition = new Condition(type, threshold, window, statistic,
                "response_time".equals(type) ? "health" : null);
        RuleDefinition definition = new RuleDefinition("r", condition, "high", true, 0, 0, 0,
                Scope.all(), List.of(), true);
        return new Rule(UUID.randomUUID(), definition, Instant.EPOCH, Instant.EPOCH);
    }

    private static TargetState state(String status, int streak) {
        return new TargetState("t", "target", false, status, streak, Instant.EPOCH);
    }
}
