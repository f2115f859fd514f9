package dev.vigil.health.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A registered target as stored, with its damped component state.
 *
 * @param state the damped component status; null until the first check
 * @param lastCheckedAt null until the first check
 */
public record Target(
        UUID id,
        String name,
        TargetKind kind,
        int intervalSeconds,
        int timeoutMs,
        int degradedAfterMs,
        int unhealthyAfterMs,
        boolean critical,
        boolean enabled,
        List<String> tags,
        JsonNode settings,
        Instant createdAt,
        Instant updatedAt,
        ComponentStatus state,
        Instant lastCheckedAt,
        ComponentStatus lastStatus,
        Long lastResponseTimeMs,
        String lastError) {
}
