package dev.vigil.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.AlertTestResource.DefaultWebhook;
import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** One outage travelling through the real broker: check results in, alerts and webhooks out. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class HealthCheckFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DefaultWebhook
    HttpReceiver webhook;

    @Test
    void shouldTriggerOnceAndResolveOnceForOneOutage() {
        String target = AlertEvents.newTargetId("outage");
        String subject = "target:" + target;

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader alerts = kafka.readerAtEnd(Topics.ALERTS)) {
            for (String status : List.of("HEALTHY", "UNHEALTHY", "UNHEALTHY", "UNHEALTHY",
                    "UNHEALTHY", "UNHEALTHY", "HEALTHY", "HEALTHY")) {
                kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, status));
            }
            List<ConsumerRecord<String, byte[]>> records = alerts.await(
                    record -> AlertEvents.about(record, AlertEvents.TARGET_DOWN_RULE, subject),
                    2, WAIT);
            List<ConsumerRecord<String, byte[]>> all = alerts.settle(
                    record -> AlertEvents.about(record, AlertEvents.TARGET_DOWN_RULE, subject),
                    Duration.ofSeconds(2));

            assertThat(records).hasSize(2);
            assertThat(all).hasSize(2);
            List<VigilEvent> events = AlertEvents.decodeAll(all);
            AlertTriggered triggered = (AlertTriggered) events.get(0);
            AlertResolved resolved = (AlertResolved) events.get(1);
            assertThat(resolved.alertId()).isEqualTo(triggered.alertId());
            assertThat(triggered.severity()).isEqualTo("critical");
            assertThat(triggered.observedValue()).isEqualTo(3.0);
            assertThat(triggered.suppressed()).isFalse();
            assertThat(resolved.suppressed()).isFalse();
            assertThat(KafkaTestClient.keys(all)).containsOnly(triggered.alertId());

            await().atMost(WAIT).untilAsserted(() -> assertThat(posts(triggered.alertId()))
                    .extracting(post -> post.headers().get("Idempotency-Key"))
                    .containsExactlyInAnyOrder(triggered.alertId() + ":triggered",
                            triggered.alertId() + ":resolved"));
            assertThat(posts(triggered.alertId()))
                    .allSatisfy(post -> assertThat(post.body()).contains(subject));
        }
    }

    private List<HttpReceiver.Received> posts(String alertId) {
        return webhook.requests().stream()
                .filter(request -> alertId.equals(request.headers().get("X-Vigil-Alert-Id")))
                .toList();
    }
}
