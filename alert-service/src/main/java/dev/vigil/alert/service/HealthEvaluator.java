package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.condition.ConditionType;
import dev.vigil.alert.condition.HealthConditions;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.TargetState;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.repository.TargetStateRepository;
import dev.vigil.alert.repository.TargetStateRepository.WindowStats;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.kit.messaging.ProcessedEvents;

/**
 * Applies a batch of check results in one transaction: claims their event ids, updates each
 * target's streak, evaluates the health rules and moves their alerts. Streak rules see every
 * result in order; window rules and the degradation rule are evaluated once per batch.
 */
@ApplicationScoped
public class HealthEvaluator {

    private static final Logger LOG = Logger.getLogger(HealthEvaluator.class);
    static final String OVERALL = "overall";

    private final ProcessedEvents processed;
    private final RuleRepository rules;
    private final TargetStateRepository targets;
    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final Clock clock;

    HealthEvaluator(
            ProcessedEvents processed,
            RuleRepository rules,
            TargetStateRepository targets,
            AlertRepository alerts,
            AlertLifecycle lifecycle,
            Clock clock) {
        this.processed = processed;
        this.rules = rules;
        this.targets = targets;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** The subject of alerts about one target. */
    public static String subjectOf(String targetId) {
        return "target:" + targetId;
    }

    /** Applies the results not applied before; returns how many were new. */
    @Transactional
    public int apply(List<HealthCheckCompleted> results) {
        Set<UUID> fresh = processed.claim(results.stream()
                .map(HealthCheckCompleted::eventId).toList());
        List<HealthCheckCompleted> toApply = results.stream()
                .filter(result -> fresh.contains(result.eventId()))
                .toList();
        if (toApply.isEmpty()) {
            return 0;
        }
        new Batch(toApply).run();
        return toApply.size();
    }

    /** The work of one batch, with the rules, states and open alerts it loaded. */
    private final class Batch {

        private final List<HealthCheckCompleted> results;
        private final Instant now = clock.instant();
        private final List<Rule> healthRules = rules.findEnabled(ConditionType.Family.HEALTH);
        private final Map<String, TargetState> states;
        private final Map<String, Alert> open = new HashMap<>();
        private final Map<String, Long> latestResponse = new HashMap<>();

        Batch(List<HealthCheckCompleted> results) {
            this.results = results;
            List<String> targetIds = results.stream().map(HealthCheckCompleted::targetId)
                    .distinct().toList();
            this.states = new LinkedHashMap<>(targets.lock(targetIds));
            List<String> subjects = new ArrayList<>(targetIds.stream()
                    .map(HealthEvaluator::subjectOf).toList());
            subjects.add(OVERALL);
            alerts.findOpen(subjects).forEach(alert -> open.put(key(alert.ruleId(),
                    alert.subject()), alert));
        }

        void run() {
            for (HealthCheckCompleted result : results) {
                TargetState state = advance(result);
                states.put(state.targetId(), state);
                latestResponse.put(state.targetId(), result.responseTimeMs());
                evaluate(ConditionType.CONSECUTIVE_FAILURES, state);
            }
            targets.saveAll(states.values());
            if (hasWindowRules()) {
                // Samples only serve window rules; without one they would be write load only.
                targets.addSamples(results);
                evaluateWindows();
            }
            evaluateDegradation();
        }

        private boolean hasWindowRules() {
            return healthRules.stream().anyMatch(rule -> rule.type()
                    == ConditionType.UPTIME_THRESHOLD
                    || rule.type() == ConditionType.TARGET_RESPONSE_TIME);
        }

        private void evaluateWindows() {
            for (TargetState state : states.values()) {
                if (!latestResponse.containsKey(state.targetId())) {
                    continue;
                }
                evaluate(ConditionType.UPTIME_THRESHOLD, state);
                evaluate(ConditionType.TARGET_RESPONSE_TIME, state);
            }
        }

        private void evaluate(ConditionType type, TargetState state) {
            for (Rule rule : healthRules) {
                if (rule.type() != type || !rule.scope().coversTarget(state.targetId())) {
                    continue;
                }
                step(rule, subjectOf(state.targetId()), outcome(rule, state));
            }
        }

        private Outcome outcome(Rule rule, TargetState state) {
            return switch (rule.type()) {
                case CONSECUTIVE_FAILURES -> HealthConditions.consecutiveFailures(rule, state);
                case UPTIME_THRESHOLD -> HealthConditions.uptime(rule, state,
                        window(rule, state));
                case TARGET_RESPONSE_TIME -> HealthConditions.responseTime(rule, state,
                        latestResponse.get(state.targetId()), window(rule, state));
                default -> Outcome.noData();
            };
        }

        private WindowStats window(Rule rule, TargetState state) {
            Integer minutes = rule.definition().condition().timeWindowMinutes();
            Duration length = Duration.ofMinutes(minutes == null ? 5 : minutes);
            return targets.window(state.targetId(), now.minus(length), now.plusMillis(1));
        }

        private void evaluateDegradation() {
            List<Rule> degradation = healthRules.stream()
                    .filter(rule -> rule.type() == ConditionType.SERVICE_DEGRADATION)
                    .toList();
            if (degradation.isEmpty()) {
                return;
            }
            List<TargetState> all = targets.all();
            for (Rule rule : degradation) {
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

        private TargetState advance(HealthCheckCompleted result) {
            TargetState before = states.get(result.targetId());
            int streak = "UNHEALTHY".equals(result.status())
                    ? (before == null ? 0 : before.consecutiveFailures()) + 1
                    : 0;
            return new TargetState(result.targetId(), result.targetName(), result.critical(),
                    result.status(), streak, result.checkedAt());
        }
    }

    private static String key(UUID ruleId, String subject) {
        return ruleId + "|" + subject;
    }
}
