package dev.vigil.common.topic;

import java.util.List;

import dev.vigil.common.StableApi;

/**
 * Kafka topic names of the Vigil contract; code and tests both use these constants.
 *
 * <pre>{@code
 * producer.send(new ProducerRecord<>(Topics.HEALTH_CHECKS, targetId, bytes));
 * String deadLetters = Topics.deadLetter(Topics.HEALTH_CHECKS); // vigil.health.checks.dlq
 * }</pre>
 */
@StableApi
public final class Topics {

    /** HealthCheckCompleted, keyed by target id. */
    public static final String HEALTH_CHECKS = "vigil.health.checks";

    /** AlertTriggered and AlertResolved, keyed by alert id so one alert's life stays in order. */
    public static final String ALERTS = "vigil.alerts";

    /** UsageRecorded, keyed by user id. */
    public static final String USAGE = "vigil.usage";

    /** QuotaThresholdCrossed, keyed by user id. */
    public static final String QUOTA_THRESHOLDS = "vigil.quota.thresholds";

    /** Every event topic, without the dead-letter topics. */
    public static final List<String> EVENT_TOPICS =
            List.of(HEALTH_CHECKS, ALERTS, USAGE, QUOTA_THRESHOLDS);

    private Topics() {
    }

    /** The topic where unreadable messages of {@code topic} go. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** Every topic the broker must have: the event topics and their dead-letter topics. */
    public static List<String> allTopics() {
        return EVENT_TOPICS.stream()
                .flatMap(topic -> List.of(topic, deadLetter(topic)).stream())
                .toList();
    }
}
