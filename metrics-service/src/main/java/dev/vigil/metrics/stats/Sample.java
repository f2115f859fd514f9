package dev.vigil.metrics.stats;

import java.time.Instant;

import dev.vigil.metrics.model.Outcome;

/**
 * The parts of a stored request that statistics need.
 *
 * @param responseTimeMs null when the request produced no response
 */
public record Sample(
        Instant occurredAt,
        String service,
        String route,
        Outcome outcome,
        Long responseTimeMs,
        String errorType) {
}
