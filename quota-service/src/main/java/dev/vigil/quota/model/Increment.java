package dev.vigil.quota.model;

import java.time.Instant;

import dev.vigil.quota.period.QuotaPeriod;

/**
 * Requests to add to one user's count in one period, with the limit in force.
 *
 * @param limit null when unlimited
 */
public record Increment(
        String userId,
        QuotaPeriod period,
        Instant periodStart,
        long amount,
        Long limit) {
}
