package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.condition.QuotaPeriods;
import dev.vigil.alert.config.AlertConfig;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.repository.SilenceRepository;
import dev.vigil.alert.repository.TargetStateRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * The time-driven part of the lifecycle: fires pending alerts whose {@code forMinutes} passed,
 * sends reminders, notifies alerts whose silence ended, and resolves quota alerts at the end
 * of their period. Each alert is handled in its own transaction.
 */
@ApplicationScoped
public class AlertSweeper {

    private static final Logger LOG = Logger.getLogger(AlertSweeper.class);

    private final AlertRepository alerts;
    private final RuleRepository rules;
    private final SilenceRepository silences;
    private final TargetStateRepository targets;
    private final AlertLifecycle lifecycle;
    private final Notifier notifier;
    private final AlertConfig config;
    private final Clock clock;

    AlertSweeper(
            AlertRepository alerts,
            RuleRepository rules,
            SilenceRepository silences,
            TargetStateRepository targets,
            AlertLifecycle lifecycle,
            Notifier notifier,
            AlertConfig config,
            Clock clock) {
        this.alerts = alerts;
        this.rules = rules;
        this.silences = silences;
        this.targets = targets;
        this.lifecycle = lifecycle;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.alert.sweep-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("Alert sweep skipped cause=%s", e.getMessage());
        }
    }

    @Scheduled(every = "1h", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneSamples() {
        int removed = targets.pruneSamples(clock.instant().minus(config.sampleRetention()));
        LOG.debugf("Pruned check samples removed=%d", removed);
    }

    /** One pass over every open alert at the clock's now. */
    public void sweep() {
        Instant now = clock.instant();
        Map<UUID, Rule> cache = new HashMap<>();
        List<Alert> open = alerts.findAllOpen();
        for (Alert alert : open) {
            Rule rule = cache.computeIfAbsent(alert.ruleId(), rules::find);
            if (rule == null) {
                continue;
            }
            try {
                sweepOne(rule, alert, now);
            } catch (RuntimeException e) {
                LOG.warnf("Alert not swept alert=%s cause=%s", alert.id(), e.getMessage());
            }
        }
    }

    @Transactional
    void sweepOne(Rule rule, Alert alert, Instant now) {
        if (alert.isPending()) {
            lifecycle.promoteIfDue(rule, alert, now);
        } else if (quotaPeriodOver(alert, now)) {
            lifecycle.resolveNow(rule, alert, now);
        } else if (silenceEnded(rule, alert, now)) {
            notifyLate(rule, alert, now);
        } else if (reminderDue(rule, alert, now)) {
            remind(rule, alert, now);
        }
    }

    private static boolean quotaPeriodOver(Alert alert, Instant now) {
        if (!"quota_usage".equals(alert.conditionType()) || alert.triggeredAt() == null) {
            return false;
        }
        Instant end = QuotaPeriods.endOf(QuotaPeriods.periodOf(alert.subject()),
                alert.triggeredAt());
        return end != null && !now.isBefore(end);
    }

    private boolean silenceEnded(Rule rule, Alert alert, Instant now) {
        if (!AlertLifecycle.BY_SILENCE.equals(alert.suppressedBy()) || alert.wasNotified()) {
            return false;
        }
        List<String> tags = rule.scope().tags() == null ? List.of() : rule.scope().tags();
        return !silences.silenced(rule.id(), alert.subject(), tags, now);
    }

    /** The silence that held the trigger back is over and the alert still fires: tell now. */
    private void notifyLate(Rule rule, Alert alert, Instant now) {
        Alert notified = copy(alert, now, alert.lastReminderAt(), alert.reminders());
        if (alerts.updateIfUnchanged(notified, alert)) {
            alerts.addTransition(alert.id(), alert.state(), alert.state(), now, false,
                    "notified after its silence ended");
            notifier.enqueue(rule, notified, "triggered", 0, now);
            LOG.infof("Alert notified after silence alert=%s", alert.id());
        }
    }

    private static boolean reminderDue(Rule rule, Alert alert, Instant now) {
        int repeat = rule.definition().repeatIntervalMinutes();
        if (repeat <= 0 || !Alert.FIRING.equals(alert.state()) || !alert.wasNotified()) {
            return false;
        }
        Instant last = alert.lastReminderAt() == null ? alert.notifiedAt()
                : alert.lastReminderAt();
        return !now.isBefore(last.plus(Duration.ofMinutes(repeat)));
    }

    private void remind(Rule rule, Alert alert, Instant now) {
        Alert reminded = copy(alert, alert.notifiedAt(), now, alert.reminders() + 1);
        if (alerts.updateIfUnchanged(reminded, alert)) {
            notifier.enqueue(rule, reminded, "reminder", reminded.reminders(), now);
            LOG.debugf("Alert reminder alert=%s count=%d", alert.id(), reminded.reminders());
        }
    }

    private static Alert copy(Alert alert, Instant notifiedAt, Instant lastReminder,
            int reminders) {
        return new Alert(alert.id(), alert.ruleId(), alert.ruleName(), alert.subject(),
                alert.state(), alert.severity(), alert.conditionType(), alert.observedValue(),
                alert.threshold(), alert.message(), alert.pendingSince(), alert.triggeredAt(),
                alert.resolvedAt(), alert.acknowledgedAt(), alert.acknowledgedBy(), notifiedAt,
                alert.suppressedBy(), lastReminder, reminders);
    }
}
