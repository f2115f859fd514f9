package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.condition.ConditionType;
import dev.vigil.alert.condition.QuotaPeriods;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.kit.messaging.ProcessedEvents;

/**
 * Applies QuotaThresholdCrossed events to quota_usage rules: a crossing at or above the rule's
 * threshold fires the alert of that user and period kind; it resolves when the period ends
 * (the sweep does that), since usage only falls back with a new period.
 */
@ApplicationScoped
public class QuotaEvaluator {

    private final ProcessedEvents processed;
    private final RuleRepository rules;
    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final Clock clock;

    QuotaEvaluator(
            ProcessedEvents processed,
            RuleRepository rules,
            AlertRepository alerts,
            AlertLifecycle lifecycle,
            Clock clock) {
        this.processed = processed;
        this.rules = rules;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Transactional
    public void apply(List<QuotaThresholdCrossed> crossings) {
        Set<UUID> fresh = processed.claim(crossings.stream()
                .map(QuotaThresholdCrossed::eventId).toList());
        List<Rule> quotaRules = rules.findEnabled(ConditionType.Family.QUOTA);
        Instant now = clock.instant();
        Map<String, Alert> open = new HashMap<>();
        List<String> subjects = crossings.stream()
                .map(c -> QuotaPeriods.subject(c.userId(), c.period())).distinct().toList();
        alerts.findOpen(subjects).forEach(a -> open.put(a.ruleId() + "|" + a.subject(), a));
        for (QuotaThresholdCrossed crossing : crossings) {
            if (!fresh.contains(crossing.eventId()) || !currentPeriod(crossing, now)) {
                continue;
            }
            for (Rule rule : quotaRules) {
                if (rule.scope().coversUser(crossing.userId(), crossing.tier())
                        && crossing.threshold() >= rule.threshold()) {
                    String subject = QuotaPeriods.subject(crossing.userId(), crossing.period());
                    String key = rule.id() + "|" + subject;
                    Alert after = lifecycle.apply(rule, subject, breached(crossing),
                            open.get(key), now);
                    if (after != null) {
                        open.put(key, after);
                    }
                }
            }
        }
    }

    /** A crossing of a period that already ended says nothing about now. */
    private static boolean currentPeriod(QuotaThresholdCrossed crossing, Instant now) {
        Instant end = QuotaPeriods.endOf(crossing.period(), crossing.periodStart());
        return end == null || now.isBefore(end);
    }

    private static Outcome breached(QuotaThresholdCrossed crossing) {
        double share = crossing.limit() == 0 ? crossing.threshold()
                : (double) crossing.used() / crossing.limit();
        return Outcome.breached(share, "user " + crossing.userId() + " used " + crossing.used()
                + " of " + crossing.limit() + " (" + crossing.tier() + ", " + crossing.period()
                + ")");
    }
}
