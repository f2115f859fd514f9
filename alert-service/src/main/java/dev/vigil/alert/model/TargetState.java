package dev.vigil.alert.model;

import java.time.Instant;

/** A target's latest result and failure streak, as alert-service last saw them. */
public record TargetState(
        String targetId,
        String targetName,
        boolean critical,
        String lastStatus,
        int consecutiveFailures,
        Instant lastCheckedAt) {
}
