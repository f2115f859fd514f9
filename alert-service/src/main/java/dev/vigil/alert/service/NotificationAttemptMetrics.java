package dev.vigil.alert.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Exposes notification attempts by outcome as {@code vigil_notification_attempts_total} with
 * {@code outcome} {@code success} or {@code failure}, the series the alerting rules in
 * {@code deploy/prometheus} divide. Both series exist from the start, at zero, so a rate over
 * them is defined before the first notification.
 */
@Startup
@ApplicationScoped
public class NotificationAttemptMetrics {

    /** The dispatcher's per-attempt counter, tagged by outcome and notification kind. */
    static final String ATTEMPTS = "vigil_alert_notifications";

    NotificationAttemptMetrics(MeterRegistry registry) {
        register(registry, "success", "delivered");
        register(registry, "failure", "failed");
    }

    private static void register(MeterRegistry registry, String outcome, String recorded) {
        FunctionCounter.builder("vigil.notification.attempts", registry,
                        r -> attempts(r, recorded))
                .description("Notification attempts by outcome, over all channels and kinds")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Sums the dispatcher's counters of one recorded outcome over the notification kinds. */
    private static double attempts(MeterRegistry registry, String recorded) {
        return registry.find(ATTEMPTS).tag("outcome", recorded).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
