package dev.vigil.metrics.stats;

import java.util.Map;

/**
 * Exact figures of a window computed by the database over raw rows: counters, nearest-rank
 * p95 and p99 and the true median, so no row has to travel to the service.
 *
 * @param insideAligned rows inside the minute-aligned interior, to check that every request
 *     the pre-aggregates count there is still kept raw
 */
public record RawSummary(
        long total,
        long successful,
        long failed,
        long clientErrors,
        long timed,
        long rtSum,
        Long rtMin,
        Long rtMax,
        Double median,
        Double p95,
        Double p99,
        Map<String, Long> errorTypes,
        long insideAligned) {

    public Double successRate() {
        return total == 0 ? null : (double) successful / total;
    }

    public Double errorRate() {
        return total == 0 ? null : (double) failed / total;
    }

    public Double averageMs() {
        return timed == 0 ? null : (double) rtSum / timed;
    }

    public Double minMs() {
        return rtMin == null ? null : rtMin.doubleValue();
    }

    public Double maxMs() {
        return rtMax == null ? null : rtMax.doubleValue();
    }
}
