package dev.vigil.metrics.stats;

import java.time.Instant;
import java.util.Map;

/**
 * Pre-aggregated requests of one (service, route) over one minute, hour or day; service or
 * route {@link Rollup#ALL} for the roll-up rows.
 *
 * @param buckets counts per {@link LatencyBuckets} bucket
 * @param sketch DDSketch of the response times, as {@link Sketches#encode} writes it
 */
public record Aggregate(
        Granularity granularity,
        Instant bucketStart,
        String service,
        String route,
        long total,
        long successful,
        long failed,
        long clientErrors,
        long timed,
        long rtSum,
        Long rtMin,
        Long rtMax,
        long[] buckets,
        Map<String, Long> errorTypes,
        byte[] sketch) {
}
