package dev.vigil.common.event;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.StableApi;

/**
 * One request a service served; published by services on {@code vigil.usage}, keyed by user id.
 *
 * <p>{@code occurredAt} is when the request was served, which is also the envelope time.
 *
 * <pre>{@code
 * UsageRecorded event = UsageRecorded.of(meta, "req-1", "shop", "/orders/42", "GET",
 *         200, 35L, true, null, null, "user-7");
 * }</pre>
 *
 * @param responseTimeMs absent for a failed request that produced no response
 * @param userId absent for anonymous requests
 */
@StableApi
public record UsageRecorded(
        UUID eventId,
        String type,
        Integer schemaVersion,
        Instant occurredAt,
        String source,
        String requestId,
        String service,
        String endpoint,
        String method,
        Integer status,
        @Optional Long responseTimeMs,
        Boolean success,
        @Optional String errorType,
        @Optional String errorMessage,
        @Optional String userId) implements VigilEvent {

    public static final String TYPE = "UsageRecorded";
    public static final int SCHEMA_VERSION = 1;

    /** A new event with this type and schema version. */
    public static UsageRecorded of(
            EventMeta meta,
            String requestId,
            String service,
            String endpoint,
            String method,
            int status,
            Long responseTimeMs,
            boolean success,
            String errorType,
            String errorMessage,
            String userId) {
        return new UsageRecorded(meta.eventId(), TYPE, SCHEMA_VERSION, meta.occurredAt(),
                meta.source(), requestId, service, endpoint, method, status, responseTimeMs,
                success, errorType, errorMessage, userId);
    }
}
