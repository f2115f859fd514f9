package dev.vigil.health.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.Target;
import dev.vigil.health.model.TargetKind;
import dev.vigil.health.service.StatusService;

/**
 * A target as the API shows it: its definition with secret-looking header values masked, its
 * damped status and its last check.
 */
public record TargetView(
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
        ComponentStatus status,
        LastCheck lastCheck,
        Instant createdAt,
        Instant updatedAt) {

    /** The newest check; null before the first. */
    public record LastCheck(Instant checkedAt, ComponentStatus status, Long responseTimeMs,
            String error) {
    }

    public static TargetView of(Target target) {
        LastCheck last = target.lastCheckedAt() == null ? null
                : new LastCheck(target.lastCheckedAt(), target.lastStatus(),
                        target.lastResponseTimeMs(), target.lastError());
        return new TargetView(target.id(), target.name(), target.kind(),
                target.intervalSeconds(), target.timeoutMs(), target.degradedAfterMs(),
                target.unhealthyAfterMs(), target.critical(), target.enabled(), target.tags(),
                masked(target.settings()), StatusService.componentStatus(target), last,
                target.createdAt(), target.updatedAt());
    }

    /** Header values that may carry credentials are never returned in full. */
    private static JsonNode masked(JsonNode settings) {
        JsonNode headers = settings.get("headers");
        if (!(headers instanceof ObjectNode)) {
            return settings;
        }
        ObjectNode copy = settings.deepCopy();
        ObjectNode maskedHeaders = (ObjectNode) copy.get("headers");
        maskedHeaders.fieldNames().forEachRemaining(name -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("auth") || lower.contains("token") || lower.contains("key")
                    || lower.contains("cookie") || lower.contains("secret")) {
                maskedHeaders.put(name, "****");
            }
        });
        return copy;
    }
}
