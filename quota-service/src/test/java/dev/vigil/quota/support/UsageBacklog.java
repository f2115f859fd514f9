package dev.vigil.quota.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.KafkaTestClient;

/**
 * Waits until the usage consumer has read what other modules' tests left on the shared
 * vigil.usage topic, so each test's own wait covers only its own events.
 */
public final class UsageBacklog {

    private UsageBacklog() {
    }

    /** Sends one marker event per partition key and waits until it is counted. */
    public static void drain() {
        String user = QuotaApi.unique("drain");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "drain", Instant.now()));
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(QuotaApi.used(user, "MONTH")).isEqualTo(1));
    }
}
