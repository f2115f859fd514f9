package dev.vigil.common.event;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.StableApi;

/**
 * A firing alert's condition cleared; shares {@code vigil.alerts} and its key with the trigger.
 *
 * <pre>{@code
 * AlertResolved event = AlertResolved.of(meta, alertId, ruleId, "target:t-1",
 *         triggeredAt, now, false);
 * }</pre>
 *
 * @param suppressed true when the resolved notification was not sent (its trigger's was not)
 */
@StableApi
public record AlertResolved(
        UUID eventId,
        String type,
        Integer schemaVersion,
        Instant occurredAt,
        String source,
        String alertId,
        String ruleId,
        String subject,
        Instant triggeredAt,
        Instant resolvedAt,
        @Optional Boolean suppressed) implements VigilEvent {

    public static final String TYPE = "AlertResolved";
    public static final int SCHEMA_VERSION = 1;

    /** A new event with this type and schema version. */
    public static AlertResolved of(
            EventMeta meta,
            String alertId,
            String ruleId,
            String subject,
            Instant triggeredAt,
            Instant resolvedAt,
            boolean suppressed) {
        return new AlertResolved(meta.eventId(), TYPE, SCHEMA_VERSION, meta.occurredAt(),
                meta.source(), alertId, ruleId, subject, EventMeta.millis(triggeredAt),
                EventMeta.millis(resolvedAt), suppressed);
    }
}
