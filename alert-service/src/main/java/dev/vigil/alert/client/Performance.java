package dev.vigil.alert.client;

/**
 * The part of metrics-service's {@code GET /api/performance} answer the metric rules read;
 * every statistic is null when the window has no data.
 */
public record Performance(
        Long totalRequests,
        Long failedRequests,
        Double errorRate,
        Double p95ResponseTimeMs,
        Double averageResponseTimeMs) {

    /** A window without requests. */
    public static Performance empty() {
        return new Performance(0L, 0L, null, null, null);
    }
}
