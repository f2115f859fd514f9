package dev.vigil.alert.model;

import java.time.Instant;

/**
 * The JSON body the generic webhook receives (documented in the README); Slack and email
 * messages are rendered from it.
 *
 * @param event {@code triggered}, {@code resolved} or {@code reminder}
 * @param at when the announced transition happened
 */
public record NotificationBody(
        String event,
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
        Instant resolvedAt,
        Instant at) {
}
