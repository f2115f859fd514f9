package dev.vigil.alert.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.vigil.alert.model.Condition;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.Scope;

/** A rule as the API returns it. */
public record RuleView(
        UUID id,
        String name,
        Condition condition,
        String severity,
        boolean enabled,
        int forMinutes,
        int cooldownMinutes,
        int repeatIntervalMinutes,
        Scope scope,
        List<UUID> channels,
        boolean notifyOnResolve,
        Instant createdAt,
        Instant updatedAt) {

    static RuleView of(Rule rule) {
        var d = rule.definition();
        return new RuleView(rule.id(), d.name(), d.condition(), d.severity(), d.enabled(),
                d.forMinutes(), d.cooldownMinutes(), d.repeatIntervalMinutes(), d.scope(),
                d.channels(), d.notifyOnResolve(), rule.createdAt(), rule.updatedAt());
    }
}
