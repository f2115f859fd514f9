package dev.vigil.common.event;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.StableApi;

/**
 * A user's usage crossed a threshold of a quota period; published once per user, period and
 * threshold by quota-service on {@code vigil.quota.thresholds}, keyed by user id.
 *
 * <pre>{@code
 * QuotaThresholdCrossed event = QuotaThresholdCrossed.of(meta, "user-7", "free", "DAY",
 *         dayStart, 805L, 1000L, 0.8);
 * }</pre>
 *
 * @param period MINUTE, DAY or MONTH
 * @param threshold the crossed share of the limit, a ratio such as 0.8 or 1.0
 */
@StableApi
public record QuotaThresholdCrossed(
        UUID eventId,
        String type,
        Integer schemaVersion,
        Instant occurredAt,
        String source,
        String userId,
        String tier,
        String period,
        Instant periodStart,
        Long used,
        Long limit,
        Double threshold) implements VigilEvent {

    public static final String TYPE = "QuotaThresholdCrossed";
    public static final int SCHEMA_VERSION = 1;

    /** A new event with this type and schema version. */
    public static QuotaThresholdCrossed of(
            EventMeta meta,
            String userId,
            String tier,
            String period,
            Instant periodStart,
            long used,
            long limit,
            double threshold) {
        return new QuotaThresholdCrossed(meta.eventId(), TYPE, SCHEMA_VERSION, meta.occurredAt(),
                meta.source(), userId, tier, period, EventMeta.millis(periodStart), used, limit,
                threshold);
    }
}
