package dev.vigil.health.service;

import static dev.vigil.health.model.ComponentStatus.DEGRADED;
import static dev.vigil.health.model.ComponentStatus.HEALTHY;
import static dev.vigil.health.model.ComponentStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The damped state walked one raw result at a time. */
class FlapDampingTest {

    @Test
    void shouldTurnUnhealthyOnlyAfterTwoFailuresAndRecoverAfterOneSuccess() {
        FlapDamping damping = new FlapDamping(2, 1);
        FlapDamping.State state = FlapDamping.State.NONE;

        state = damping.next(state, HEALTHY);
        assertThat(state.state()).as("first result is taken as it is").isEqualTo(HEALTHY);
        state = damping.next(state, UNHEALTHY);
        assertThat(state.state()).as("one failure is a flap").isEqualTo(HEALTHY);
        state = damping.next(state, HEALTHY);
        assertThat(state.state()).as("flap over").isEqualTo(HEALTHY);
        state = damping.next(state, UNHEALTHY);
        state = damping.next(state, UNHEALTHY);
        assertThat(state.state()).as("two failures agree").isEqualTo(UNHEALTHY);
        state = damping.next(state, DEGRADED);
        assertThat(state.state()).as("one good result recovers").isEqualTo(DEGRADED);
    }

    @Test
    void shouldHoldUnhealthyUntilSuccessThresholdAgrees() {
        FlapDamping damping = new FlapDamping(1, 3);
        FlapDamping.State state = damping.next(FlapDamping.State.NONE, UNHEALTHY);

        state = damping.next(state, HEALTHY);
        state = damping.next(state, HEALTHY);
        assertThat(state.state()).as("two of three successes").isEqualTo(UNHEALTHY);
        state = damping.next(state, HEALTHY);

        assertThat(state.state()).isEqualTo(HEALTHY);
    }

    @Test
    void shouldRejectThresholdsBelowOne() {
        assertThatThrownBy(() -> new FlapDamping(0, 1))
                .hasMessageContaining("vigil.health.damping");
    }
}
