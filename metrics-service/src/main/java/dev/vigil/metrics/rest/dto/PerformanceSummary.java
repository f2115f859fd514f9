package dev.vigil.metrics.rest.dto;

import java.time.Instant;
import java.util.Map;

/**
 * Statistics of a window. Rates are ratios 0–1; every statistic without data is null.
 *
 * @param exact true when percentiles are exact (nearest rank on raw rows), false when they come
 *     from sketches (within 1 %)
 */
public record PerformanceSummary(
        Instant from,
        Instant to,
        long totalRequests,
        long successfulRequests,
        long failedRequests,
        long clientErrors,
        Double successRate,
        Double errorRate,
        double throughputPerMinute,
        Double averageResponseTimeMs,
        Double medianResponseTimeMs,
        Double p95ResponseTimeMs,
        Double p99ResponseTimeMs,
        Double minResponseTimeMs,
        Double maxResponseTimeMs,
        Map<String, Long> errorTypes,
        boolean exact) {
}
