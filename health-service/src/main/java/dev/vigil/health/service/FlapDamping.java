package dev.vigil.health.service;

import dev.vigil.health.model.ComponentStatus;

/**
 * Flap damping of a component's state: it turns UNHEALTHY only after {@code failureThreshold}
 * UNHEALTHY results in a row and leaves UNHEALTHY only after {@code successThreshold} good
 * results in a row. A component without a state yet takes its first result as it is.
 */
public record FlapDamping(int failureThreshold, int successThreshold) {

    /** The damped state of one component and its streaks. */
    public record State(ComponentStatus state, int failStreak, int okStreak) {

        public static final State NONE = new State(null, 0, 0);
    }

    public FlapDamping {
        if (failureThreshold < 1 || successThreshold < 1) {
            throw new IllegalArgumentException("vigil.health.damping thresholds: expected >= 1, "
                    + "got " + failureThreshold + " and " + successThreshold);
        }
    }

    /** The state after one more raw result. */
    public State next(State current, ComponentStatus raw) {
        if (raw == ComponentStatus.UNHEALTHY) {
            int failStreak = current.failStreak() + 1;
            boolean turns = current.state() == null || failStreak >= failureThreshold;
            return new State(turns ? raw : current.state(), failStreak, 0);
        }
        int okStreak = current.okStreak() + 1;
        boolean holds = current.state() == ComponentStatus.UNHEALTHY
                && okStreak < successThreshold;
        return new State(holds ? current.state() : raw, 0, okStreak);
    }
}
