package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.vigil.alert.condition.ConditionType;
import dev.vigil.alert.condition.HealthConditions;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.TargetState;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.TargetStateRepository;
import dev.vigil.alert.repository.TargetStateRepository.Stored;
import dev.vigil.alert.repository.TargetStateRepository.WindowStats;
import dev.vigil.alert.service.HealthRules.Snapshot;
import dev.vigil.alert.service.TargetStateCache.Entry;
import dev.vigil.common.event.HealthCheckCompleted;

/**
 * Applies a batch of check results in one transaction, in memory first: each target's streak
 * advances from its cached state, and only a result that changes a state (status, streak,
 * name) is written and evaluated against the streak rules, in arrival order. A result at or
 * before the newest one applied to its target is a replay and is skipped, which is what makes
 * a redelivered batch change nothing without storing every event id. Window rules and the
 * degradation rule are evaluated once per batch.
 */
@ApplicationScoped
public class HealthEvaluator {

    static final String OVERALL = "overall";

    private final HealthRules rules;
    private final TargetStateCache cache;
    private final TargetStateRepository targets;
    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    HealthEvaluator(
            HealthRules rules,
            TargetStateCache cache,
            TargetStateRepository targets,
            AlertRepository alerts,
            AlertLifecycle lifecycle,
            TransactionSynchronizationRegistry transactions,
            Clock clock) {
        this.rules = rules;
        this.cache = cache;
        this.targets = targets;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The subject of alerts about one target. */
    public static String subjectOf(String targetId) {
        return "target:" + targetId;
    }

    /** Applies the results not applied before; returns how many were new. */
    @Transactional
    public int apply(List<HealthCheckCompleted> results) {
        Batch batch = new Batch(rules.current(), results);
        batch.run();
        publishAfterCompletion(batch.entries);
        return batch.applied.size();
    }

    /** The cache learns a batch's states only once they are committed. */
    private void publishAfterCompletion(Map<String, Entry> entries) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    cache.putAll(entries);
                } else {
                    cache.removeAll(entries.keySet());
                }
            }
        });
    }

    /** One result that changed its target's state, or met rules it was not evaluated by. */
    private record Step(TargetState state) {
    }

    /** The work of one batch. */
    private final class Batch {

        private final Snapshot ruleSet;
        private final List<HealthCheckCompleted> results;
        private final Instant now = clock.instant();
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final Map<String, Stored> changed = new LinkedHashMap<>();
        private final List<HealthCheckCompleted> applied = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final Map<String, Alert> open = new HashMap<>();
        private final Map<String, Long> latestResponse = new HashMap<>();

        Batch(Snapshot ruleSet, List<HealthCheckCompleted> results) {
            this.ruleSet = ruleSet;
            this.results = results;
        }

        void run() {
            loadStates();
            for (HealthCheckCompleted result : results) {
                advance(result);
            }
            targets.saveAll(changed.values());
            loadOpenAlerts();
            for (Step step : steps) {
                evaluateStreak(step.state());
            }
            if (ruleSet.hasWindowRules() && !applied.isEmpty()) {
                // Samples only serve window rules; without one they would be write load only.
                targets.addSamples(applied);
                evaluateWindows();
            }
            evaluateDegradation();
        }

        /** Cached entries first; one query for the targets this replica has not seen. */
        private void loadStates() {
            List<String> missing = new ArrayList<>();
            for (HealthCheckCompleted result : results) {
                String id = result.targetId();
                if (entries.containsKey(id)) {
                    continue;
                }
                Entry entry = cache.get(id);
                entries.put(id, entry);
                if (entry == null) {
                    missing.add(id);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            targets.find(missing).forEach((id, stored) -> entries.put(id, new Entry(
                    stored.state(), stored.eventId(), stored.state().lastCheckedAt(),
                    stored.eventId(), null)));
        }

        private void advance(HealthCheckCompleted result) {
            Entry before = entries.get(result.targetId());
            if (before != null && before.isReplay(result.checkedAt(), result.eventId())) {
                return;
            }
            applied.add(result);
            latestResponse.put(result.targetId(), result.responseTimeMs());
            TargetState state = next(before == null ? null : before.state(), result);
            boolean changes = before == null || !sameState(before.state(), state);
            boolean stale = before == null || !ruleSet.version().equals(before.rulesVersion());
            UUID changedBy = changes ? result.eventId() : before.changedBy();
            TargetState kept = changes ? state : before.state();
            entries.put(result.targetId(), new Entry(kept, changedBy, result.checkedAt(),
                    result.eventId(), ruleSet.version()));
            if (changes) {
                changed.put(state.targetId(), new Stored(state, result.eventId()));
            }
            if (changes || stale) {
                steps.add(new Step(state));
            }
        }

        private void loadOpenAlerts() {
            List<String> subjects = new ArrayList<>();
            steps.forEach(step -> subjects.add(subjectOf(step.state().targetId())));
            if (ruleSet.hasWindowRules()) {
                latestResponse.keySet().forEach(id -> subjects.add(subjectOf(id)));
            }
            if (!ruleSet.degradation().isEmpty()) {
                subjects.add(OVERALL);
            }
            if (subjects.isEmpty()) {
                return;
            }
            alerts.findOpen(subjects.stream().distinct().toList()).forEach(alert ->
                    open.put(key(alert.ruleId(), alert.subject()), alert));
        }

        private void evaluateStreak(TargetState state) {
            for (Rule rule : ruleSet.streak()) {
                if (rule.scope().coversTarget(state.targetId())) {
                    step(rule, subjectOf(state.targetId()),
                            HealthConditions.consecutiveFailures(rule, state));
                }
            }
        }

        private void evaluateWindows() {
            for (String targetId : latestResponse.keySet()) {
                TargetState state = entries.get(targetId).state();
                for (Rule rule : ruleSet.window()) {
                    if (rule.scope().coversTarget(targetId)) {
                        step(rule, subjectOf(targetId), windowOutcome(rule, state));
                    }
                }
            }
        }

        private Outcome windowOutcome(Rule rule, TargetState state) {
            WindowStats window = window(rule, state);
            return rule.type() == ConditionType.UPTIME_THRESHOLD
                    ? HealthConditions.uptime(rule, state, window)
                    : HealthConditions.responseTime(rule, state,
                            latestResponse.get(state.targetId()), window);
        }

        private WindowStats window(Rule rule, TargetState state) {
            Integer minutes = rule.definition().condition().timeWindowMinutes();
            Duration length = Duration.ofMinutes(minutes == null ? 5 : minutes);
            return targets.window(state.targetId(), now.minus(length), now.plusMillis(1));
        }

        private void evaluateDegradation() {
            if (ruleSet.degradation().isEmpty()) {
                return;
            }
            List<TargetState> all = targets.all();
            for (Rule rule : ruleSet.degradation()) {
                List<TargetState> watched = all.stream()
                        .filter(state -> rule.scope().coversTarget(state.targetId()))
                        .toList();
                step(rule, OVERALL, HealthConditions.degradation(rule, watched));
            }
        }

        private void step(Rule rule, String subject, Outcome outcome) {
            String key = key(rule.id(), subject);
            Alert after = lifecycle.apply(rule, subject, outcome, open.get(key), now);
            if (after == null) {
                open.remove(key);
            } else {
                open.put(key, after);
            }
        }
    }

    private static TargetState next(TargetState before, HealthCheckCompleted result) {
        int streak = "UNHEALTHY".equals(result.status())
                ? (before == null ? 0 : before.consecutiveFailures()) + 1
                : 0;
        return new TargetState(result.targetId(), result.targetName(), result.critical(),
                result.status(), streak, result.checkedAt());
    }

    /** Equal apart from when it was checked: such a result changes nothing stored. */
    private static boolean sameState(TargetState a, TargetState b) {
        return a.consecutiveFailures() == b.consecutiveFailures()
                && a.critical() == b.critical()
                && a.lastStatus().equals(b.lastStatus())
                && a.targetName().equals(b.targetName());
    }

    private static String key(UUID ruleId, String subject) {
        return ruleId + "|" + subject;
    }
}
