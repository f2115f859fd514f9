package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.client.MetricsClient;
import dev.vigil.alert.client.Performance;
import dev.vigil.alert.condition.ConditionType;
import dev.vigil.alert.condition.MetricConditions;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.Scope;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.repository.RuleStatusRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * Evaluates the metric rules on a schedule against metrics-service: asks for each rule's window
 * (outside any transaction, since the call may take seconds), then applies the outcome.
 */
@ApplicationScoped
public class MetricRuleEvaluator {

    private static final Logger LOG = Logger.getLogger(MetricRuleEvaluator.class);

    private final RuleRepository rules;
    private final MetricsClient metrics;
    private final Applier applier;
    private final Clock clock;
    private final EvaluationMeters meters;

    MetricRuleEvaluator(RuleRepository rules, MetricsClient metrics, Applier applier,
            Clock clock, EvaluationMeters meters) {
        this.rules = rules;
        this.metrics = metrics;
        this.applier = applier;
        this.clock = clock;
        this.meters = meters;
    }

    /** The subject of a metric rule's alerts: its service and route, {@code *} for all. */
    public static String subjectOf(Scope scope) {
        String service = scope == null || scope.service() == null ? "*" : scope.service();
        String endpoint = scope == null || scope.endpoint() == null ? "*" : scope.endpoint();
        return "route:" + service + " " + endpoint;
    }

    @Scheduled(every = "${vigil.alert.metrics.evaluate-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            evaluateAll();
        } catch (RuntimeException e) {
            LOG.errorf("Metric rules not evaluated cause=%s", e.getMessage());
        }
    }

    /** Evaluates every enabled metric rule once, at the clock's now. */
    public void evaluateAll() {
        Instant now = clock.instant();
        for (Rule rule : rules.findEnabled(ConditionType.Family.METRICS)) {
            evaluate(rule, now);
        }
    }

    /** Evaluates one rule at the instant; returns the outcome it applied. */
    public Outcome evaluate(Rule rule, Instant now) {
        Integer minutes = rule.definition().condition().timeWindowMinutes();
        Instant from = now.minus(Duration.ofMinutes(minutes == null ? 5 : minutes));
        Performance performance = metrics.performance(from, now, rule.scope().service(),
                rule.scope().endpoint());
        Outcome outcome = MetricConditions.evaluate(rule, performance);
        applier.apply(rule, subjectOf(rule.scope()), outcome, now);
        meters.metricRule();
        return outcome;
    }

    /** The transactional half: status, lifecycle, events and notifications. */
    @ApplicationScoped
    static class Applier {

        private final AlertRepository alerts;
        private final RuleStatusRepository statuses;
        private final AlertLifecycle lifecycle;

        Applier(AlertRepository alerts, RuleStatusRepository statuses, AlertLifecycle lifecycle) {
            this.alerts = alerts;
            this.statuses = statuses;
            this.lifecycle = lifecycle;
        }

        @Transactional
        void apply(Rule rule, String subject, Outcome outcome, Instant now) {
            statuses.save(rule.id(), subject, outcome.kind().name(), outcome.observed(), now);
            Alert open = alerts.findOpen(List.of(subject)).stream()
                    .filter(alert -> alert.ruleId().equals(rule.id()))
                    .findFirst()
                    .orElse(null);
            lifecycle.apply(rule, subject, outcome, open, now);
        }
    }
}
