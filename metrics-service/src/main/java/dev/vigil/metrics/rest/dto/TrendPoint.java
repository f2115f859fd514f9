package dev.vigil.metrics.rest.dto;

import java.time.Instant;

/** One UTC hour of a trend; an hour without requests has zeros and null statistics. */
public record TrendPoint(
        Instant hour,
        long requests,
        long successfulRequests,
        long failedRequests,
        long clientErrors,
        Double averageResponseTimeMs,
        Double p95ResponseTimeMs,
        Double successRate) {
}
