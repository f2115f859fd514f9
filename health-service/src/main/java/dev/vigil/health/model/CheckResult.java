package dev.vigil.health.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One stored check of one target.
 *
 * @param id null until stored
 * @param responseTimeMs null when nothing answered
 */
public record CheckResult(
        Long id,
        UUID targetId,
        Instant checkedAt,
        ComponentStatus status,
        Long responseTimeMs,
        ErrorCategory errorCategory,
        String error,
        Map<String, Object> metadata) {
}
