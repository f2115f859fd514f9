package dev.vigil.alert.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.config.AlertConfig;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.NotificationBody;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.repository.NotificationRepository;

/**
 * Queues the notifications of a transition in the transaction that records it, one per channel
 * of the rule, so a notification exists exactly when its transition was committed.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final String DEFAULT_CHANNEL = "default";

    private final NotificationRepository notifications;
    private final AlertConfig config;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final NotificationDispatcher dispatcher;

    Notifier(
            NotificationRepository notifications,
            AlertConfig config,
            ObjectMapper json,
            TransactionSynchronizationRegistry transactions,
            NotificationDispatcher dispatcher) {
        this.notifications = notifications;
        this.config = config;
        this.json = json;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
    }

    /**
     * Queues {@code kind} (triggered, resolved, reminder) of the alert to the rule's channels;
     * {@code sequence} tells reminders apart in their idempotency keys.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Rule rule, Alert alert, String kind, int sequence, Instant at) {
        String payload = write(body(alert, kind, at));
        List<UUID> channels = rule.definition().channels();
        if (channels == null || channels.isEmpty()) {
            enqueueDefault(alert, kind, sequence, payload);
            return;
        }
        for (UUID channel : channels) {
            notifications.enqueue(alert.id(), channel, kind,
                    key(alert, kind, sequence, channel.toString()), payload);
        }
        wakeDispatcherAfterCommit();
    }

    private void enqueueDefault(Alert alert, String kind, int sequence, String payload) {
        if (config.defaultWebhookUrl().isEmpty()) {
            LOG.debugf("No channel for alert=%s kind=%s: no default webhook", alert.id(), kind);
            return;
        }
        notifications.enqueue(alert.id(), null, kind,
                key(alert, kind, sequence, DEFAULT_CHANNEL), payload);
        wakeDispatcherAfterCommit();
    }

    private static String key(Alert alert, String kind, int sequence, String channel) {
        String base = alert.id() + ":" + kind + (sequence > 0 ? ":" + sequence : "");
        return base + "@" + channel;
    }

    private static NotificationBody body(Alert alert, String kind, Instant at) {
        return new NotificationBody(kind, alert.id().toString(), alert.ruleId().toString(),
                alert.ruleName(), alert.severity(), alert.conditionType(), alert.subject(),
                alert.observedValue(), alert.threshold(), alert.message(), alert.triggeredAt(),
                alert.resolvedAt(), at);
    }

    private String write(NotificationBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification cannot be written", e);
        }
    }

    /** The dispatcher can only see the rows once committed, so it is woken then. */
    private void wakeDispatcherAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wakeUp();
                }
            }
        });
    }
}
