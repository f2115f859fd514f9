package dev.vigil.quota.model;

import java.time.Instant;
import java.util.List;

import dev.vigil.quota.period.QuotaPeriod;

/**
 * How the users of one tier use one current period.
 *
 * @param users users of the tier with usage in this period
 * @param averageUtilization null when the period is unlimited or nobody used it
 * @param usersOverThreshold per threshold, the users at or above it
 */
public record PeriodSummary(
        QuotaPeriod period,
        Instant periodStart,
        long users,
        Double averageUtilization,
        Double maxUtilization,
        List<ThresholdCount> usersOverThreshold) {

    /** Users at or above one threshold. */
    public record ThresholdCount(double threshold, long users) {
    }
}
