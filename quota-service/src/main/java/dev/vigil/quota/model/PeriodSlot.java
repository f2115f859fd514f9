package dev.vigil.quota.model;

import java.time.Instant;

import dev.vigil.quota.period.QuotaPeriod;

/**
 * One period a request falls into, with the limit the user's tier sets for it.
 *
 * @param limit null when unlimited
 */
public record PeriodSlot(QuotaPeriod period, Instant start, Instant end, Long limit) {

    /** The slot of {@code period} that contains {@code at} under {@code tier}. */
    public static PeriodSlot of(QuotaPeriod period, Instant at, Tier tier) {
        return new PeriodSlot(period, period.start(at), period.end(at), tier.limit(period));
    }
}
