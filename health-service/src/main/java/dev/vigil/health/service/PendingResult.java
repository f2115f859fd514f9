package dev.vigil.health.service;

import java.time.Instant;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.Target;

/**
 * A finished check waiting to be stored.
 *
 * @param checkedAt when the check started
 * @param completedAt when it ended; a due tick that passed by then is skipped
 */
public record PendingResult(
        Target target,
        Instant checkedAt,
        Instant completedAt,
        CheckOutcome outcome,
        ComponentStatus status) {
}
