package dev.vigil.alert.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A silence as an admin writes it; at least one matcher is required.
 *
 * @param ruleId matches alerts of this rule
 * @param subject matches alerts about this subject, for example {@code target:t-1}
 * @param tag matches rules whose scope lists this tag
 * @param startsAt start, inclusive; now when absent
 * @param endsAt end, exclusive
 */
public record SilenceRequest(UUID ruleId, String subject, String tag, Instant startsAt,
        Instant endsAt, String comment) {
}
