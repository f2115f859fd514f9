package dev.vigil.alert.model;

import java.util.List;
import java.util.UUID;

/**
 * A rule as the API accepts and returns it (without id), and as it is stored.
 *
 * @param forMinutes how long the condition must hold before the alert fires; 0 fires at once
 * @param cooldownMinutes after a trigger notification, further triggers of the same rule and
 *     subject are recorded but not notified for this long
 * @param repeatIntervalMinutes reminders while firing and unacknowledged; 0 sends none
 * @param channels channel ids; empty uses the configured default webhook
 */
public record RuleDefinition(
        String name,
        Condition condition,
        String severity,
        Boolean enabled,
        Integer forMinutes,
        Integer cooldownMinutes,
        Integer repeatIntervalMinutes,
        Scope scope,
        List<UUID> channels,
        Boolean notifyOnResolve) {
}
