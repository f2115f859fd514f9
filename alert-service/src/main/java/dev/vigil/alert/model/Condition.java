package dev.vigil.alert.model;

/**
 * What a rule watches: a condition type, its threshold and window, and type-specific fields.
 *
 * @param type one of {@link dev.vigil.alert.condition.ConditionType}'s names
 * @param timeWindowMinutes the window of window-based types; ignored by the others
 * @param statistic for response_time: {@code p95} or {@code average} (routes), {@code latest}
 *     or {@code average} (targets)
 * @param source for response_time: {@code metrics} (a route, the default) or {@code health}
 *     (a target's checks)
 */
public record Condition(
        String type,
        Double threshold,
        Integer timeWindowMinutes,
        String statistic,
        String source) {
}
