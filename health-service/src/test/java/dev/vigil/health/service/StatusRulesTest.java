package dev.vigil.health.service;

import static dev.vigil.health.model.ComponentStatus.DEGRADED;
import static dev.vigil.health.model.ComponentStatus.HEALTHY;
import static dev.vigil.health.model.ComponentStatus.UNHEALTHY;
import static dev.vigil.health.model.ComponentStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.service.StatusRules.Component;

/** Component and overall status exactly as ARCHITECTURE.md defines them, hand-computed. */
class StatusRulesTest {

    static Stream<Arguments> responseTimes() {
        return Stream.of(
                Arguments.of(Named.of("fast answer", 499L), HEALTHY),
                Arguments.of(Named.of("degraded from 500 ms", 500L), DEGRADED),
                Arguments.of(Named.of("still degraded at 1999 ms", 1999L), DEGRADED),
                Arguments.of(Named.of("unhealthy from 2000 ms", 2000L), UNHEALTHY));
    }

    @ParameterizedTest
    @MethodSource("responseTimes")
    void shouldClassifyByResponseTimeWithDefaultLimits(long ms, ComponentStatus expected) {
        CheckOutcome outcome = CheckOutcome.success(ms, Map.of());

        assertThat(StatusRules.classify(outcome, 500, 2000)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("responseTimes")
    void shouldBeUnhealthyOnAnyErrorWhateverTheTime(long ms, ComponentStatus ignored) {
        CheckOutcome outcome = CheckOutcome.failure(ErrorCategory.STATUS, "503", ms, Map.of());

        assertThat(StatusRules.classify(outcome, 500, 2000)).isEqualTo(UNHEALTHY);
    }

    static Stream<Arguments> overallCases() {
        return Stream.of(
                Arguments.of(Named.of("no components", List.of()), UNKNOWN),
                Arguments.of(Named.of("nothing checked yet",
                        List.of(c(UNKNOWN, true), c(UNKNOWN, false))), UNKNOWN),
                Arguments.of(Named.of("all healthy",
                        List.of(c(HEALTHY, true), c(HEALTHY, false))), HEALTHY),
                Arguments.of(Named.of("one degraded",
                        List.of(c(DEGRADED, false), c(HEALTHY, false))), HEALTHY),
                Arguments.of(Named.of("all three degraded",
                        List.of(c(DEGRADED, true), c(DEGRADED, false), c(DEGRADED, false))),
                        DEGRADED),
                Arguments.of(Named.of("one non-critical unhealthy",
                        List.of(c(UNHEALTHY, false), c(HEALTHY, true))), DEGRADED),
                Arguments.of(Named.of("critical component down",
                        List.of(c(UNHEALTHY, true), c(HEALTHY, false))), UNHEALTHY),
                Arguments.of(Named.of("two non-critical unhealthy",
                        List.of(c(UNHEALTHY, false), c(UNHEALTHY, false), c(HEALTHY, true))),
                        DEGRADED),
                Arguments.of(Named.of("three non-critical unhealthy",
                        List.of(c(UNHEALTHY, false), c(UNHEALTHY, false),
                                c(UNHEALTHY, false))), UNHEALTHY),
                Arguments.of(Named.of("one checked among unchecked",
                        List.of(c(HEALTHY, false), c(UNKNOWN, true))), HEALTHY));
    }

    @ParameterizedTest
    @MethodSource("overallCases")
    void shouldComputeOverallStatus(List<Component> components, ComponentStatus expected) {
        assertThat(StatusRules.overall(components)).isEqualTo(expected);
    }

    private static Component c(ComponentStatus status, boolean critical) {
        return new Component(status, critical);
    }
}
