package dev.vigil.alert.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alert.condition.ConditionType;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.repository.RuleRepository;

/**
 * The enabled health rules, parsed once and kept until the stored rules change. Every batch
 * asks for a fingerprint (one row) instead of reading and parsing every definition, and any
 * replica's rule change reaches the next batch of every replica.
 */
@ApplicationScoped
public class HealthRules {

    /** The health rules of one rule version. */
    public record Snapshot(String version, List<Rule> streak, List<Rule> window,
            List<Rule> degradation) {

        boolean hasWindowRules() {
            return !window.isEmpty();
        }
    }

    private final RuleRepository rules;
    private volatile Snapshot current = new Snapshot("", List.of(), List.of(), List.of());

    HealthRules(RuleRepository rules) {
        this.rules = rules;
    }

    /** The rules as stored now; reads them again only when the fingerprint moved. */
    public Snapshot current() {
        String version = rules.fingerprint();
        Snapshot known = current;
        if (version.equals(known.version())) {
            return known;
        }
        List<Rule> enabled = rules.findEnabled(ConditionType.Family.HEALTH);
        Snapshot fresh = new Snapshot(version,
                ofType(enabled, ConditionType.CONSECUTIVE_FAILURES),
                enabled.stream().filter(rule -> rule.type() == ConditionType.UPTIME_THRESHOLD
                        || rule.type() == ConditionType.TARGET_RESPONSE_TIME).toList(),
                ofType(enabled, ConditionType.SERVICE_DEGRADATION));
        current = fresh;
        return fresh;
    }

    private static List<Rule> ofType(List<Rule> enabled, ConditionType type) {
        return enabled.stream().filter(rule -> rule.type() == type).toList();
    }
}
