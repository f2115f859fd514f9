package dev.vigil.alert.model;

import java.time.Instant;

/** One recorded state change of an alert. */
public record Transition(String fromState, String toState, Instant at, boolean suppressed,
        String note) {
}
