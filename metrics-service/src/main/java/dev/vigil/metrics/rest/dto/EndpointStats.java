package dev.vigil.metrics.rest.dto;

/** Statistics of one route of one service over a window. */
public record EndpointStats(
        String service,
        String route,
        long totalRequests,
        long successfulRequests,
        long failedRequests,
        long clientErrors,
        Double errorRate,
        double throughputPerMinute,
        Double averageResponseTimeMs,
        Double medianResponseTimeMs,
        Double p95ResponseTimeMs,
        Double p99ResponseTimeMs) {
}
