package dev.vigil.alert.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.channel.ChannelSender;
import dev.vigil.alert.channel.ChannelType;
import dev.vigil.alert.channel.DeliveryException;
import dev.vigil.alert.channel.Secrets;
import dev.vigil.alert.config.AlertConfig;
import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;
import dev.vigil.alert.model.NotificationBody;
import dev.vigil.alert.repository.ChannelRepository;
import dev.vigil.alert.repository.NotificationRepository;
import dev.vigil.alert.repository.NotificationRepository.AttemptRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends queued notifications: leases due rows, delivers each on its own worker so a slow or
 * failing channel never holds up the others, records every attempt, and retries failures with
 * exponential backoff until the attempts run out.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    private static final int CLAIM_BATCH = 50;
    private static final String DEFAULT_NAME = "default-webhook";

    private final NotificationRepository notifications;
    private final ChannelRepository channels;
    private final AlertConfig config;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(
            runnable -> daemon(runnable, "vigil-notify-drain"));
    private final ExecutorService workers = Executors.newFixedThreadPool(8,
            runnable -> daemon(runnable, "vigil-notify-send"));

    NotificationDispatcher(
            NotificationRepository notifications,
            ChannelRepository channels,
            AlertConfig config,
            ObjectMapper json,
            MeterRegistry registry,
            Instance<ChannelSender> allSenders) {
        this.notifications = notifications;
        this.channels = channels;
        this.config = config;
        this.json = json;
        this.registry = registry;
        allSenders.forEach(sender -> senders.put(sender.type(), sender));
        for (ChannelType type : ChannelType.values()) {
            if (!senders.containsKey(type)) {
                throw new IllegalStateException("no sender for channel type " + type);
            }
        }
    }

    /** Drains soon on another thread; wake-ups that arrive meanwhile are merged. */
    public void wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            try {
                drainer.submit(() -> {
                    wakeUpPending.set(false);
                    drainSafely();
                });
            } catch (RejectedExecutionException e) {
                // Shutting down: the queue is in the database and the next start drains it.
                wakeUpPending.set(false);
            }
        }
    }

    @Scheduled(every = "${vigil.alert.delivery.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wakeUp();
    }

    @PreDestroy
    void stop() {
        drainer.shutdownNow();
        workers.shutdownNow();
    }

    private void drainSafely() {
        try {
            List<Notification> due;
            do {
                due = notifications.claimDue(CLAIM_BATCH, config.delivery().lease());
                for (Notification notification : due) {
                    workers.submit(() -> deliverSafely(notification));
                }
            } while (due.size() == CLAIM_BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("Notification queue not readable, retrying on the next pass cause=%s",
                    e.getMessage());
        }
    }

    private void deliverSafely(Notification notification) {
        try {
            deliver(notification);
        } catch (RuntimeException e) {
            // The lease expires and another pass retries it; nothing is lost.
            LOG.errorf("Notification not completed id=%d alert=%s cause=%s", notification.id(),
                    notification.alertId(), e.getClass().getSimpleName());
        }
    }

    private void deliver(Notification notification) {
        Channel channel = channelOf(notification);
        long start = System.nanoTime();
        if (channel == null) {
            finish(notification, new AttemptRecord("(deleted)", "failed", null,
                    "channel no longer exists", 0), false);
            return;
        }
        try {
            Integer status = senderFor(channel).send(channel, notification, body(notification));
            finish(notification, new AttemptRecord(channel.name(), "delivered", status, null,
                    elapsedMs(start)), true);
            LOG.debugf("Notification delivered alert=%s kind=%s channel=%s attempt=%d",
                    notification.alertId(), notification.kind(), channel.name(),
                    notification.attempts());
        } catch (DeliveryException e) {
            failed(notification, channel, e.statusCode(), e.getMessage(), start);
        } catch (RuntimeException e) {
            // A sender refusing the channel itself (a URL or header its client cannot use) is
            // a failed attempt too: recorded, counted and given up after the last attempt,
            // never an endless retry that leaves no trace.
            failed(notification, channel, null, e.getClass().getSimpleName() + ": "
                    + e.getMessage(), start);
        }
    }

    private void failed(Notification notification, Channel channel, Integer status,
            String message, long start) {
        String error = Secrets.redact(message, channel);
        finish(notification, new AttemptRecord(channel.name(), "failed", status, error,
                elapsedMs(start)), false);
        LOG.errorf("Notification attempt failed alert=%s kind=%s channel=%s attempt=%d "
                + "error=%s", notification.alertId(), notification.kind(), channel.name(),
                notification.attempts(), error);
    }

    private void finish(Notification notification, AttemptRecord attempt, boolean delivered) {
        Counter.builder(NotificationAttemptMetrics.ATTEMPTS)
                .description("Notification attempts by recorded outcome and notification kind")
                .tag("outcome", attempt.outcome())
                .tag("kind", notification.kind())
                .register(registry)
                .increment();
        if (delivered) {
            notifications.complete(notification, attempt, "sent", Duration.ZERO);
        } else if (notification.attempts() >= config.delivery().maxAttempts()) {
            notifications.complete(notification, attempt, "failed", Duration.ZERO);
            LOG.errorf("Notification given up alert=%s kind=%s channel=%s attempts=%d",
                    notification.alertId(), notification.kind(), attempt.channelName(),
                    notification.attempts());
        } else {
            notifications.complete(notification, attempt, "pending", backoff(notification));
        }
    }

    /** initial · 2^(attempt-1), capped. */
    private Duration backoff(Notification notification) {
        long initial = config.delivery().initialBackoff().toMillis();
        int exponent = Math.min(notification.attempts() - 1, 20);
        long delay = initial * (1L << exponent);
        return Duration.ofMillis(Math.min(delay, config.delivery().maxBackoff().toMillis()));
    }

    private Channel channelOf(Notification notification) {
        if (notification.channelId() == null) {
            return config.defaultWebhookUrl()
                    .map(url -> new Channel(null, DEFAULT_NAME, "webhook", url, Map.of(), null,
                            null, null))
                    .orElse(null);
        }
        return channels.find(notification.channelId());
    }

    private ChannelSender senderFor(Channel channel) {
        return ChannelType.of(channel.type()).map(senders::get)
                .orElseThrow(() -> new DeliveryException("unknown channel type", null));
    }

    private NotificationBody body(Notification notification) {
        try {
            return json.readValue(notification.payload(), NotificationBody.class);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("stored notification is unreadable", null);
        }
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
