package dev.vigil.alert.rest;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.alert.model.Alert;

/**
 * An alert as the API returns it.
 *
 * @param notified whether its trigger notification went out
 */
public record AlertView(
        UUID id,
        UUID ruleId,
        String ruleName,
        String subject,
        String state,
        String severity,
        String conditionType,
        Double observedValue,
        Double threshold,
        String message,
        Instant pendingSince,
        Instant triggeredAt,
        Instant resolvedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        boolean notified,
        String suppressedBy,
        int reminders) {

    static AlertView of(Alert a) {
        return new AlertView(a.id(), a.ruleId(), a.ruleName(), a.subject(), a.state(),
                a.severity(), a.conditionType(), a.observedValue(), a.threshold(), a.message(),
                a.pendingSince(), a.triggeredAt(), a.resolvedAt(), a.acknowledgedAt(),
                a.acknowledgedBy(), a.wasNotified(), a.suppressedBy(), a.reminders());
    }
}
