package dev.vigil.metrics.rest.dto;

/**
 * Requests whose response time lies in [lowerMs, upperMs).
 *
 * @param upperMs null for the open last bucket
 * @param percentage share of the requests with a response time, 0–100; null when none
 */
public record DistributionBucket(
        String label,
        long lowerMs,
        Long upperMs,
        long count,
        Double percentage) {
}
