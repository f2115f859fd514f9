package dev.vigil.metrics.model;

import java.time.Instant;

/**
 * One request as stored: the reported fields plus its route and outcome.
 *
 * @param responseTimeMs null when the request produced no response
 * @param route the endpoint with query dropped and ids replaced by {@code {id}}
 */
public record RequestRecord(
        String requestId,
        Instant occurredAt,
        String service,
        String route,
        String endpoint,
        String method,
        int status,
        Long responseTimeMs,
        Outcome outcome,
        String errorType,
        String errorMessage,
        String userId) {
}
