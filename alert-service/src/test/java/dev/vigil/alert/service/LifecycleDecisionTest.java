package dev.vigil.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome.Kind;
import dev.vigil.alert.service.LifecycleDecision.Action;

/** Every row of the lifecycle table, including the forMinutes boundary. */
class LifecycleDecisionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static Stream<Arguments> table() {
        return Stream.of(
                row("breached, nothing open, forMinutes 0", null, Kind.BREACHED, 0, 0,
                        Action.OPEN_FIRING),
                row("breached, nothing open, forMinutes 5", null, Kind.BREACHED, 5, 0,
                        Action.OPEN_PENDING),
                row("pending 4 of 5 minutes", Alert.PENDING, Kind.BREACHED, 5, 4, Action.NONE),
                row("pending exactly 5 of 5 minutes", Alert.PENDING, Kind.BREACHED, 5, 5,
                        Action.PROMOTE),
                row("pending, clear", Alert.PENDING, Kind.CLEAR, 5, 1, Action.CANCEL),
                row("firing, breached", Alert.FIRING, Kind.BREACHED, 0, 1, Action.NONE),
                row("firing, clear", Alert.FIRING, Kind.CLEAR, 0, 1, Action.RESOLVE),
                row("acknowledged, clear", Alert.ACKNOWLEDGED, Kind.CLEAR, 0, 1,
                        Action.RESOLVE),
                row("firing, no data (BR-08)", Alert.FIRING, Kind.NO_DATA, 0, 1, Action.NONE),
                row("firing, unknown", Alert.FIRING, Kind.UNKNOWN, 0, 1, Action.NONE),
                row("nothing open, no data", null, Kind.NO_DATA, 0, 1, Action.NONE),
                row("nothing open, clear", null, Kind.CLEAR, 0, 1, Action.NONE));
    }

    private static Arguments row(String name, String state, Kind outcome, int forMinutes,
            int minutesLater, Action expected) {
        return Arguments.of(Named.of(name, state), outcome, forMinutes, minutesLater, expected);
    }

    @ParameterizedTest
    @MethodSource("table")
    void shouldDecideTheTransition(String state, Kind outcome, int forMinutes,
            int minutesLater, Action expected) {
        Alert open = state == null ? null : alert(state);

        Action action = LifecycleDecision.decide(open, outcome, forMinutes,
                T0.plusSeconds(60L * minutesLater));

        assertThat(action).isEqualTo(expected);
    }

    private static Alert alert(String state) {
        return new Alert(UUID.randomUUID(), UUID.randomUUID(), "r", "target:t", state, "high",
                "consecutive_failures", 1.0, 1.0, "m", T0, null, null, null, null, null, null,
                null, 0);
    }
}
