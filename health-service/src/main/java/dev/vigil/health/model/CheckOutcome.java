package dev.vigil.health.model;

import java.util.Map;

/**
 * What a check observed, before the target's limits turn it into a status.
 *
 * @param responseTimeMs null when nothing answered (a failure before any response)
 * @param category null on success
 * @param metadata kind-specific facts such as {@code httpStatus}, {@code finalUrl}
 */
public record CheckOutcome(
        Long responseTimeMs,
        ErrorCategory category,
        String error,
        Map<String, Object> metadata) {

    /** A check that got its answer in {@code responseTimeMs}. */
    public static CheckOutcome success(long responseTimeMs, Map<String, Object> metadata) {
        return new CheckOutcome(responseTimeMs, null, null, Map.copyOf(metadata));
    }

    /** A failed check. */
    public static CheckOutcome failure(
            ErrorCategory category,
            String error,
            Long responseTimeMs,
            Map<String, Object> metadata) {
        return new CheckOutcome(responseTimeMs, category, error, Map.copyOf(metadata));
    }

    public boolean failed() {
        return category != null;
    }
}
