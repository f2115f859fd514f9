package dev.vigil.alert.model;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.alert.condition.ConditionType;

/** A stored rule: its id, its validated definition and when it was written. */
public record Rule(UUID id, RuleDefinition definition, Instant createdAt, Instant updatedAt) {

    public String name() {
        return definition.name();
    }

    public ConditionType type() {
        return ConditionType.of(definition.condition());
    }

    public double threshold() {
        return definition.condition().threshold();
    }

    public Scope scope() {
        return definition.scope();
    }
}
