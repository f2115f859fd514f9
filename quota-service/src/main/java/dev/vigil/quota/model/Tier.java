package dev.vigil.quota.model;

import java.util.List;

import dev.vigil.quota.period.QuotaPeriod;

/**
 * A named set of limits, one per calendar period, and the shares of a limit whose crossing
 * is announced.
 *
 * @param requestsPerMinute null means unlimited, as for the other limits
 * @param thresholds ratios in (0, 1], ascending
 */
public record Tier(
        String name,
        Long requestsPerMinute,
        Long requestsPerDay,
        Long requestsPerMonth,
        List<Double> thresholds) {

    public static final List<Double> DEFAULT_THRESHOLDS = List.of(0.8, 1.0);

    /** The limit of one period; null when unlimited. */
    public Long limit(QuotaPeriod period) {
        return switch (period) {
            case MINUTE -> requestsPerMinute;
            case DAY -> requestsPerDay;
            case MONTH -> requestsPerMonth;
        };
    }
}
