package dev.vigil.alert.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.SilenceRepository;
import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.EventMeta;
import dev.vigil.common.topic.Topics;
import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.outbox.OutboxMessage;
import dev.vigil.kit.outbox.OutboxWriter;

/**
 * Applies one evaluation of a rule on a subject: stores the transition, publishes it through
 * the outbox and queues its notifications, all in the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AlertLifecycle {

    private static final Logger LOG = Logger.getLogger(AlertLifecycle.class);

    static final String BY_COOLDOWN = "cooldown";
    static final String BY_SILENCE = "silence";

    private final AlertRepository alerts;
    private final SilenceRepository silences;
    private final OutboxWriter outbox;
    private final Notifier notifier;
    private final KitConfig kit;

    AlertLifecycle(
            AlertRepository alerts,
            SilenceRepository silences,
            OutboxWriter outbox,
            Notifier notifier,
            KitConfig kit) {
        this.alerts = alerts;
        this.silences = silences;
        this.outbox = outbox;
        this.notifier = notifier;
        this.kit = kit;
    }

    /**
     * Applies the outcome to the open alert of the rule and subject (null for none) and
     * returns the open alert afterwards, null when there is none.
     */
    public Alert apply(Rule rule, String subject, Outcome outcome, Alert open, Instant now) {
        int forMinutes = rule.definition().forMinutes();
        return switch (LifecycleDecision.decide(open, outcome.kind(), forMinutes, now)) {
            case NONE -> open;
            case OPEN_PENDING -> openPending(rule, subject, outcome, now);
            case OPEN_FIRING -> openFiring(rule, subject, outcome, now);
            case PROMOTE -> promote(rule, open, outcome, now);
            case RESOLVE -> resolve(rule, open, now);
            case CANCEL -> cancel(open, now);
        };
    }

    /** Fires a pending alert whose {@code forMinutes} passed without a new evaluation. */
    public Alert promoteIfDue(Rule rule, Alert pending, Instant now) {
        if (!LifecycleDecision.pendingElapsed(pending, rule.definition().forMinutes(), now)) {
            return pending;
        }
        Outcome still = new Outcome(Outcome.Kind.BREACHED, pending.observedValue(),
                pending.message());
        return promote(rule, pending, still, now);
    }

    /** Resolves a firing alert for a reason other than an evaluation, such as a period end. */
    public Alert resolveNow(Rule rule, Alert open, Instant now) {
        return open.isPending() ? cancel(open, now) : resolve(rule, open, now);
    }

    private Alert openPending(Rule rule, String subject, Outcome outcome, Instant now) {
        Alert pending = newAlert(rule, subject, outcome, now, Alert.PENDING);
        if (!alerts.insertOpen(pending)) {
            return null;
        }
        alerts.addTransition(pending.id(), null, Alert.PENDING, now, false, null);
        LOG.debugf("Alert pending alert=%s rule=%s subject=%s", pending.id(), rule.id(), subject);
        return pending;
    }

    private Alert openFiring(Rule rule, String subject, Outcome outcome, Instant now) {
        Alert pending = newAlert(rule, subject, outcome, now, Alert.PENDING);
        Alert firing = firingFrom(rule, pending, outcome, now);
        if (!alerts.insertOpen(firing)) {
            return null;
        }
        announceTrigger(rule, firing, null, now);
        return firing;
    }

    private Alert promote(Rule rule, Alert pending, Outcome outcome, Instant now) {
        Alert firing = firingFrom(rule, pending, outcome, now);
        if (!alerts.update(firing, Alert.PENDING)) {
            return null;
        }
        announceTrigger(rule, firing, Alert.PENDING, now);
        return firing;
    }

    private Alert firingFrom(Rule rule, Alert pending, Outcome outcome, Instant now) {
        String suppressedBy = suppression(rule, pending.subject(), now);
        Instant notifiedAt = suppressedBy == null ? now : null;
        Double observed = outcome.observed() == null
                ? pending.observedValue() : outcome.observed();
        String message = outcome.message() == null ? pending.message() : outcome.message();
        return new Alert(pending.id(), pending.ruleId(), pending.ruleName(), pending.subject(),
                Alert.FIRING, pending.severity(), pending.conditionType(), observed,
                pending.threshold(), message, pending.pendingSince(), now, null, null, null,
                notifiedAt, suppressedBy, null, 0);
    }

    private void announceTrigger(Rule rule, Alert firing, String from, Instant now) {
        boolean suppressed = firing.suppressedBy() != null;
        alerts.addTransition(firing.id(), from, Alert.FIRING, now, suppressed,
                suppressed ? "notification suppressed by " + firing.suppressedBy() : null);
        AlertTriggered event = AlertTriggered.of(meta(now), firing.id().toString(),
                rule.id().toString(), rule.name(), firing.severity(), firing.conditionType(),
                firing.subject(), firing.observedValue(), firing.threshold(), firing.message(),
                now, suppressed);
        outbox.write(new OutboxMessage(Topics.ALERTS, firing.id().toString(), event));
        if (!suppressed) {
            notifier.enqueue(rule, firing, "triggered", 0, now);
        }
        LOG.infof("Alert firing alert=%s rule=%s subject=%s observed=%s suppressedBy=%s",
                firing.id(), rule.id(), firing.subject(), firing.observedValue(),
                firing.suppressedBy());
    }

    private Alert resolve(Rule rule, Alert open, Instant now) {
        Alert resolved = withState(open, Alert.RESOLVED, now);
        if (!alerts.update(resolved, open.state())) {
            return null;
        }
        boolean notify = open.wasNotified() && rule.definition().notifyOnResolve();
        alerts.addTransition(open.id(), open.state(), Alert.RESOLVED, now, !notify,
                notify ? null : "resolved notification not sent: trigger was not notified");
        AlertResolved event = AlertResolved.of(meta(now), open.id().toString(),
                rule.id().toString(), open.subject(), open.triggeredAt(), now, !notify);
        outbox.write(new OutboxMessage(Topics.ALERTS, open.id().toString(), event));
        if (notify) {
            notifier.enqueue(rule, resolved, "resolved", 0, now);
        }
        LOG.infof("Alert resolved alert=%s rule=%s subject=%s notified=%s", open.id(),
                rule.id(), open.subject(), notify);
        return null;
    }

    private Alert cancel(Alert pending, Instant now) {
        if (alerts.update(withState(pending, Alert.CANCELLED, now), Alert.PENDING)) {
            alerts.addTransition(pending.id(), Alert.PENDING, Alert.CANCELLED, now, false,
                    "condition cleared before forMinutes passed");
            LOG.debugf("Alert cancelled alert=%s subject=%s", pending.id(), pending.subject());
        }
        return null;
    }

    /** Silences first, then the cooldown since the last trigger notification (BR-14). */
    private String suppression(Rule rule, String subject, Instant now) {
        List<String> tags = rule.scope() == null || rule.scope().tags() == null
                ? List.of() : rule.scope().tags();
        if (silences.silenced(rule.id(), subject, tags, now)) {
            return BY_SILENCE;
        }
        int cooldown = rule.definition().cooldownMinutes();
        if (cooldown <= 0) {
            return null;
        }
        Instant last = alerts.lastNotifiedAt(rule.id(), subject);
        boolean cooling = last != null && now.isBefore(last.plus(Duration.ofMinutes(cooldown)));
        return cooling ? BY_COOLDOWN : null;
    }

    private static Alert newAlert(Rule rule, String subject, Outcome outcome, Instant now,
            String state) {
        return new Alert(UUID.randomUUID(), rule.id(), rule.name(), subject, state,
                rule.definition().severity(), rule.definition().condition().type(),
                outcome.observed(), rule.threshold(),
                outcome.message() == null ? rule.name() : outcome.message(), now, null, null,
                null, null, null, null, null, 0);
    }

    private static Alert withState(Alert alert, String state, Instant now) {
        return new Alert(alert.id(), alert.ruleId(), alert.ruleName(), alert.subject(), state,
                alert.severity(), alert.conditionType(), alert.observedValue(),
                alert.threshold(), alert.message(), alert.pendingSince(), alert.triggeredAt(),
                now, alert.acknowledgedAt(), alert.acknowledgedBy(), alert.notifiedAt(),
                alert.suppressedBy(), alert.lastReminderAt(), alert.reminders());
    }

    private EventMeta meta(Instant now) {
        return EventMeta.now(kit.serviceName(), now);
    }
}
