package dev.vigil.alert.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One incident of a rule on a subject, as stored.
 *
 * @param state pending, firing, acknowledged, resolved or cancelled (pending that cleared)
 * @param notifiedAt when its trigger notification was sent; null when none was (suppressed)
 * @param suppressedBy {@code cooldown} or {@code silence} when the trigger was held back
 */
public record Alert(
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
        Instant notifiedAt,
        String suppressedBy,
        Instant lastReminderAt,
        int reminders) {

    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";
    public static final String CANCELLED = "cancelled";

    /** Whether the alert is firing, acknowledged or not. */
    public boolean isFiring() {
        return FIRING.equals(state) || ACKNOWLEDGED.equals(state);
    }

    public boolean isPending() {
        return PENDING.equals(state);
    }

    /** Whether its trigger notification went out, which decides the resolved one. */
    public boolean wasNotified() {
        return notifiedAt != null;
    }
}
