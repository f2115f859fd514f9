package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.DeliveryAttempt;
import dev.vigil.alert.model.Transition;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.kit.problem.ProblemException;

/** Reads alerts and records acknowledgements. */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final Clock clock;

    AlertService(AlertRepository alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    public Alert find(UUID id) {
        return alerts.find(id);
    }

    public List<Alert> page(AlertRepository.Filter filter, Instant afterTime, UUID afterId,
            int limit) {
        return alerts.page(filter, afterTime, afterId, limit);
    }

    public List<Transition> transitions(UUID id) {
        return alerts.transitions(id);
    }

    public List<DeliveryAttempt> attempts(UUID id) {
        return alerts.attempts(id);
    }

    /**
     * Marks a firing alert acknowledged by {@code who}, which stops its reminders; repeating
     * it changes nothing. Null when no alert has the id.
     */
    @Transactional
    public Alert acknowledge(UUID id, String who) {
        Alert alert = alerts.find(id);
        if (alert == null || Alert.ACKNOWLEDGED.equals(alert.state())) {
            return alert;
        }
        if (!Alert.FIRING.equals(alert.state())) {
            throw new ProblemException(409, "conflict", "Conflict",
                    "alert " + id + " is " + alert.state() + ", only a firing alert can be "
                            + "acknowledged");
        }
        Instant now = DatabaseTime.now(clock);
        Alert acknowledged = new Alert(alert.id(), alert.ruleId(), alert.ruleName(),
                alert.subject(), Alert.ACKNOWLEDGED, alert.severity(), alert.conditionType(),
                alert.observedValue(), alert.threshold(), alert.message(), alert.pendingSince(),
                alert.triggeredAt(), null, now, who, alert.notifiedAt(), alert.suppressedBy(),
                alert.lastReminderAt(), alert.reminders());
        if (!alerts.update(acknowledged, Alert.FIRING)) {
            throw new ProblemException(409, "conflict", "Conflict",
                    "alert " + id + " changed meanwhile; read it again");
        }
        alerts.addTransition(id, Alert.FIRING, Alert.ACKNOWLEDGED, now, false,
                "acknowledged by " + who);
        LOG.infof("Alert acknowledged alert=%s by=%s", id, who);
        return acknowledged;
    }
}
