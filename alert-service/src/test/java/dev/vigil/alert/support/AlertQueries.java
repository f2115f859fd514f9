package dev.vigil.alert.support;

import java.util.List;
import java.util.UUID;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.repository.AlertRepository;

/** Reads a rule's alerts on a subject, oldest first, for step-by-step assertions. */
public final class AlertQueries {

    private AlertQueries() {
    }

    public static List<Alert> of(AlertRepository alerts, String ruleId, String subject) {
        List<Alert> newestFirst = alerts.page(
                new AlertRepository.Filter(null, UUID.fromString(ruleId), subject),
                null, null, 500);
        List<Alert> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** How many incidents fired (triggered at some point). */
    public static long triggers(List<Alert> alerts) {
        return alerts.stream().filter(alert -> alert.triggeredAt() != null).count();
    }

    /** How many incidents resolved. */
    public static long resolves(List<Alert> alerts) {
        return alerts.stream().filter(alert -> Alert.RESOLVED.equals(alert.state())).count();
    }
}
