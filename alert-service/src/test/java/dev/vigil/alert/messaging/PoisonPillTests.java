package dev.vigil.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.DeadLetterHeaders;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** BR-18: undecodable records go to the dead-letter topic and the partition keeps moving. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class PoisonPillTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldDeadLetterBadRecordsAndStillTriggerOnTheNextValidOne() {
        String target = AlertEvents.newTargetId("t14");
        String ruleId = TestRules.consecutiveFailures(target, 2, List.of());
        byte[] missingTargetId = new String(EventCodec.encode(
                AlertEvents.check(target, "UNHEALTHY")), StandardCharsets.UTF_8)
                .replaceFirst("\"targetId\":\"[^\"]*\",", "")
                .getBytes(StandardCharsets.UTF_8);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader dlq = kafka.readerAtEnd(
                        Topics.deadLetter(Topics.HEALTH_CHECKS));
                KafkaTestClient.Reader alerts = kafka.readerAtEnd(Topics.ALERTS)) {
            kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, "UNHEALTHY"));
            kafka.send(Topics.HEALTH_CHECKS, target,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            kafka.send(Topics.HEALTH_CHECKS, target, missingTargetId);
            kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, "UNHEALTHY"));

            List<ConsumerRecord<String, byte[]>> letters = dlq.await(
                    record -> target.equals(record.key()), 2, WAIT);
            List<ConsumerRecord<String, byte[]>> triggers = alerts.await(
                    record -> AlertEvents.about(record, ruleId, "target:" + target), 1, WAIT);

            assertThat(letters).hasSize(2);
            assertThat(KafkaTestClient.text(letters.get(0))).isEqualTo("{not json");
            assertThat(KafkaTestClient.header(letters.get(0), DeadLetterHeaders.REASON))
                    .contains("not valid JSON");
            assertThat(KafkaTestClient.header(letters.get(1), DeadLetterHeaders.REASON))
                    .contains("targetId");
            long first = Long.parseLong(KafkaTestClient.header(letters.get(0),
                    DeadLetterHeaders.ORIGINAL_OFFSET));
            assertThat(KafkaTestClient.header(letters.get(1), DeadLetterHeaders.ORIGINAL_OFFSET))
                    .isEqualTo(String.valueOf(first + 1));
            assertThat(KafkaTestClient.header(letters.get(0),
                    DeadLetterHeaders.ORIGINAL_PARTITION)).isNotBlank();
            assertThat(triggers).hasSize(1);
            AlertTriggered triggered = (AlertTriggered) AlertEvents.decode(triggers.get(0));
            assertThat(triggered.observedValue()).isEqualTo(2.0);
            assertThat(dlq.settle(record -> target.equals(record.key()), Duration.ofSeconds(2)))
                    .as("each bad record is dead-lettered once").hasSize(2);
        }
    }
}
