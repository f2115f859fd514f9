package dev.vigil.alert.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of alert-service under {@code vigil.alert}; every key is in the README's table.
 *
 * <pre>
 * vigil.alert.default-webhook-url=https://hooks.example.test/vigil
 * vigil.alert.delivery.max-attempts=6
 * </pre>
 */
@ConfigMapping(prefix = "vigil.alert")
public interface AlertConfig {

    /** Where alerts of rules without channels are posted; none means they are only recorded. */
    Optional<String> defaultWebhookUrl();

    /** How long check results are kept for window rules (uptime, response time). */
    @WithDefault("P7D")
    Duration sampleRetention();

    /** How often pending, reminder, silence and quota-period checks run; {@code off} stops. */
    @WithDefault("15s")
    String sweepInterval();

    Delivery delivery();

    Metrics metrics();

    /** Sending notifications. */
    interface Delivery {

        /** Attempts per notification before it is marked failed. */
        @WithDefault("6")
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Upper bound of the wait between attempts. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Connect and response timeout of one HTTP delivery. */
        @WithDefault("5s")
        Duration timeout();

        /** How often the queue is polled besides the wake-up after each commit. */
        @WithDefault("1s")
        String pollInterval();

        /** How long a replica owns a notification it is sending. */
        @WithDefault("1m")
        Duration lease();
    }

    /** Rules evaluated against metrics-service. */
    interface Metrics {

        /** How often metric rules are evaluated; {@code off} stops the schedule. */
        @WithDefault("60s")
        String evaluateEvery();

        /** Bearer token for metrics-service's API; none sends no Authorization header. */
        Optional<String> token();
    }
}
