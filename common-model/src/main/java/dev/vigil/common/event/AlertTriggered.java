package dev.vigil.common.event;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.StableApi;

/**
 * An alert started firing; published by alert-service on {@code vigil.alerts}, keyed by alert id.
 *
 * <pre>{@code
 * AlertTriggered event = AlertTriggered.of(meta, alertId, ruleId, "target down", "critical",
 *         "consecutive_failures", "target:t-1", 3.0, 3.0, "orders failed 3 checks", now, false);
 * }</pre>
 *
 * @param subject what the alert is about, for example {@code target:<id>} or {@code route:GET /pay}
 * @param observedValue absent when the condition has no single figure
 * @param suppressed true when a cooldown or silence held back the notification
 */
@StableApi
public record AlertTriggered(
        UUID eventId,
        String type,
        Integer schemaVersion,
        Instant occurredAt,
        String source,
        String alertId,
        String ruleId,
        String ruleName,
        String severity,
        String conditionType,
        String subject,
        @Optional Double observedValue,
        @Optional Double threshold,
        String message,
        Instant triggeredAt,
        @Optional Boolean suppressed) implements VigilEvent {

    public static final String TYPE = "AlertTriggered";
    public static final int SCHEMA_VERSION = 1;

    /** A new event with this type and schema version. */
    public static AlertTriggered of(
            EventMeta meta,
            String alertId,
            String ruleId,
            String ruleName,
            String severity,
            String conditionType,
            String subject,
            Double observedValue,
            Double threshold,
            String message,
            Instant triggeredAt,
            boolean suppressed) {
        return new AlertTriggered(meta.eventId(), TYPE, SCHEMA_VERSION, meta.occurredAt(),
                meta.source(), alertId, ruleId, ruleName, severity, conditionType, subject,
                observedValue, threshold, message, EventMeta.millis(triggeredAt), suppressed);
    }
}
