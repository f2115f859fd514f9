package dev.vigil.quota.model;

import java.time.Instant;
import java.util.List;

import dev.vigil.quota.period.QuotaPeriod;

/**
 * A user's count in one period as stored after a change.
 *
 * @param limit the limit in force when it changed; null when unlimited
 * @param notified thresholds already announced for this period
 */
public record Counter(
        String userId,
        QuotaPeriod period,
        Instant periodStart,
        long used,
        Long limit,
        List<Double> notified) {
}
