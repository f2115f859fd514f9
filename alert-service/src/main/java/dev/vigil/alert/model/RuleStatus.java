package dev.vigil.alert.model;

import java.time.Instant;

/**
 * The last evaluation of a rule on a subject.
 *
 * @param status BREACHED, CLEAR, NO_DATA or UNKNOWN (the data source did not answer)
 */
public record RuleStatus(String subject, String status, Double observedValue,
        Instant evaluatedAt) {
}
