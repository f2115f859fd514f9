package dev.vigil.alert.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Holds back notifications of matching alerts during {@code [startsAt, endsAt)}; every
 * non-null matcher must match.
 *
 * @param tag matches rules whose scope lists this tag
 */
public record Silence(
        UUID id,
        UUID ruleId,
        String subject,
        String tag,
        Instant startsAt,
        Instant endsAt,
        String comment,
        String createdBy,
        Instant createdAt) {
}
