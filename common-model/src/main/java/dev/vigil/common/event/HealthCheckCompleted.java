package dev.vigil.common.event;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.StableApi;

/**
 * One check of one target finished; published by health-service on {@code vigil.health.checks}.
 *
 * <pre>{@code
 * HealthCheckCompleted event = HealthCheckCompleted.of(meta, "t-1", "orders", "HTTP",
 *         "UNHEALTHY", 2300L, "TIMEOUT", "no answer in 2000 ms", true, checkedAt);
 * }</pre>
 *
 * @param status HEALTHY, DEGRADED or UNHEALTHY
 * @param responseTimeMs absent when the check produced no response at all
 * @param errorCategory TIMEOUT, DNS, CONNECT, TLS, STATUS, BODY or BLOCKED; absent on success
 */
@StableApi
public record HealthCheckCompleted(
        UUID eventId,
        String type,
        Integer schemaVersion,
        Instant occurredAt,
        String source,
        String targetId,
        String targetName,
        String kind,
        String status,
        @Optional Long responseTimeMs,
        @Optional String errorCategory,
        @Optional String error,
        Boolean critical,
        Instant checkedAt) implements VigilEvent {

    public static final String TYPE = "HealthCheckCompleted";
    public static final int SCHEMA_VERSION = 1;

    /** A new event with this type and schema version. */
    public static HealthCheckCompleted of(
            EventMeta meta,
            String targetId,
            String targetName,
            String kind,
            String status,
            Long responseTimeMs,
            String errorCategory,
            String error,
            boolean critical,
            Instant checkedAt) {
        return new HealthCheckCompleted(meta.eventId(), TYPE, SCHEMA_VERSION, meta.occurredAt(),
                meta.source(), targetId, targetName, kind, status, responseTimeMs, errorCategory,
                error, critical, EventMeta.millis(checkedAt));
    }
}
