package dev.vigil.metrics.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * The six response-time buckets of a window.
 *
 * @param timedRequests requests with a response time, the base of the percentages
 */
public record Distribution(
        Instant from,
        Instant to,
        long timedRequests,
        List<DistributionBucket> buckets) {
}
