package dev.vigil.common.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The envelope values of a new event: a fresh id and the occurrence time in millis.
 *
 * <pre>{@code
 * EventMeta meta = EventMeta.now("health-service", clock.instant());
 * HealthCheckCompleted event = HealthCheckCompleted.of(meta, ...);
 * }</pre>
 */
public record EventMeta(UUID eventId, Instant occurredAt, String source) {

    /** A new envelope; the instant is cut to millis because that is what the wire carries. */
    public static EventMeta now(String source, Instant occurredAt) {
        return new EventMeta(UUID.randomUUID(), millis(occurredAt), source);
    }

    /** Cuts an instant to the millisecond precision every event uses. */
    public static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
