package dev.vigil.quota.model;

import java.time.Instant;

import dev.vigil.quota.period.QuotaPeriod;

/**
 * A user's usage in the current period of one kind.
 *
 * @param limit null when unlimited, as are {@code remaining} and {@code utilization}
 * @param utilization used / limit as a ratio 0–1, capped at 1
 */
public record PeriodUsage(
        QuotaPeriod period,
        long used,
        Long limit,
        Long remaining,
        Double utilization,
        Instant periodStart,
        Instant resetsAt) {
}
